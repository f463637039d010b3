// Journey: a manager opens the demo dashboard, reads it in Chinese, reloads (the choice is
// kept), and switches back to English. Also refreshes the README screenshots.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';

const HAN = /\p{Script=Han}/u;

describe('language', () => {
  const env = useBrowserAndServer();

  it('shows the demo dashboard in English, then in Chinese across a reload, then in English again', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/');
      await app.testId('page-dashboard').waitFor();
      await app.waitForText(app.testId('centre-total'));
      assert.equal(await app.htmlLang(), 'en');
      assert.doesNotMatch(await app.navText(), HAN);
      await app.screenshot('dashboard-en');

      await app.setLanguage('zh-CN');
      assert.match(await app.navText(), HAN);

      await app.page.reload();
      await app.waitReady();
      assert.equal(await app.htmlLang(), 'zh-CN', 'the language survives a reload');
      assert.equal(await app.testId('language-select').inputValue(), 'zh-CN');
      await app.testId('page-dashboard').waitFor();
      await app.waitForText(app.testId('centre-total'));
      assert.match(await app.navText(), HAN);
      await app.screenshot('dashboard-zh-CN');

      await app.setLanguage('en');
      assert.doesNotMatch(await app.navText(), HAN);
    }));
});
