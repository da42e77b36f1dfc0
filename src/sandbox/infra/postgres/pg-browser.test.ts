/**
 * node-postgres in a browser Worker, against PGlite in the page, over a MessagePort: the shape the
 * browser engine will use. Proves the `pg` bundle runs with the stand-ins listed in
 * docs/ARCHITECTURE.md ("Plugging into the browser engine") and answers like a server.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { pgForBrowser } from './browser/build-options.ts';

const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate): candidate is string => !!candidate && existsSync(candidate),
);
const testing = path.resolve('src/sandbox/infra/testing');
const pgliteDist = path.resolve('node_modules/@electric-sql/pglite/dist');
const origin = 'http://infra.test';

/** The vendor build's options for the `pg` bundle (browser/build-options.ts). */
const pgBundle: BuildOptions = { bundle: true, format: 'esm', platform: 'browser', ...pgForBrowser };

declare function runService(): Promise<Record<string, unknown>>;

describe.skipIf(!executablePath)('node-postgres in a browser Worker over a MessagePort', () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it('queries, errors and transactions answer as pg does against a server', async () => {
    const [worker, page] = await Promise.all([
      build({ ...pgBundle, write: false, entryPoints: [path.join(testing, 'pg-worker.ts')] }),
      build({ bundle: true, format: 'esm', write: false, entryPoints: [path.join(testing, 'pg-page.ts')], external: ['@electric-sql/pglite'] }),
    ]);
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
    const context = await browser.newContext();
    await context.route(`${origin}/**`, async (route) => {
      const url = new URL(route.request().url());
      const js = (body: string) => route.fulfill({ contentType: 'text/javascript', body });
      if (url.pathname === '/') {
        const importMap = JSON.stringify({ imports: { '@electric-sql/pglite': '/pglite/index.js' } });
        return route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><script type="importmap">${importMap}</script><script type="module" src="/page.js"></script>`,
        });
      }
      if (url.pathname === '/page.js') return js(page.outputFiles![0]!.text);
      if (url.pathname === '/worker.js') return js(worker.outputFiles![0]!.text);
      if (url.pathname.startsWith('/pglite/')) {
        const file = path.join(pgliteDist, url.pathname.slice('/pglite/'.length));
        if (!file.startsWith(pgliteDist) || !existsSync(file)) return route.fulfill({ status: 404 });
        const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
        return route.fulfill({ contentType: type, body: readFileSync(file) });
      }
      return route.fulfill({ status: 404 });
    });
    const tab = await context.newPage();
    tab.on('pageerror', (error) => console.error('[page error]', error.message));
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => 'runService' in globalThis);
    const report = await tab.evaluate(() => runService());

    expect(report.failure).toBeUndefined();
    expect(report.rowCount).toBe(1);
    expect(report.inserted).toEqual([{ id: 1, sku: 'PIZ-1', price: '12.50', stock: '9007199254740993', meta: { vegano: true } }]);
    expect(report.duplicate).toEqual({
      isDatabaseError: true,
      code: '23505',
      constraint: 'products_sku_key',
      message: 'duplicate key value violates unique constraint "products_sku_key"',
      detail: 'Key (sku)=(PIZ-1) already exists.',
    });
    expect(report.afterRollback).toEqual([{ sku: 'PIZ-1' }]);
  }, 400_000);
});
