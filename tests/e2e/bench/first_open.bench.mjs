// First-open benchmark: how long a visitor waits, on a fresh profile (nothing cached, empty
// storage), from navigating to the release build until the demo dashboard is on screen and the
// main thread is free to answer a click. Prints figures only, never asserts a time.
//
//   node tests/e2e/bench/first_open.bench.mjs [runs]      (default 9; serves dist/)
//
// Times are the page's own performance.now() (0 = navigation start). Marks:
//   shell      the header is in the document (Rust has mounted the App)
//   fcp        the browser's first contentful paint (the shell, when the demo is deferred)
//   ready      body[data-ready="true"]
//   dashboard  the dashboard's centre total and a team card are in the document
//   idle       the first task after `dashboard` ran: the page can react to input
import { launchChromium, assertDistBuilt, DIST_DIR } from '../fixtures/browser.mjs';
import { startStaticServer } from '../fixtures/static_server.mjs';

const RUNS = Number(process.argv[2] ?? 9);

// Installed before any page script: a MutationObserver notes the first time each mark holds.
const RECORD_MARKS = () => {
  const marks = {};
  window.__firstOpenMarks = marks;
  const checks = {
    shell: () => document.querySelector('[data-testid="app-header"]'),
    ready: () => document.querySelector('body[data-ready="true"]'),
    dashboard: () =>
      document.querySelector('[data-testid="centre-total"]') &&
      document.querySelector('[data-testid="team-card"]'),
  };
  const observe = () => {
    const now = performance.now();
    for (const [name, holds] of Object.entries(checks)) {
      if (marks[name] === undefined && holds()) marks[name] = now;
    }
    if (marks.dashboard !== undefined && marks.idle === undefined && !marks.idlePending) {
      marks.idlePending = true;
      setTimeout(() => (marks.idle = performance.now()), 0);
    }
  };
  new MutationObserver(observe).observe(document, { childList: true, subtree: true, attributes: true });
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function openOnce(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(RECORD_MARKS);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__firstOpenMarks?.idle !== undefined, null, { timeout: 30_000 });
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.wasm'));
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      ...window.__firstOpenMarks,
      domContentLoaded: nav.domContentLoadedEventEnd,
      wasmFetched: wasm?.responseEnd,
      fcp: fcp?.startTime,
    };
  });
  await context.close();
  return marks;
}

assertDistBuilt();
const server = await startStaticServer(DIST_DIR);
const browser = await launchChromium();
try {
  await openOnce(browser, `${server.url}#/`); // warm-up: Chromium's own start-up costs
  const names = ['wasmFetched', 'shell', 'fcp', 'ready', 'dashboard', 'idle'];
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await openOnce(browser, `${server.url}#/`));
  console.log(`first open of ${DIST_DIR} (${RUNS} runs, fresh context each, ms since navigation start)`);
  console.log(['mark', 'median', 'min', 'max'].map((h) => h.padStart(11)).join(''));
  for (const name of names) {
    const values = runs.map((run) => run[name]).filter((v) => v !== undefined);
    const row = [median(values), Math.min(...values), Math.max(...values)].map((v) => v.toFixed(0).padStart(11));
    console.log(name.padStart(11) + row.join(''));
  }
  console.log(`first open to interactive dashboard: median ${median(runs.map((r) => r.idle)).toFixed(0)} ms`);
} finally {
  await browser.close();
  await server.close();
}
