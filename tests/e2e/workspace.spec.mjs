// Journeys: a manager who wants to start from nothing clears the demo in Settings (with a
// confirmation), finds the workspace still empty after a reload, then brings the demo back;
// and a page of an older build that meets a workspace saved by a newer one says so and
// leaves it exactly as saved.
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

  it('a workspace saved by a newer CareScore is named as such and left as saved', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/');
      await app.waitForText(app.testId('centre-total'));
      // What a newer build would have saved: a saved-state version this build does not know.
      const newer = JSON.stringify({ saved_state_version: 99, origin: 'imported', shape: 'from the future' });
      const saved = await app.page.evaluate(async (meta) => {
        const db = await new Promise((done, fail) => {
          const open = indexedDB.open('carescore');
          open.onsuccess = () => done(open.result);
          open.onerror = () => fail(open.error);
        });
        const put = (store, key, value) =>
          new Promise((done, fail) => {
            const request = store.put(value, key);
            request.onsuccess = done;
            request.onerror = () => fail(request.error);
          });
        const transaction = db.transaction('workspace', 'readwrite');
        const store = transaction.objectStore('workspace');
        await put(store, 'meta', meta);
        await put(store, 'revision', 1000);
        db.close();
        return meta;
      }, newer);

      await app.page.reload();
      await app.waitReady();
      const banner = await app.waitForText(app.testId('newer-banner'));
      assert.match(banner, /saved by a newer version of CareScore \(v99\): reload the page or update/);
      assert.doesNotMatch(banner, /could not be read/, 'never called unreadable');
      assert.equal(await app.testId('corrupt-banner').count(), 0);

      // Using the page saves nothing over it: the newer state is still there, byte for byte.
      await app.goto('/settings');
      await app.testId('settings-load-demo').click();
      await app.goto('/');
      await app.waitForText(app.testId('centre-total'));
      const after = await app.page.evaluate(async () => {
        const db = await new Promise((done) => {
          const open = indexedDB.open('carescore');
          open.onsuccess = () => done(open.result);
        });
        const meta = await new Promise((done) => {
          const request = db.transaction('workspace').objectStore('workspace').get('meta');
          request.onsuccess = () => done(request.result);
        });
        db.close();
        return meta;
      });
      assert.equal(after, saved, 'the newer saved state is left exactly as it was');
    }));
});
