// The browser sandbox engine in a real browser: workers, virtual network, errors, watchdog, preview.
// Drives the internal test page /dev/sandbox-engine/ through its window.sandboxEngineTest hook.
import { expect, test, type Page } from '@playwright/test';

type Status = { state: string; reason?: string; file?: string; line?: number; column?: number; port?: number };

async function openBench(page: Page) {
  await page.goto('/dev/sandbox-engine/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.evaluate(async () => {
    const w = window as unknown as Record<string, any>;
    w.engine = await w.sandboxEngineTest.load();
  });
}

const start = (page: Page, service: string) =>
  page.evaluate(async (name) => {
    const engine = (window as any).engine;
    const startedAt = performance.now();
    await engine.start(name);
    return { status: engine.status(name) as Status, ms: performance.now() - startedAt };
  }, service);

const request = (page: Page, service: string, path: string) =>
  page.evaluate(([name, p]) => (window as any).engine.request({ service: name, method: 'GET', path: p }), [service, path] as const);

test.describe('browser sandbox engine', () => {
  test('serves a first 200 and calls one service from another across workers', async ({ page }) => {
    await openBench(page);
    const products = await start(page, 'products-service');
    expect(products.status).toEqual({ state: 'running', port: 3001 });
    const first = await request(page, 'products-service', '/products/p-1');
    expect(first.status).toBe(200);
    // "(1 de 2)" comes from names.ts calling back into products.ts: the import cycle works.
    expect(JSON.parse(first.text)).toEqual({ id: 'p-1', name: 'Pizza margarita (1 de 2)', price: 9.5 });
    await expect(page.locator('#log')).toContainText('[products-service] products-service escuchando en http://localhost:3001');

    expect((await start(page, 'orders-service')).status.state).toBe('running');
    const order = await request(page, 'orders-service', '/orders/preview/p-1');
    expect(order.status).toBe(200);
    expect(JSON.parse(order.text)).toEqual({ product: 'Pizza margarita (1 de 2)', total: 19 });

    // With products-service stopped, its port refuses connections and orders-service answers 503.
    await page.evaluate(() => (window as any).engine.stop('products-service'));
    const down = await request(page, 'orders-service', '/orders/preview/p-1');
    expect(down.status).toBe(503);
    await expect(page.locator('#log')).toContainText('[orders-service] products-service no disponible: fetch failed');
  });

  test('reports a syntax error with file, line and column', async ({ page }) => {
    await openBench(page);
    const status = await page.evaluate(async () => {
      const engine = (window as any).engine;
      const source: string = await engine.readFile('products-service/src/catalog/names.ts');
      await engine.writeFile('products-service/src/catalog/names.ts', source.replace('export function formatName(', 'export function formatName(('));
      await engine.start('products-service');
      return engine.status('products-service');
    });
    expect(status.state).toBe('crashed');
    expect(status.file).toBe('products-service/src/catalog/names.ts');
    expect(status.line).toBe(3);
    expect(status.column).toBeGreaterThan(20);
    expect(status.reason).toContain(`Error de sintaxis en products-service/src/catalog/names.ts:3:${status.column}`);
  });

  test('stops an infinite loop within 5 s and the page stays responsive', async ({ page }) => {
    await openBench(page);
    expect((await start(page, 'orders-service')).status.state).toBe('running');
    await page.evaluate(() => {
      const w = window as any;
      w.spinStartedAt = performance.now();
      w.spin = w.engine.request({ service: 'orders-service', method: 'GET', path: '/spin' }).then(
        () => 'answered',
        (error: Error) => error.message,
      );
      w.engine.onStatus((name: string, status: Status) => {
        if (name === 'orders-service' && status.state === 'crashed') w.crashedAfter = performance.now() - w.spinStartedAt;
      });
    });
    // The page keeps handling input while the worker spins.
    await page.getByRole('button', { name: 'Comprobar que la página responde' }).click();
    await expect(page.locator('#pong')).toHaveText('1');
    await page.waitForFunction(() => (window as any).crashedAfter !== undefined, undefined, { timeout: 6000 });
    const outcome = await page.evaluate(async () => {
      const w = window as any;
      return { after: w.crashedAfter as number, spin: await w.spin, status: w.engine.status('orders-service') as Status };
    });
    expect(outcome.after).toBeLessThan(5000);
    expect(outcome.status.reason).toBe(
      'El servicio orders-service no respondió en 3 s: probablemente un bucle infinito. Se detuvo el worker; corrige el código y pulsa Ejecutar.',
    );
    expect(outcome.spin).toContain('orders-service se detuvo antes de responder');
    await page.getByRole('button', { name: 'Comprobar que la página responde' }).click();
    await expect(page.locator('#pong')).toHaveText('2');
    // And it can run again.
    expect((await start(page, 'orders-service')).status.state).toBe('running');
  });

  test('opens Swagger UI at /docs in a preview iframe that reads /openapi.json from the service', async ({ page }) => {
    test.setTimeout(60_000);
    await openBench(page);
    expect((await start(page, 'products-service')).status.state).toBe('running');
    const url = await page.evaluate(() => (window as any).engine.openPreview('products-service', '/docs'));
    expect(url).toMatch(/^\/__preview__\/frame\.html#\w+\/products-service\/docs$/);
    await page.evaluate((src) => (window as any).sandboxEngineTest.openPreviewFrame(src), url);
    // Sandboxed without allow-same-origin: an opaque origin (e2e/sandbox-isolation.spec.ts).
    await expect(page.locator('iframe[title="Vista previa"]')).toHaveAttribute('sandbox', 'allow-scripts allow-forms');
    const preview = page.frameLocator('iframe[title="Vista previa"]');
    await expect(preview.locator('.swagger-ui .info .title')).toContainText('products-service', { timeout: 30_000 });
    await expect(preview.locator('.opblock-summary-path').first()).toContainText('/products/{id}');
  });

  test('runs a lab checks file against the running services', async ({ page }) => {
    await openBench(page);
    const results = await page.evaluate(async () => {
      const w = window as any;
      await w.engine.start('products-service');
      await w.engine.start('orders-service');
      return w.engine.runChecks(w.sandboxEngineTest.fixtureChecks);
    });
    expect(results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false]);
    expect(results[2].message).toBe('products-service no conoce el producto nope');
  });

  test('runs code compiled at build time without loading the compiler, and loads it for an edit', async ({ page }) => {
    const compilerRequests: string[] = [];
    page.on('request', (req) => {
      if (/\/_astro\/transform\.[^/]*\.js$/.test(new URL(req.url()).pathname)) compilerRequests.push(req.url());
    });
    await openBench(page);
    expect((await start(page, 'products-service')).status.state).toBe('running');
    expect(JSON.parse((await request(page, 'products-service', '/products/p-2')).text).name).toBe('Agua (1 de 2)');
    expect(compilerRequests).toEqual([]);

    await page.evaluate(async () => {
      const engine = (window as any).engine;
      const source: string = await engine.readFile('products-service/src/catalog/names.ts');
      await engine.writeFile('products-service/src/catalog/names.ts', source.replace('(1 de ', '(uno de '));
    });
    expect((await start(page, 'products-service')).status.state).toBe('running');
    expect(JSON.parse((await request(page, 'products-service', '/products/p-2')).text).name).toBe('Agua (uno de 2)');
    expect(compilerRequests).toHaveLength(1);
  });

  test('every start runs in a fresh worker: module state resets, the environment stays', async ({ page }) => {
    await openBench(page);
    const counter = [
      "import { serve } from '@hono/node-server';",
      "import { Hono } from 'hono';",
      'let hits = 0;',
      'const app = new Hono();',
      "app.get('/hit', (c) => c.json({ hits: ++hits, greeting: process.env.GREETING }));",
      'serve({ fetch: app.fetch, port: 3950 });',
    ].join('\n');
    await page.evaluate(async (source) => {
      const engine = (window as any).engine;
      await engine.mount({ 'counter/src/server.ts': source }, [{ name: 'counter', dir: 'counter', port: 3950, env: { GREETING: 'hola' } }]);
    }, counter);
    const hit = async () => JSON.parse((await request(page, 'counter', '/hit')).text) as { hits: number; greeting: string };
    const adopted = () => page.evaluate(() => (window as any).engine.sparesAdopted as number);
    const before = await adopted();
    for (let run = 0; run < 3; run++) {
      // Wait for the signal, not for a time: a spare worker with its dependencies loaded is ready.
      await expect.poll(() => page.evaluate(() => (window as any).engine.hasReadySpare('counter') as boolean), { timeout: 20_000 }).toBe(true);
      expect((await start(page, 'counter')).status).toEqual({ state: 'running', port: 3950 });
      // The start adopted that spare, and its module state is still fresh.
      expect(await adopted()).toBe(before + run + 1);
      expect(await hit()).toEqual({ hits: 1, greeting: 'hola' });
      expect(await hit()).toEqual({ hits: 2, greeting: 'hola' });
    }
    const logs: string[] = await page.evaluate(() => (window as any).engine.logs('counter'));
    expect(logs).toEqual(['counter escuchando en :3950']);
  });
});
