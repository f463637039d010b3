// Journeys through feedback forms in the built app: a customer survey filled on the Forms
// page changes the agent's survey CSAT on the card and survives a reload; peer reviews stay
// anonymous until k = 3 peers have answered; a blank 360 form travels as a file to a
// colleague's browser and its answers come back and are merged.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { AppPage, withApp } from './fixtures/app_page.mjs';

/** Opens a built-in form on the Forms page for `agent`. */
async function openForm(app, templateId, agent) {
  await app.goto('/forms');
  await app.page.locator(`[data-fill='${templateId}']`).click();
  await app.page.locator('[data-testid=form-fill] select[data-subject=agent]').selectOption(agent);
}

/** Saves the open form and waits until the workspace holding it is saved too. */
async function save(app) {
  const revision = await app.savedRevision();
  await app.testId('form-save').click();
  await app.testId('form-fill').waitFor({ state: 'detached' });
  await app.waitForSaveAfter(revision);
}

/** The best-ranked agent of the month on screen. */
async function topAgent(app) {
  await app.goto('/');
  return app.testId('top-agents').locator('tbody tr a').first().innerText();
}

describe('feedback forms', () => {
  const env = useBrowserAndServer();

  it("a survey filled in the app changes the agent's survey CSAT, also after a reload", (t) =>
    withApp(t, env, async (app) => {
      const agent = await topAgent(app);
      await app.goto(`#/agent/${encodeURIComponent(agent)}`);
      await app.testId('feedback-none').waitFor();

      await openForm(app, 'builtin.customer_survey', agent);
      await app.page.locator("[data-item=csat] [data-value='4']").click();
      await save(app);
      await openForm(app, 'builtin.customer_survey', agent);
      await app.page.locator("[data-item=csat] [data-value='5']").click();
      await save(app);

      for (const reload of [false, true]) {
        if (reload) await app.page.reload();
        await app.goto(`#/agent/${encodeURIComponent(agent)}`);
        const csat = await app.waitForText(app.page.locator('[data-testid=agent-feedback] [data-figure=csat]'));
        assert.match(csat, /4\.5/, `the mean of 4 and 5 (${reload ? 'after a reload' : 'at once'}): ${csat}`);
        assert.match(csat, /2 responses/);
      }
    }));

  it('peer comments and the peer mean stay hidden until three peers answered', (t) =>
    withApp(t, env, async (app) => {
      const agent = await topAgent(app);
      const peers = [
        ['Peer One', 'Always shares tips'],
        ['Peer Two', 'Great at handovers'],
        ['Peer Three', 'Calm with angry customers'],
      ];
      for (const [i, [rater, comment]] of peers.entries()) {
        await openForm(app, 'builtin.review360_peer', agent);
        await app.page.locator('[data-testid=form-fill] input[data-subject=reviewer]').fill(rater);
        for (const scale of await app.page.locator('[data-testid=form-fill] .scale').all()) {
          await scale.locator("[data-value='4']").click();
        }
        await app.page.locator('[data-item=comment] textarea').fill(comment);
        await save(app);

        await app.goto(`#/agent/${encodeURIComponent(agent)}`);
        const panel = app.testId('agent-feedback');
        const peer = await app.waitForText(panel.locator('[data-figure=peer]'));
        if (i < 2) {
          await panel.getByTestId('peer-comments-hidden').waitFor();
          assert.equal(await panel.getByTestId('peer-comments').count(), 0);
          assert.doesNotMatch(peer, /75\.0/, `no peer mean below k: ${peer}`);
        } else {
          const shown = await panel.getByTestId('peer-comments').innerText();
          for (const [, c] of peers) assert.ok(shown.includes(c), `${c} in ${shown}`);
          assert.match(peer, /75\.0/);
        }
        // Nowhere on the card does a peer's name appear.
        const card = await app.testId('page-agent').innerText();
        for (const [r] of peers) assert.ok(!card.includes(r), `${r} is not shown`);
      }
    }));

  it('a blank 360 form is exported, filled in a second browser and its answers imported', (t) =>
    withApp(t, env, async (manager) => {
      const agent = await topAgent(manager);
      await manager.goto('/forms');
      await manager.page.locator("[data-send-blank='builtin.review360_manager']").click();
      await manager.testId('export-blank-agent').selectOption(agent);
      const [blank] = await Promise.all([
        manager.page.waitForEvent('download'),
        manager.testId('export-blank').click(),
      ]);
      assert.match(blank.suggestedFilename(), /\.carescore-form\.json$/);
      // Downloads vanish with their browser context: keep them as a colleague would.
      const dir = await mkdtemp(join(tmpdir(), 'carescore-forms-'));
      t.after(() => rm(dir, { recursive: true, force: true }));
      const blankPath = join(dir, blank.suggestedFilename());
      await blank.saveAs(blankPath);

      // The reviewer: another browser profile, nothing shared but the file.
      const reviewer = await AppPage.open(env, { locale: 'zh-CN' });
      let answersPath;
      try {
        await reviewer.goto('/forms');
        await reviewer.testId('open-form-file').setInputFiles(blankPath);
        const form = reviewer.testId('received-form');
        await form.getByTestId('form-fill').waitFor();
        assert.equal(await form.locator('select[data-subject=agent]').isDisabled(), true, 'the subject is locked');
        await form.locator('input[data-subject=reviewer]').fill('组长 王');
        for (const scale of await form.locator('.scale').all()) {
          await scale.locator("[data-value='5']").click();
        }
        const [answers] = await Promise.all([
          reviewer.page.waitForEvent('download'),
          reviewer.testId('form-save').click(),
        ]);
        assert.match(answers.suggestedFilename(), /\.answers\.carescore-form\.json$/);
        answersPath = join(dir, answers.suggestedFilename());
        await answers.saveAs(answersPath);
        const file = JSON.parse(await readFile(answersPath, 'utf8'));
        assert.equal(file.kind, 'answers');
        assert.equal(file.subject.agent, agent);
        reviewer.assertNoProblems();
      } finally {
        await reviewer.close();
      }

      // Back with the manager: import, preview, add; the card shows the manager review.
      await manager.goto('/forms');
      await manager.testId('import-answers-file').setInputFiles(answersPath);
      assert.match(await manager.waitForText(manager.testId('import-answers-preview')), new RegExp(agent));
      await manager.testId('import-answers-apply').click();
      await manager.testId('exchange-status').waitFor();
      await manager.goto(`#/agent/${encodeURIComponent(agent)}`);
      const review = await manager.waitForText(manager.page.locator('[data-testid=agent-feedback] [data-figure=manager]'));
      assert.match(review, /100\.0/, `every statement rated 5 is 100 on 0-100: ${review}`);

      // The same answers twice are refused and change nothing.
      await manager.goto('/forms');
      await manager.testId('import-answers-file').setInputFiles(answersPath);
      // The file is read asynchronously: wait for its preview or its refusal before
      // looking, or the check below races the read (seen as an occasional time-out).
      const apply = manager.testId('import-answers-apply');
      const refused = manager.testId('exchange-error');
      await apply.or(refused).first().waitFor();
      if (await apply.count()) await apply.click();
      await refused.waitFor();
    }));
});
