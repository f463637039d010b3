// Journey: accessibility as a test. axe-core runs on every view, in English and in Chinese,
// with the parts a user opens (a draft edit, an award editor, the three kinds of form, an
// import's mapping and quality report, a review file's merge preview) showing. No critical
// or serious violation may remain; a table of all counts goes to the console. Then the
// keyboard: the skip link is the first stop and leads to the main region, and a route change
// puts focus on the new view's heading (the first load does not).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';
import { QA_RUBRIC } from './fixtures/forms.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const PWC = resolve(REPO_ROOT, '../shared/data/pwc_call_center/Call-Center-Dataset.csv');
const BLOCKING = new Set(['critical', 'serious']);
const LANGUAGES = ['en', 'zh-CN'];

/**
 * Injects axe-core. The app's CSP (script-src 'self') refuses an inline <script>, which is
 * what addScriptTag with a path writes; evaluating the file's text goes through the DevTools
 * protocol, which the CSP does not govern, so the app's policy stays as it is.
 */
async function injectAxe(app) {
  const loaded = await app.page.evaluate(() => typeof window.axe === 'object');
  if (loaded) return;
  const source = await readFile(AXE_PATH, 'utf8');
  await app.page.evaluate(source);
  assert.equal(await app.page.evaluate(() => typeof window.axe?.run), 'function', 'axe-core loaded');
}

/** Runs axe on the whole document; returns the violations, each with its impact. */
async function audit(app) {
  await injectAxe(app);
  return app.page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(' ')),
    }));
  });
}

/** The views, each reached and opened up as a user does it. */
function views(agent, team) {
  const openForm = (templateId) => async (app) => {
    await app.goto('/forms');
    await app.page.locator(`[data-fill='${templateId}']`).click();
    await app.testId('form-fill').waitFor();
  };
  return [
    ['dashboard', async (app) => { await app.goto('/'); await app.waitForText(app.testId('centre-total')); }],
    ['team', async (app) => { await app.goto(`#/team/${encodeURIComponent(team)}`); await app.testId('page-team').waitFor(); }],
    ['agent', async (app) => { await app.goto(`#/agent/${encodeURIComponent(agent)}`); await app.testId('page-agent').waitFor(); }],
    ['print', async (app) => { await app.goto(`#/print/${encodeURIComponent(agent)}`); await app.page.locator('h1').first().waitFor(); }],
    ['scorecard (draft edit)', async (app) => {
      await app.goto('/scorecard');
      await app.testId('weight-dim-0').fill('100');
      await app.testId('weight-dim-0').blur();
    }],
    ['scheme review', async (app) => { await app.goto('/scorecard/review'); await app.page.locator('h1').first().waitFor(); }],
    ['awards (editor open)', async (app) => {
      await app.goto('/awards');
      const editor = app.testId('award-edit').first();
      await editor.locator('summary').click();
      await editor.getByTestId('award-selection').waitFor();
    }],
    ['forms: survey', openForm('builtin.customer_survey')],
    ['forms: QA rubric', openForm(QA_RUBRIC)],
    ['forms: 360 peer', openForm('builtin.review360_peer')],
    ['calibration', async (app) => { await app.goto('/forms/calibration'); await app.page.locator('h1').first().waitFor(); }],
    ['plans', async (app) => { await app.goto('/plans'); await app.testId('page-plans').waitFor(); }],
    ['weekly review', async (app) => { await app.goto('/plans/review'); await app.page.locator('h1').first().waitFor(); }],
    ['data (mapping, quality report)', async (app) => {
      await app.goto('/data');
      await app.testId('import-file').setInputFiles(PWC);
      await app.testId('mapping-preview').waitFor();
      await app.testId('import-check').click();
      await app.testId('quality-report').waitFor({ timeout: 30_000 });
    }],
    ['settings (merge preview)', async (app) => {
      await app.goto('/settings');
      const [download] = await Promise.all([
        app.page.waitForEvent('download'),
        app.testId('review-export-button').click(),
      ]);
      await app.testId('review-import-file').setInputFiles(await download.path());
      await app.testId('merge-preview').waitFor();
    }],
  ];
}

/** Prints counts per view and language, all impacts, as a table. */
function printTable(rows) {
  const impacts = ['critical', 'serious', 'moderate', 'minor'];
  const header = ['view', 'language', ...impacts];
  const lines = rows.map((row) => [row.view, row.language, ...impacts.map((i) => String(row.counts[i] ?? 0))]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((line) => line[c].length)));
  const format = (cells) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  console.log([format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n'));
}

describe('accessibility', () => {
  const env = useBrowserAndServer();

  it('axe finds no critical or serious violation on any view, in either language', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/');
      const agent = await app.testId('top-agents').locator('tbody tr a').first().innerText();
      const teamHref = await app.firstLinkHref('#/team/');
      const team = decodeURIComponent(teamHref.replace('#/team/', ''));
      const rows = [];
      const blocking = [];
      for (const language of LANGUAGES) {
        await app.setLanguage(language);
        for (const [view, open] of views(agent, team)) {
          await open(app);
          const violations = await audit(app);
          const counts = {};
          for (const v of violations) {
            counts[v.impact] = (counts[v.impact] ?? 0) + v.targets.length;
            if (BLOCKING.has(v.impact)) blocking.push({ view, language, ...v });
          }
          rows.push({ view, language, counts });
        }
      }
      printTable(rows);
      const report = blocking
        .map((v) => `${v.view} [${v.language}] ${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`)
        .join('\n');
      assert.equal(blocking.length, 0, `critical or serious violations:\n${report}`);
    }));

  it('the skip link is the first stop and leads to the main region', (t) =>
    withApp(t, env, async (app) => {
      for (const language of LANGUAGES) {
        await app.goto('/');
        await app.setLanguage(language);
        // A fresh load (the language is remembered), so Tab starts from the top.
        await app.page.reload();
        await app.waitReady();
        await app.page.keyboard.press('Tab');
        const skip = await app.page.evaluate(() => ({
          testid: document.activeElement?.getAttribute('data-testid'),
          text: document.activeElement?.textContent.trim(),
        }));
        assert.equal(skip.testid, 'skip-link');
        assert.equal(skip.text, language === 'en' ? 'Skip to content' : '跳到主要内容');
        await app.page.keyboard.press('Enter');
        await app.page.waitForFunction(() => document.activeElement?.id === 'main');
        assert.equal(await app.page.evaluate(() => document.activeElement.tagName), 'MAIN');
      }
    }));

  it('focus moves to the new view\'s heading after a route change, not on first load', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/');
      await app.waitForText(app.testId('centre-total'));
      assert.equal(await app.page.evaluate(() => document.activeElement?.tagName), 'BODY', 'first load leaves focus alone');

      await app.testId('nav-scorecard').click();
      await app.testId('page-scorecard').waitFor();
      const heading = () => app.page.evaluate(() => {
        const active = document.activeElement;
        return { tag: active?.tagName, tabindex: active?.getAttribute('tabindex'), inPage: !!active?.closest('main') };
      });
      await app.page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      assert.deepEqual(await heading(), { tag: 'H1', tabindex: '-1', inPage: true });

      await app.page.goBack();
      await app.testId('page-dashboard').waitFor();
      await app.page.waitForFunction(() => document.activeElement?.closest('[data-testid=page-dashboard]') !== null);
      assert.deepEqual(await heading(), { tag: 'H1', tabindex: '-1', inPage: true });
    }));
});
