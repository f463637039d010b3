// Journey through the scheme review (方案审查, the PDCA cycle's 定期审查): the workspace is
// first opened a year and a half ago (the browser clock is set back), an agent gives
// feedback on the scheme on the Forms page; today the yearly review is overdue, the
// dashboard says so, the review page summarises the feedback, a review is recorded and the
// next due date moves a year on; all of it survives a reload. Screenshots in both languages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';

/** `YYYY-MM-DD` of a date in local time (the app reads the browser's local date). */
function iso(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `date` plus `months`, a month end clamped (31 Jan + 1 month = 28/29 Feb), like the engine. */
function addMonths(date, months) {
  const first = new Date(date.getFullYear(), date.getMonth() + months, 1);
  const last = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
  return new Date(first.getFullYear(), first.getMonth(), Math.min(date.getDate(), last));
}

const FIRST_OPENED = new Date('2025-06-01T09:00:00');

describe('scheme review', () => {
  const env = useBrowserAndServer();

  it('shows the cycle, summarises agents\' feedback and records a review, across a reload', (t) =>
    withApp(t, env, async (app) => {
      // A year and a half ago: the scheme's start is unknown, so the cycle starts that day.
      await app.page.clock.setFixedTime(FIRST_OPENED);
      await app.goto('/scorecard');
      await app.testId('scheme-review-link').click();
      await app.testId('page-scheme-review').waitFor();
      assert.equal(await app.hash(), '#/scorecard/review');
      const status = app.testId('review-status');
      assert.equal(await status.getAttribute('data-due'), 'ok');
      assert.match(await status.innerText(), /due in 365 days \(2026-06-01\)/);
      const count = app.page.locator('[data-testid=scheme-feedback-summary] [data-testid=review-feedback-count]');
      assert.equal(await count.getAttribute('data-count'), '0');
      assert.ok((await app.testId('scheme-versions').locator('[data-testid=scheme-version]').count()) >= 1);

      // An agent's feedback on the scheme, filled on the Forms page (this saves the cycle too).
      await app.goto('/');
      const agent = await app.testId('top-agents').locator('tbody tr a').first().innerText();
      await app.goto('/scorecard/review');
      await app.testId('review-collect').click();
      await app.page.locator("[data-fill='builtin.scheme_feedback']").click();
      const form = app.testId('form-fill');
      await form.locator('select[data-subject=agent]').selectOption(agent);
      await form.locator("[data-item=understand_score] [data-value='4']").click();
      await form.locator("[data-item=measures_fairly] [data-value='2']").click();
      await form.locator('[data-item=weights_fair] select').selectOption('partly');
      await form.locator('[data-item=suggestion] textarea').fill('<b>Count callbacks</b> too');
      let revision = await app.savedRevision();
      await app.testId('form-save').click();
      await form.waitFor({ state: 'detached' });
      await app.waitForSaveAfter(revision);

      // Today: the yearly review is overdue, and the dashboard reminds of it.
      const now = new Date();
      await app.page.clock.setFixedTime(now);
      await app.page.reload();
      await app.waitReady();
      await app.goto('/');
      const reminder = app.testId('dashboard-scheme-review');
      assert.equal(await reminder.getAttribute('data-due'), 'overdue');
      await reminder.locator('a').click();
      await app.testId('page-scheme-review').waitFor();
      assert.equal(await status.getAttribute('data-due'), 'overdue');
      assert.match(await status.innerText(), /overdue by \d+ days \(was due 2026-06-01\)/);

      const summary = app.testId('scheme-feedback-summary');
      assert.equal(await count.getAttribute('data-count'), '1');
      const understand = summary.locator('[data-item=understand_score]');
      assert.equal(await understand.getByTestId('review-rating-mean').innerText(), '4.0 / 5');
      assert.equal(await understand.getByTestId('review-rating-count').innerText(), '1');
      assert.match(await summary.locator('[data-option=partly]').innerText(), /Partly\s+1/);
      const comment = summary.getByTestId('review-comment');
      assert.match(await comment.innerText(), /<b>Count callbacks<\/b> too/, 'the comment is shown as text');
      assert.equal(await comment.locator('b').count(), 0, 'and never as markup');
      assert.doesNotMatch(await summary.innerText(), new RegExp(agent), 'without the name');

      // Record the review held today: logged, next due a year from today.
      const page = app.testId('page-scheme-review');
      await page.getByTestId('review-by').fill('Team lead Lee');
      await page.getByTestId('review-note').fill('Kept the weights; add callbacks to QA');
      revision = await app.savedRevision();
      await page.getByTestId('review-record').click();
      await page.getByTestId('review-recorded').waitFor();
      const nextDue = iso(addMonths(now, 12));
      assert.equal(await page.getByTestId('review-next-due').innerText(), nextDue);
      assert.equal(await page.getByTestId('review-last').innerText(), iso(now));
      assert.equal(await status.getAttribute('data-due'), 'ok');
      const row = page.getByTestId('review-log-row');
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), /Team lead Lee/);

      await app.waitForSaveAfter(revision);
      await app.page.reload();
      await app.waitReady();
      await page.waitFor();
      assert.equal(await page.getByTestId('review-next-due').innerText(), nextDue, 'after a reload');
      assert.match(await page.getByTestId('review-log-row').innerText(), /Kept the weights/);
      assert.equal(await count.getAttribute('data-count'), '1');
      await app.goto('/');
      assert.equal(await app.testId('dashboard-scheme-review').count(), 0, 'no reminder once reviewed');

      // Screenshots in both languages, tall enough to show the feedback summary.
      await app.page.setViewportSize({ width: 1280, height: 1700 });
      await app.goto('/scorecard/review');
      await app.screenshot('scheme-review-en');
      await app.setLanguage('zh-CN');
      assert.match(await status.innerText(), /距下次审查还有/);
      assert.match(await summary.innerText(), /我清楚自己的分数是如何计算的/);
      await app.screenshot('scheme-review-zh-CN');
    }));
});
