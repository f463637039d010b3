// Journey of a review file between colleagues: on the demo workspace a manager fills a QA
// review, contests it and rejects the appeal, plans an action and edits an award rule, then
// exports a review file from Settings. A team lead opens it in a fresh browser profile (which
// holds only the demo): the file replaces the demo, and the dashboard, the agent card's
// feedback, appeals and plans, and the award winners are the same as the manager's.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { AppPage, withApp } from './fixtures/app_page.mjs';
import { fillQaReview } from './fixtures/forms.mjs';


/** Contests the agent's QA review on the card and rejects the appeal with a reason. */
async function contestAndReject(app, agent) {
  await app.goto(`#/agent/${encodeURIComponent(agent)}`);
  const panel = app.testId('agent-appeals');
  await panel.getByTestId('appeal-contest').first().click();
  await panel.getByTestId('appeal-reason').fill('The rubric was applied to a transfer');
  await panel.getByTestId('appeal-submit').click();
  const item = panel.locator('[data-testid=appeal-item][data-status=open]');
  await item.waitFor();
  await item.getByTestId('appeal-decided-by').fill('Manager Mo');
  await item.getByTestId('appeal-decision-reason').fill('The transfer happened after the greeting');
  await item.getByTestId('appeal-reject').click();
  await panel.locator('[data-testid=appeal-item][data-status=rejected]').waitFor();
}

/** Plans an action from the agent's first weak metric. */
async function planAction(app, agent) {
  await app.goto(`#/agent/${encodeURIComponent(agent)}`);
  const actions = app.testId('agent-actions');
  await actions.getByTestId('plan-weakness').first().click();
  await actions.getByTestId('plan-owner').fill('Team lead Li');
  await actions.getByTestId('plan-save').click();
  await actions.getByTestId('agent-action-list').locator('li').first().waitFor();
}

/** What a colleague compares: the dashboard, the agent card's panels and the award winners. */
async function whatTheySee(app, agent) {
  await app.goto('/');
  const seen = {
    centreTotal: await app.waitForText(app.testId('centre-total')),
    topAgents: await app.waitForText(app.testId('top-agents')),
  };
  await app.goto(`#/agent/${encodeURIComponent(agent)}`);
  seen.feedback = await app.waitForText(app.testId('agent-feedback'));
  seen.appeals = await app.waitForText(app.testId('agent-appeals'));
  seen.actions = await app.waitForText(app.testId('agent-actions'));
  await app.goto('/awards');
  await app.testId('award').first().waitFor();
  seen.winners = await app.page.locator('[data-testid=award-winner]').allInnerTexts();
  return seen;
}

describe('sharing a review file', () => {
  const env = useBrowserAndServer();

  it('carries forms, appeals, plans and award rules to a fresh profile, replacing its demo', (t) =>
    withApp(t, env, async (manager) => {
      await manager.goto('/');
      const agent = await manager.testId('top-agents').locator('tbody tr a').first().innerText();
      await fillQaReview(manager, { agent, reference: 'SHARE-0001', reviewer: 'QA Rita' });
      await contestAndReject(manager, agent);
      await planAction(manager, agent);
      await manager.goto('/awards');
      const firstAward = manager.testId('award-edit').first();
      await firstAward.locator('summary').click();
      await firstAward.getByTestId('award-selection').selectOption('top_n');
      await firstAward.getByTestId('award-top-n').fill('5');

      const before = await whatTheySee(manager, agent);
      assert.match(before.feedback, /QA/, 'the QA review shows on the card');
      assert.match(before.appeals, /Manager Mo/, 'the rejected appeal and its trail show');
      assert.match(before.actions, /Team lead Li/, 'the planned action shows');
      assert.ok(before.winners.length >= 5, `top 5 of the first award: ${before.winners.length}`);

      await manager.goto('/settings');
      const [download] = await Promise.all([
        manager.page.waitForEvent('download'),
        manager.testId('review-export-button').click(),
      ]);
      const dir = await mkdtemp(join(tmpdir(), 'carescore-share-'));
      t.after(() => rm(dir, { recursive: true, force: true }));
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);

      // The team lead: another browser profile, nothing shared but the file.
      const lead = await AppPage.open(env);
      try {
        await lead.goto('/settings');
        await lead.testId('review-import-file').setInputFiles(file);
        const preview = lead.testId('merge-preview');
        await preview.waitFor();
        assert.match(await preview.innerText(), /records replace the demo's 20,000/, 'the preview says the demo goes, and how much');
        const award = preview.locator('[data-testid=merge-conflict][data-section=awards]');
        assert.equal(await award.getByTestId('merge-take-theirs').isChecked(), true, "over the demo the file's side is preselected");
        // Screenshots of the preview with its conflict, in both languages.
        await award.scrollIntoViewIfNeeded();
        await lead.screenshot('review-merge-en');
        await lead.setLanguage('zh-CN');
        await preview.getByText('评优规则').first().waitFor();
        await lead.screenshot('review-merge-zh-CN');
        await lead.setLanguage('en');
        await lead.testId('review-merge').click();
        await lead.testId('review-import-done').waitFor({ timeout: 30_000 });

        const after = await whatTheySee(lead, agent);
        assert.deepEqual(after, before, 'the lead sees what the manager saw');
        lead.assertNoProblems();
      } finally {
        await lead.close();
      }
    }));
});
