// Journeys through data in and out: a manager imports the PwC call-centre export through
// the mapping step, reads the data-quality report, applies it and finds it after a reload;
// then a colleague's round trip: export a review file, clear, import it, get the same file.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';

const PWC = resolve(REPO_ROOT, '../shared/data/pwc_call_center/Call-Center-Dataset.csv');
const SPREADSHEETS = resolve(REPO_ROOT, 'tests/bad_inputs/spreadsheets');

/** The digits of a count as shown ("5,000" -> 5000). */
const count = (text) => Number(text.replace(/[^0-9]/g, ''));

describe('data in and out', () => {
  const env = useBrowserAndServer();

  it('imports the PwC file through mapping and report, and keeps it across a reload', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/data');
      await app.testId('import-file').setInputFiles(PWC);
      await app.testId('mapping-editor').waitFor();

      // Suggested from the headers: Agent, Date + Time, Satisfaction rating.
      assert.equal(await app.testId('map-agent').inputValue(), 'Agent');
      assert.equal(await app.testId('map-opened_at').inputValue(), 'Date');
      assert.equal(await app.testId('map-opened_at-time').inputValue(), 'Time');
      assert.equal(await app.testId('map-csat').inputValue(), 'Satisfaction rating');
      await app.testId('mapping-preview').waitFor();
      const previewRows = await app.testId('mapping-preview').locator('tbody tr').count();
      assert.ok(previewRows >= 5, `preview shows the first rows (${previewRows})`);

      await app.testId('import-check').click();
      await app.testId('import-checked').waitFor({ timeout: 30_000 });
      await app.testId('quality-report').waitFor();
      assert.equal(count(await app.testId('quality-rows-read').innerText()), 5000);
      assert.match(await app.testId('import-summary').innerText(), /5,000/);

      // Over the demo, Apply asks first and says how many demo records go.
      await app.testId('import-apply').click();
      assert.match(await app.waitForText(app.testId('import-confirm')), /20,000/);
      await app.testId('import-confirm-apply').click();
      await app.testId('import-done').waitFor({ timeout: 30_000 });
      assert.equal(count(await app.testId('data-records').innerText()), 5000);

      await app.page.reload();
      await app.waitReady();
      await app.testId('data-summary').waitFor();
      assert.equal(count(await app.testId('data-records').innerText()), 5000, 'records survive a reload');
      await app.goto('/');
      const total = await app.waitForText(app.testId('centre-total'));
      assert.match(total, /\d/, 'the imported records are scored');
    }));

  it('reads workbooks in the data worker, reports bad cells by sheet row, and changes nothing', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/data');
      await app.testId('data-summary').waitFor();
      const before = await app.testId('data-records').innerText();

      // Excel error cells (#REF!, #VALUE!, #N/A) where dates belong: every row rejected, by row.
      await app.testId('import-file').setInputFiles(resolve(SPREADSHEETS, 'error-cells.xlsx'));
      await app.testId('mapping-editor').waitFor();
      assert.match(await app.testId('import-source').innerText(), /error-cells\.xlsx · xlsx · Sheet1/);
      await app.testId('import-check').click();
      await app.testId('quality-report').waitFor({ timeout: 30_000 });
      assert.equal(count(await app.testId('quality-rejected').innerText()), 3);
      assert.equal(count(await app.testId('quality-accepted').innerText()), 0);
      await app.testId('import-discard').click();

      // A damaged workbook: a message naming the file, and no way to apply anything.
      await app.testId('import-file').setInputFiles(resolve(SPREADSHEETS, 'truncated.xlsx'));
      const message = await app.waitForText(app.testId('import-error'));
      assert.match(message, /^truncated\.xlsx: .*damaged or cut short/);
      assert.equal(await app.testId('import-apply').count(), 0);
      assert.equal(await app.testId('data-records').innerText(), before, 'the workspace is unchanged');
    }));

  it('exports a review file, clears, imports it and exports the same bytes', (t) =>
    withApp(t, env, async (app) => {
      const exportFile = async () => {
        await app.goto('/settings');
        const [download] = await Promise.all([
          app.page.waitForEvent('download'),
          app.testId('review-export-button').click(),
        ]);
        const path = await download.path();
        return { name: download.suggestedFilename(), bytes: await readFile(path) };
      };
      await app.goto('/');
      await app.waitForText(app.testId('centre-total'));
      const first = await exportFile();
      assert.match(first.name, /^carescore-workspace-\d{4}-\d{2}-\d{2}\.json$/);

      await app.testId('settings-clear-workspace').click();
      await app.testId('settings-clear-confirm').click();
      await app.goto('/');
      await app.testId('empty-workspace').waitFor();

      await app.goto('/settings');
      await app.testId('review-import-file').setInputFiles({
        name: first.name,
        mimeType: 'application/json',
        buffer: first.bytes,
      });
      await app.testId('merge-preview').waitFor();
      await app.testId('review-merge').click();
      await app.testId('review-import-done').waitFor({ timeout: 30_000 });

      const second = await exportFile();
      assert.ok(second.bytes.equals(first.bytes), 'export -> import -> export is byte-identical');
      await app.page.reload();
      await app.waitReady();
      await app.goto('/');
      await app.waitForText(app.testId('centre-total'));
    }));
});
