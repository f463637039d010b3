// Journey through the improvement loop: a manager plans an action from an agent's weak
// metric (baseline and target pre-filled, due next month), the plan waits for data, next
// month's records are imported, and the engine's verdict appears on the plan.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';

/** `count` good contacts of `agent` in October 2026, in the canonical CSV layout. */
function octoberCsv(agent, team, count) {
  const header =
    'id,agent,team,channel,topic,opened_at,answered,first_response_secs,handle_secs,resolved,resolved_at,first_contact_resolved,reopen_count,reassign_count,complaint,csat,sla_met';
  const rows = [];
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push(
      `OCT-${i},${agent},${team},chat,退款,2026-10-${day} 10:00:00,true,12,150,true,2026-10-${day} 10:03:00,true,0,0,false,5,true`,
    );
  }
  return `${header}\n${rows.join('\n')}\n`;
}

describe('improvement plans', () => {
  const env = useBrowserAndServer();

  it("an action planned from a weak metric is verified once next month's data is imported", (t) =>
    withApp(t, env, async (app) => {
      // October 2026, the month after the demo's data: a new action falls due this month.
      await app.page.clock.setFixedTime(new Date('2026-10-05T10:00:00'));
      await app.goto('/');
      const agent = await app.testId('top-agents').locator('tbody tr a').first().innerText();
      const team = await app.testId('top-agents').locator('tbody tr .muted').first().innerText();
      await app.goto(`#/agent/${encodeURIComponent(agent)}`);

      const actions = app.testId('agent-actions');
      await actions.getByTestId('plan-weakness').first().click();
      assert.notEqual(await actions.getByTestId('plan-baseline').inputValue(), '', 'baseline pre-filled');
      assert.notEqual(await actions.getByTestId('plan-target').inputValue(), '', 'target suggested');
      assert.equal(await actions.getByTestId('plan-due').inputValue(), '2026-10');
      await actions.getByTestId('plan-owner').fill('Team lead');
      await actions.getByTestId('plan-save').click();

      await app.goto('/plans');
      const verdict = app.testId('plan-item').first().getByTestId('verdict');
      assert.equal(await verdict.getAttribute('data-outcome'), 'no_data', 'waits for October');

      const dir = await mkdtemp(join(tmpdir(), 'carescore-plans-'));
      try {
        const file = join(dir, 'october.csv');
        await writeFile(file, octoberCsv(agent, team, 40));
        await app.goto('/data');
        await app.testId('import-file').setInputFiles(file);
        await app.testId('import-check').click();
        await app.testId('quality-report').waitFor();
        await app.testId('import-apply').click();
        await app.testId('import-confirm-apply').click();
        await app.testId('import-done').waitFor();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }

      await app.goto('/plans');
      const outcome = await verdict.getAttribute('data-outcome');
      assert.ok(['achieved', 'not_achieved'].includes(outcome), `a verdict from October's data: ${outcome}`);
      assert.match(await verdict.innerText(), /2026-10/);
    }));
});
