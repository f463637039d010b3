// Journey through appeals (申诉): a QA review filled on the Forms page shows on the agent
// card's Feedback panel; the agent contests it on the card, a manager accepts it with a
// reason, the QA figure drops out (the panel has no figure left) and the audit trail names who did what and why;
// after a reload the appeal, its trail and the exclusion are still there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';
import { fillQaReview } from './fixtures/forms.mjs';


describe('appeals', () => {
  const env = useBrowserAndServer();

  it('a contested QA review, accepted with a reason, leaves the QA figure, also after a reload', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/');
      const agent = await app.testId('top-agents').locator('tbody tr a').first().innerText();
      await fillQaReview(app, { agent, reference: 'APPEAL-0001', reviewer: 'QA Rita' });

      const card = `#/agent/${encodeURIComponent(agent)}`;
      await app.goto(card);
      const qa = app.page.locator('[data-testid=agent-feedback] [data-figure=qa]');
      assert.match(await app.waitForText(qa), /100\.0.*1 review/s);

      const panel = app.testId('agent-appeals');
      const review = panel.locator('[data-testid=appeal-review]');
      assert.equal(await review.count(), 1);
      assert.match(await review.innerText(), /QA Rita.*APPEAL-0001/s);
      await panel.getByTestId('appeal-contest').click();
      assert.equal(await panel.getByTestId('appeal-raised-by').inputValue(), agent, "the agent's name by default");
      await panel.getByTestId('appeal-reason').fill('The customer asked for a manager; the rubric does not apply');
      await panel.getByTestId('appeal-submit').click();

      const item = panel.locator('[data-testid=appeal-item]');
      await panel.locator('[data-testid=appeal-item][data-status=open]').waitFor();
      assert.match(await app.waitForText(qa), /100\.0/, 'an open appeal changes nothing');

      await item.getByTestId('appeal-decided-by').fill('Manager Mo');
      await item.getByTestId('appeal-decision-reason').fill('Escalation calls are out of the QA sample');
      const revision = await app.savedRevision();
      await item.getByTestId('appeal-accept').click();
      await panel.locator('[data-testid=appeal-item][data-status=accepted]').waitFor();
      await app.waitForSaveAfter(revision);

      for (const reload of [false, true]) {
        if (reload) {
          await app.page.reload();
          await app.goto(card);
        }
        const when = reload ? 'after a reload' : 'at once';
        // The only review is out: the panel has no feedback figure left to show.
        await app.testId('feedback-none').waitFor();
        assert.match(await app.testId('feedback-excluded').innerText(), /Left out by accepted appeals: 1/);
        assert.equal(await qa.count(), 0, `the QA figure drops out (${when})`);
        assert.doesNotMatch(await app.testId('agent-feedback').innerText(), /100\.0/);
        const accepted = panel.locator('[data-testid=appeal-item][data-status=accepted]');
        await accepted.waitFor();
        const steps = await accepted.locator('[data-testid=appeal-trail] li').allInnerTexts();
        assert.equal(steps.length, 2, `two steps (${when})`);
        assert.ok(steps[0].includes(agent) && steps[0].includes('rubric does not apply'), steps[0]);
        assert.ok(steps[1].includes('Manager Mo') && steps[1].includes('accepted'), steps[1]);
        assert.ok(steps[1].includes('out of the QA sample'), steps[1]);
        await panel.getByTestId('appeal-excluded').waitFor();
      }

      // Screenshots of the panel with its decided appeal, in both languages.
      await panel.scrollIntoViewIfNeeded();
      await app.screenshot('appeals-en');
      await app.setLanguage('zh-CN');
      await panel.getByText('申诉').first().waitFor();
      await panel.scrollIntoViewIfNeeded();
      await app.screenshot('appeals-zh-CN');
    }));
});
