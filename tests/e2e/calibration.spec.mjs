// Journey through QA calibration: three reviewers mark the same conversation on the Forms
// page, two of them alike and one who gives nothing for the greeting; the calibration page
// names the agreement statistic and its formula, flags the one who drifts and lists the
// greeting as the widest spread. Screenshots of the page in both languages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';
import { fillQaReview } from './fixtures/forms.mjs';

const CONVERSATION = 'CAL-0001';

/** `reviewer` marks the calibration conversation of `agent` (full points but `marks`). */
const review = (app, agent, reviewer, marks = {}) =>
  fillQaReview(app, { agent, reference: CONVERSATION, reviewer, marks });


describe('QA calibration', () => {
  const env = useBrowserAndServer();

  it('three reviewers of one conversation: alpha with its formula, the drifting reviewer flagged', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/');
      const agent = await app.testId('top-agents').locator('tbody tr a').first().innerText();

      await app.goto('/forms');
      await app.testId('calibration-link').click();
      await app.testId('calibration-empty').waitFor();
      assert.equal(await app.hash(), '#/forms/calibration');

      await review(app, agent, 'Reviewer A');
      await review(app, agent, 'Reviewer B');
      await review(app, agent, 'Reviewer C', { greeting: 0 });

      await app.goto('/forms/calibration');
      const agreement = app.testId('calibration-agreement');
      await agreement.waitFor();
      assert.match(await agreement.innerText(), /Reviewers: 3\. Conversations marked by two or more of them: 1\./);
      assert.match(await app.testId('calibration-formula').innerText(), /α = 1 − Dₒ \/ Dₑ/);
      // One disagreement and none anywhere else: no better than chance.
      assert.match(await app.testId('alpha-interval').innerText(), /^-?0\.\d{3}$/);
      assert.match(await agreement.innerText(), /Unreliable/);

      const reviewers = app.testId('calibration-reviewers');
      const drift = async (name) =>
        reviewers.locator(`tr[data-reviewer='${name}']`).getAttribute('data-drift');
      // C: -100% on 1 of 7 items -> 14.3% > 10%; A and B: +50% on 1 of 7 -> 7.1%.
      assert.equal(await drift('Reviewer C'), 'true');
      assert.equal(await drift('Reviewer A'), 'false');
      assert.equal(await drift('Reviewer B'), 'false');
      assert.match(await reviewers.locator("tr[data-reviewer='Reviewer C']").innerText(), /-14\.3.*harsher/s);

      const first = app.testId('calibration-items').locator('tbody tr').first();
      assert.equal(await first.getAttribute('data-unit'), `${CONVERSATION}/greeting`);

      // A stricter threshold flags A and B too.
      await app.testId('calibration-threshold').fill('5');
      await app.testId('calibration-threshold').dispatchEvent('change');
      await reviewers.locator("tr[data-reviewer='Reviewer A'][data-drift=true]").waitFor();

      await app.testId('calibration-threshold').fill('10');
      await app.testId('calibration-threshold').dispatchEvent('change');
      await app.screenshot('calibration-en');
      await app.setLanguage('zh-CN');
      await app.page.getByText('质检员之间的一致性').waitFor();
      await app.screenshot('calibration-zh-CN');
    }));
});
