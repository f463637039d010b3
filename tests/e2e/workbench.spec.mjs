// Journeys through the scorecard workbench: a manager moves a weight and sees ranks change,
// saves it as a new version and finds the new rank on the agent's card; opens an agent's
// explanation and finds how many records the total rests on; and does all of the editing
// with the keyboard alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';

/** Presses Tab (or Shift+Tab) until the focused element has `testId`; fails after `limit` presses. */
async function tabTo(app, testId, { back = false, limit = 200 } = {}) {
  for (let i = 0; i < limit; i++) {
    const focused = await app.page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (focused === testId) return;
    await app.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`${testId} was not reached with ${limit} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

describe('scorecard workbench', () => {
  const env = useBrowserAndServer();

  it('a weight change moves an agent in rank, and once saved the agent card shows the new rank', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/');
      const period = await app.testId('period-select').inputValue();

      await app.goto('/scorecard');
      await app.testId('movers-empty').waitFor();
      await app.testId('weight-dim-0').fill('100');
      await app.testId('mover').first().waitFor();
      // The first listed mover whose rank changes: "#7 → #3".
      const movers = await app.testId('mover').evaluateAll((items) =>
        items.map((li) => ({
          agent: li.getAttribute('data-agent'),
          rank: li.querySelector('[data-testid="mover-rank"]').textContent,
        })),
      );
      const mover = movers
        .map(({ agent, rank }) => ({ agent, ranks: rank.split('→').map((s) => s.trim().replace('#', '')) }))
        .find(({ ranks }) => ranks[0] !== ranks[1] && ranks.every((r) => /^\d+$/.test(r)));
      assert.ok(mover, `some mover changes rank: ${JSON.stringify(movers)}`);
      const [before, after] = mover.ranks;

      await app.goto(`#/agent/${encodeURIComponent(mover.agent)}`);
      assert.match(await app.waitForText(app.testId('agent-rank')), new RegExp(`^#${before} `), 'the saved version still ranks as before');

      await app.goto('/scorecard');
      await app.testId('weight-dim-0').fill('100');
      await app.testId('save-version-open').click();
      await app.testId('save-effective-from').fill(period);
      await app.testId('save-reason').fill('Quality first for the autumn review');
      await app.testId('save-version-submit').click();
      await app.testId('version-saved').waitFor();

      await app.goto(`#/agent/${encodeURIComponent(mover.agent)}`);
      assert.match(
        await app.waitForText(app.testId('agent-rank')),
        new RegExp(`^#${after} `),
        `${mover.agent} moved from #${before} to #${after} under the new version`,
      );
    }));

  it("an agent's explanation says how many records the total rests on", (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/');
      const agentLink = app.testId('top-agents').locator('tbody tr a').first();
      const name = await agentLink.innerText();
      await agentLink.click();
      await app.testId('page-agent').waitFor();
      // "How?" beside a metric opens the explanation at that metric's entry.
      const row = app.page.locator('[data-testid="metric-row"][data-metric="fcr_rate"]');
      await row.getByTestId('explain-metric').click();
      const explanation = app.testId('agent-explanation');
      assert.equal(await explanation.getAttribute('open'), '', 'the explanation is open');
      const entry = app.page.locator('#explain-fcr_rate');
      assert.equal(await entry.evaluate((el) => el === document.activeElement), true, 'focus is on the entry');
      assert.match(await entry.innerText(), /\d+ \/ \d+ =/, 'the entry shows its fraction');
      const text = await explanation.innerText();
      const counted = text.match(/([\d,]+) records of (\d{4}-\d{2}) were counted/);
      assert.ok(counted, `the explanation of ${name} names its record count:\n${text.slice(0, 400)}`);
      const records = Number(counted[1].replaceAll(',', ''));
      assert.ok(records > 0, `${name} has records`);
      // The rates over all contacts divide by that same count.
      const formulas = await app.testId('total-formula').innerText();
      assert.match(formulas, /=/);
      assert.ok(
        text.includes(`/ ${counted[1]} =`),
        `a metric of ${name} divides by the ${counted[1]} records:\n${text}`,
      );
    }));

  it('the editor works from the keyboard alone: edit a weight, save a version with a reason', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/scorecard');
      await app.testId('weight-dim-0').waitFor();
      await app.page.locator('body').focus();

      await tabTo(app, 'weight-dim-0');
      await app.page.keyboard.press('Control+A');
      await app.page.keyboard.type('60');
      await app.testId('mover').first().waitFor();
      assert.equal(await app.testId('draft-status').getAttribute('data-dirty'), 'true');

      // The slider beside it moves with the arrow keys.
      await app.page.keyboard.press('Tab');
      assert.equal(
        await app.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
        'weight-dim-0-slider',
      );
      await app.page.keyboard.press('ArrowLeft');
      assert.equal(await app.testId('weight-dim-0').inputValue(), '59');

      await tabTo(app, 'save-version-open', { back: true });
      await app.page.keyboard.press('Enter');
      await app.testId('save-version-form').waitFor();
      await tabTo(app, 'save-effective-from');
      await app.page.keyboard.type('2026-10');
      await tabTo(app, 'save-reason');
      await app.page.keyboard.type('Keyboard-only edit');
      await tabTo(app, 'save-version-submit');
      await app.page.keyboard.press('Enter');
      await app.testId('version-saved').waitFor();
      assert.equal(
        await app.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
        'version-saved',
        'focus lands on the saved notice',
      );
      assert.match(await app.testId('version-saved').innerText(), /2026-10|October|Oct/);
    }));
});

describe('one-to-one print view', () => {
  const env = useBrowserAndServer();

  for (const [locale, lang, title] of [
    ['en-US', 'en', /One-to-one/],
    ['zh-CN', 'zh-CN', /[\u4e00-\u9fff]/],
  ]) {
    it(`prints one agent's month on one A4 page, in ${lang}`, (t) =>
      withApp(
        t,
        env,
        async (app) => {
          await app.goto('/');
          assert.equal(await app.htmlLang(), lang);
          await app.testId('top-agents').locator('tbody tr a').first().click();
          const total = await app.waitForText(app.testId('agent-total'));
          await app.testId('print-link').click();
          await app.testId('page-print').waitFor();
          assert.match(await app.testId('print-title').innerText(), title);
          assert.equal((await app.testId('print-total').innerText()).trim().split(/\s/)[0], total);
          await app.testId('print-signatures').waitFor();

          // On paper: no app header, no buttons; one A4 page.
          await app.page.emulateMedia({ media: 'print' });
          assert.equal(await app.testId('app-header').isVisible(), false, 'the app header is not printed');
          assert.equal(await app.testId('print-button').isVisible(), false, 'the print button is not printed');
          await app.screenshot(`print-${lang}`);
          const pdf = await app.page.pdf({ format: 'A4', preferCSSPageSize: true });
          const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
          assert.equal(pages, 1, `the one-to-one sheet fits one A4 page (${pages})`);
        },
        { locale },
      ));
  }
});
