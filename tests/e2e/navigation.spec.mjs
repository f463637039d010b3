// Journey: every page opens from its URL (bookmarks, shared links), and the browser's back
// and forward buttons move between pages visited through the app's own links.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowserAndServer } from './fixtures/browser.mjs';
import { withApp } from './fixtures/app_page.mjs';

const PAGES_BY_ROUTE = {
  '/': 'page-dashboard',
  '/scorecard': 'page-scorecard',
  '/awards': 'page-awards',
  '/data': 'page-data',
  '/settings': 'page-settings',
  '/forms': 'page-forms',
  '/plans': 'page-plans',
  '/no-such-page': 'page-not-found',
};

describe('navigation', () => {
  const env = useBrowserAndServer();

  it('opens each page from its URL, a team and an agent included', (t) =>
    withApp(t, env, async (app) => {
      for (const [route, pageId] of Object.entries(PAGES_BY_ROUTE)) {
        await app.goto(route);
        await app.testId(pageId).waitFor();
      }
      await app.goto('/');
      const teamHash = await app.firstLinkHref('#/team/');
      const agentHash = await app.firstLinkHref('#/agent/');
      await app.goto(teamHash);
      await app.testId('page-team').waitFor();
      await app.goto(agentHash);
      await app.testId('page-agent').waitFor();
    }));

  it('moves back and forward between pages reached by links', (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/');
      await app.testId('page-dashboard').waitFor();

      await app.page.locator('a[href^="#/team/"]').first().click();
      await app.testId('page-team').waitFor();
      const teamHash = await app.hash();
      assert.match(teamHash, /^#\/team\/./);

      await app.page.locator('a[href^="#/agent/"]').first().click();
      await app.testId('page-agent').waitFor();
      assert.match(await app.hash(), /^#\/agent\/./);

      await app.page.goBack();
      await app.testId('page-team').waitFor();
      assert.equal(await app.hash(), teamHash);

      await app.page.goBack();
      await app.testId('page-dashboard').waitFor();

      await app.page.goForward();
      await app.testId('page-team').waitFor();
      assert.equal(await app.hash(), teamHash);
    }));
});
