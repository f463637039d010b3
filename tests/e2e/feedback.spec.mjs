// Journeys through feedback forms in the built app: a customer survey filled on the Forms
// page changes the agent's survey CSAT on the card and survives a reload; peer reviews stay
// anonymous until k = 3 peers have answered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';

/** Opens a built-in form on the Forms page for `agent`. */
async function openForm(app, templateId, agent) {
  await app.goto('/forms');
  await app.page.locator(`[data-fill='${templateId}']`).click();
  await app.page.locator('[data-testid=form-fill] select[data-subject=agent]').selectOption(agent);
}

async function save(app) {
  await app.testId('form-save').click();
  await app.testId('form-fill').waitFor({ state: 'detached' });
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
});
