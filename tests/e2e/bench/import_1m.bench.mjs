// Import benchmark in the browser: a manager picks a 1M-row CSV on the Data page, checks it
// (the data worker reads, checks and merges; the page measures) and applies it (one
// IndexedDB save). Prints figures only, never asserts a time.
//
//   node tests/e2e/bench/import_1m.bench.mjs [file.csv]      (default /tmp/demo_1m.csv)
//
// Make the file with: carescore demo --contacts 1000000 --agents 2000 --teams 80 --out /tmp/demo_1m.csv
//
// Figures (ms, the page's performance.now()):
//   open      file picked -> mapping editor shown (worker start, decode, headers, suggestion)
//   check     "Check" clicked -> quality report shown; "worker" is the worker's share
//   apply     "Apply" clicked -> "imported" notice (snapshot saved, workspace shown)
//   stall     the longest gap between two 10 ms ticks of the page's timer while checking:
//             how long the page could not answer a click
import { existsSync, statSync } from 'node:fs';
import { launchChromium, assertDistBuilt, DIST_DIR } from '../fixtures/browser.mjs';
import { startStaticServer } from '../fixtures/static_server.mjs';

const FILE = process.argv[2] ?? '/tmp/demo_1m.csv';
if (!existsSync(FILE)) {
  console.error(`${FILE} not found. Make it with:\n  cargo run --release -p carescore-cli -- demo --contacts 1000000 --agents 2000 --teams 80 --out ${FILE}`);
  process.exit(2);
}

// Installed before page scripts: a 10 ms timer that notes the longest gap between ticks.
const STALL_PROBE = () => {
  window.__stall = { max: 0, last: performance.now(), on: false };
  setInterval(() => {
    const now = performance.now();
    if (window.__stall.on) window.__stall.max = Math.max(window.__stall.max, now - window.__stall.last);
    window.__stall.last = now;
  }, 10);
};

const now = (page) => page.evaluate(() => performance.now());

assertDistBuilt();
const server = await startStaticServer(DIST_DIR);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(STALL_PROBE);
  const page = await context.newPage();
  await page.goto(`${server.url}#/data`);
  await page.waitForSelector('body[data-ready="true"]');
  const testId = (id) => page.locator(`[data-testid="${id}"]`);

  let t0 = await now(page);
  await testId('import-file').setInputFiles(FILE);
  await testId('mapping-editor').waitFor({ timeout: 120_000 });
  const open = (await now(page)) - t0;

  await page.evaluate(() => { window.__stall.on = true; window.__stall.max = 0; window.__stall.last = performance.now(); });
  t0 = await now(page);
  await testId('import-check').click();
  await testId('quality-report').waitFor({ timeout: 300_000 });
  const check = (await now(page)) - t0;
  const stall = await page.evaluate(() => { window.__stall.on = false; return window.__stall.max; });
  const worker = Number(await testId('import-checked').getAttribute('data-worker-ms'));
  const rows = await testId('quality-rows-read').innerText();

  t0 = await now(page);
  await testId('import-apply').click();
  // Over the demo, Apply asks first (one more click); over nothing it applies at once.
  const confirm = testId('import-confirm-apply');
  await confirm.or(testId('import-done')).first().waitFor({ timeout: 300_000 });
  if (await confirm.isVisible()) await confirm.click();
  await testId('import-done').waitFor({ timeout: 300_000 });
  const apply = (await now(page)) - t0;

  const mb = (statSync(FILE).size / 1e6).toFixed(1);
  console.log(`import of ${FILE} (${mb} MB, ${rows} rows) in Chromium, ${DIST_DIR}`);
  console.log(`load average: ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`open   ${open.toFixed(0).padStart(7)} ms   file picked -> mapping shown`);
  console.log(`check  ${check.toFixed(0).padStart(7)} ms   of which the worker ${worker.toFixed(0)} ms (read, quality report, merge, snapshot)`);
  console.log(`apply  ${apply.toFixed(0).padStart(7)} ms   save to IndexedDB and show`);
  console.log(`total  ${(open + check + apply).toFixed(0).padStart(7)} ms   open + check + apply (the clicks between them not counted)`);
  console.log(`stall  ${stall.toFixed(0).padStart(7)} ms   longest the page could not answer input while checking`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
