// Journey: a manager who wants to start from nothing clears the demo in Settings (with a
// confirmation), finds the workspace still empty after a reload, then brings the demo back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';

describe('workspace', () => {
  const env = useBrowserAndServer();

  it('clears the demo after confirming, stays empty across a reload, and loads it again', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/settings');
      await app.testId('page-settings').waitFor();

      // Cancelling the confirmation changes nothing.
      await app.testId('settings-clear-workspace').click();
      await app.testId('settings-clear-cancel').click();
      await app.goto('/');
      await app.waitForText(app.testId('centre-total'));

      await app.goto('/settings');
      await app.testId('settings-clear-workspace').click();
      await app.testId('settings-clear-confirm').click();
      assert.notEqual((await app.testId('settings-status').innerText()).trim(), '');

      await app.goto('/');
      await app.testId('empty-workspace').waitFor();
      await app.page.reload();
      await app.waitReady();
      await app.testId('empty-workspace').waitFor();
      assert.equal(await app.testId('centre-total').count(), 0, 'no scores after a reload');

      await app.goto('/settings');
      await app.testId('settings-load-demo').click();
      await app.goto('/');
      await app.waitForText(app.testId('centre-total'));
      await app.page.reload();
      await app.waitReady();
      await app.waitForText(app.testId('centre-total'));
    }));
});
