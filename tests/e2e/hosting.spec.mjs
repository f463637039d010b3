// Where the app may be put: any static host under any sub-path, and inside a sandboxed
// iframe (a wiki or intranet page) where storage is blocked.
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIST_DIR, assertDistBuilt, launchChromium, useBrowserAndServer } from './fixtures/browser.mjs';
import { startStaticServer } from './fixtures/static_server.mjs';
import { READY_SELECTOR, withApp } from './fixtures/app_page.mjs';

const SUB_PATH = 'some/sub/path/';

describe('hosting under a sub-path', () => {
  const env = { browser: null, server: null, baseUrl: null };
  let siteRoot;

  before(async () => {
    assertDistBuilt();
    siteRoot = await mkdtemp(join(tmpdir(), 'carescore-site-'));
    await cp(DIST_DIR, join(siteRoot, SUB_PATH), { recursive: true });
    env.server = await startStaticServer(siteRoot);
    env.baseUrl = `${env.server.url}${SUB_PATH}`;
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
    if (siteRoot) await rm(siteRoot, { recursive: true, force: true });
  });

  it(`boots at /${SUB_PATH} and loads every asset from there`, (t) =>
    withApp(t, env, async (app) => {
      await app.goto('/');
      await app.testId('page-dashboard').waitFor();
      await app.goto('/settings');
      await app.testId('page-settings').waitFor();
      const outside = env.server.requests.filter((path) => !path.startsWith(`/${SUB_PATH}`));
      assert.deepEqual(outside, [], 'requests outside the sub-path');
    }));
});

describe('hosting in a sandboxed iframe', () => {
  // No allow-same-origin: the frame gets an opaque origin, so localStorage throws.
  const env = useBrowserAndServer({
    extraPages: {
      '/embedding-page.html': `<!doctype html><html lang="en"><head><meta charset="utf-8">
        <title>Team wiki</title><link rel="icon" href="data:,"></head>
        <body><h1>Team wiki</h1>
        <iframe sandbox="allow-scripts" src="/" width="1200" height="800" title="CareScore"></iframe>
        </body></html>`,
    },
  });

  it('boots without storage and says so', (t) =>
    withApp(t, env, async (app) => {
      await app.page.goto(`${env.baseUrl}embedding-page.html`);
      const frame = app.page.frameLocator('iframe');
      await frame.locator(READY_SELECTOR).waitFor({ state: 'attached', timeout: 20_000 });
      await frame.locator('[data-testid="page-dashboard"]').waitFor();
      await frame.locator('[data-testid="storage-banner"]').waitFor();
      assert.notEqual((await frame.locator('[data-testid="storage-banner"]').innerText()).trim(), '');
    }));
});
