// What-if benchmark: a manager moves one weight in the scorecard editor on a workspace of
// 2,000 agents x 3 months; the app re-scores every agent in every period under the draft and
// redraws the editor and its movers panel. Prints p50/p95, never asserts a time.
//
//   node tests/e2e/bench/what_if.bench.mjs [file.csv] [edits]
//        (default /tmp/demo_2000_agents.csv, 200 edits after 20 warm-up edits)
//
// Make the file with (200,000 contacts, 2,000 agents, July-September):
//   cargo run --release -p carescore-cli -- demo --contacts 200000 --agents 2000 --teams 80 --out /tmp/demo_2000_agents.csv
//
// Figures per edit (ms, the page's performance.now()):
//   work   the input event -> every reactive effect has run (a macrotask later) and the
//          browser has recomputed style and layout (forced): the main thread's cost of one edit
//   frame  the input event -> the next frame has been painted (a message posted from the
//          frame's requestAnimationFrame arrives after its paint). Includes waiting for the
//          frame's turn, so it is at most one frame above `work` when the work fits a frame.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { launchChromium, assertDistBuilt, DIST_DIR } from '../fixtures/browser.mjs';
import { startStaticServer } from '../fixtures/static_server.mjs';

const FILE = process.argv[2] ?? '/tmp/demo_2000_agents.csv';
const EDITS = Number(process.argv[3] ?? 200);
const WARM_UP = 20;
if (!existsSync(FILE)) {
  console.error(`${FILE} not found. Make it with:\n  cargo run --release -p carescore-cli -- demo --contacts 200000 --agents 2000 --teams 80 --out ${FILE}`);
  process.exit(2);
}

// Runs in the page: one edit of the first dimension's weight, timed two ways.
const EDIT = async (value) => {
  const afterMacrotask = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
  const input = document.querySelector('[data-testid="weight-dim-0"]');
  const t0 = performance.now();
  const painted = new Promise((resolve) => requestAnimationFrame(() => afterMacrotask().then(resolve)));
  input.value = String(value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await afterMacrotask();
  document.documentElement.getBoundingClientRect();
  void document.body.offsetHeight;
  const work = performance.now() - t0;
  await painted;
  const frame = performance.now() - t0;
  const summary = document.querySelector('[data-testid="movers-summary"]')?.textContent ?? '';
  return { work, frame, summary };
};

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (ms) => ms.toFixed(2).padStart(7);

assertDistBuilt();
const server = await startStaticServer(DIST_DIR);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}#/data`);
  await page.waitForSelector('body[data-ready="true"]');
  const testId = (id) => page.locator(`[data-testid="${id}"]`);
  await testId('import-file').setInputFiles(FILE);
  await testId('mapping-editor').waitFor({ timeout: 120_000 });
  await testId('import-check').click();
  await testId('quality-report').waitFor({ timeout: 300_000 });
  await testId('import-apply').click();
  // Over the demo, Apply asks first (one more click); over nothing it applies at once.
  const confirm = testId('import-confirm-apply');
  await confirm.or(testId('import-done')).first().waitFor({ timeout: 300_000 });
  if (await confirm.isVisible()) await confirm.click();
  await testId('import-done').waitFor({ timeout: 300_000 });

  await page.goto(`${server.url}#/scorecard`);
  await testId('weight-dim-0').waitFor();
  const agents = await page.evaluate(() => document.querySelectorAll('[data-testid="mover"]').length);
  const work = [];
  const frame = [];
  const summaries = new Set();
  for (let i = 0; i < WARM_UP + EDITS; i++) {
    // Alternate between two weights so every edit changes the scores.
    const result = await page.evaluate(EDIT, i % 2 === 0 ? 45 : 25);
    summaries.add(result.summary);
    if (i >= WARM_UP) {
      work.push(result.work);
      frame.push(result.frame);
    }
  }
  if (summaries.size < 2) throw new Error(`the movers summary never changed (${[...summaries].join(' | ')}): the edits did not re-score`);

  console.log(`what-if on ${FILE} in Chromium, ${DIST_DIR}; ${EDITS} edits of one dimension weight after ${WARM_UP} warm-up edits`);
  console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; movers listed before timing: ${agents}`);
  console.log(`movers summary after the last edit: ${[...summaries].at(-1)}`);
  console.log(`         p50      p95      max  (ms)`);
  console.log(`work  ${fmt(percentile(work, 50))}  ${fmt(percentile(work, 95))}  ${fmt(Math.max(...work))}   event -> effects run, style and layout done`);
  console.log(`frame ${fmt(percentile(frame, 50))}  ${fmt(percentile(frame, 95))}  ${fmt(Math.max(...frame))}   event -> next frame painted (includes waiting for the frame)`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
