// The browser sandbox engine and the sandbox UI in Firefox (Debian's ESR, over WebDriver BiDi) and
// WebKit, Safari's engine (Debian's WebKitGTK, over W3C WebDriver): the engine needs no
// SharedArrayBuffer and must run wherever module workers do. The same promises as
// e2e/sandbox-engine.spec.ts, e2e/sandbox-labs.spec.ts (on the labs that use every capability) and
// the sandbox UI smoke test, on the built site (`npm run build` first).
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { representativeLabIds } from '../sandboxes/lib/representative-labs.ts';
import { serveDist } from '../scripts/serve-dist.ts';
import { FirefoxPage } from './firefox.ts';
import { waitFor, type RemotePage } from './page.ts';
import { WebKitPage } from './webkit.ts';

const PORT = Number(process.env.E2E_BROWSERS_PORT ?? 4380);
const origin = `http://127.0.0.1:${PORT}`;
type Status = { state: string; reason?: string; file?: string; line?: number; column?: number; port?: number };

const browsers = [
  { name: 'Firefox', launch: (): Promise<RemotePage> => FirefoxPage.launch() },
  { name: 'WebKit', launch: (): Promise<RemotePage> => WebKitPage.launch() },
];

let server: Server;
beforeAll(async () => {
  server = await serveDist(undefined, PORT);
});
afterAll(() => {
  server?.close();
});

// Every lab runs in Chromium (e2e/sandbox-labs.spec.ts); here the labs that together use every
// capability of the sandbox (sandboxes/lib/representative-labs.ts), since what differs between
// browsers is the Web APIs each capability rests on, not each lab's own code.
const labs = await representativeLabIds();

describe.each(browsers)('$name', ({ name, launch }) => {
  let page: RemotePage;

  beforeAll(async () => {
    page = await launch();
  }, 60_000);

  afterAll(async () => {
    await page?.close();
  });

  describe(`the browser engine in ${name}`, () => {
    it('serves a first 200 and calls one service from another across workers', async () => {
      await page.goto(`${origin}/dev/sandbox-engine/`);
      await waitFor(page, () => document.body.dataset.ready === 'true', 'la página de pruebas del motor');
      const outcome = await page.evaluate(async () => {
        const w = window as any;
        w.engine = await w.sandboxEngineTest.load();
        await w.engine.start('products-service');
        await w.engine.start('orders-service');
        const product = await w.engine.request({ service: 'products-service', method: 'GET', path: '/products/p-1' });
        const order = await w.engine.request({ service: 'orders-service', method: 'GET', path: '/orders/preview/p-1' });
        return { product: [product.status, JSON.parse(product.text)], order: [order.status, JSON.parse(order.text)] };
      });
      expect(outcome.product).toEqual([200, { id: 'p-1', name: 'Pizza margarita (1 de 2)', price: 9.5 }]);
      expect(outcome.order).toEqual([200, { product: 'Pizza margarita (1 de 2)', total: 19 }]);
    });

    it('reports a syntax error with file, line and column', async () => {
      const status = await page.evaluate(async () => {
        const engine = (window as any).engine;
        const source: string = await engine.readFile('products-service/src/catalog/names.ts');
        await engine.writeFile('products-service/src/catalog/names.ts', source.replace('export function formatName(', 'export function formatName(('));
        await engine.start('products-service');
        const result = engine.status('products-service');
        await engine.writeFile('products-service/src/catalog/names.ts', source);
        return result as Status;
      });
      expect(status).toMatchObject({ state: 'crashed', file: 'products-service/src/catalog/names.ts', line: 3 });
      expect(status.reason).toMatch(/^Error de sintaxis en products-service\/src\/catalog\/names\.ts:3:\d+/);
    });

    it('stops an infinite loop within 5 s while the page stays responsive', async () => {
      const outcome = await page.evaluate(async () => {
        const engine = (window as any).engine;
        await engine.start('orders-service');
        const startedAt = performance.now();
        const crashed = new Promise<number>((resolve) =>
          engine.onStatus((name: string, status: Status) => {
            if (name === 'orders-service' && status.state === 'crashed') resolve(performance.now() - startedAt);
          }),
        );
        const spin = engine.request({ service: 'orders-service', method: 'GET', path: '/spin' }).then(
          () => 'answered',
          (error: Error) => error.message,
        );
        // The page's own timers keep running while the worker spins.
        let ticks = 0;
        const ticker = setInterval(() => ticks++, 100);
        const after = await crashed;
        clearInterval(ticker);
        return { after, ticks, spin: await spin, reason: engine.status('orders-service').reason as string };
      });
      expect(outcome.after).toBeLessThan(5000);
      expect(outcome.ticks).toBeGreaterThan(10);
      expect(outcome.reason).toMatch(/no respondió en 3 s: probablemente un bucle infinito/);
      expect(outcome.spin).toContain('orders-service se detuvo antes de responder');
    });
  });

  describe(`the labs that use every capability, in ${name}`, () => {
    beforeAll(async () => {
      await page.goto(`${origin}/dev/sandbox-labs/`);
      await waitFor(page, () => document.body.dataset.ready === 'true', 'la página de los laboratorios');
    });

    for (const { id, covers } of labs) {
      it(`${id} (${covers.join(', ')}): the checks pass on the solution and one fails on the start`, async () => {
        const outcome = await page.evaluate(async (labId: string) => {
          const w = window as any;
          const lab = await w.sandboxLabs.fetchLab(labId);
          const engine = await (w.labEngine ??= w.sandboxLabs.createEngine());
          const services: { name: string }[] = lab.meta.services;
          const run = async (variant: 'solution' | 'start') => {
            // Labs that declare RabbitMQ, Kafka, Redis or PostgreSQL get their emulated servers, as the sandbox UI does.
            await engine.mount(lab[variant], services, { infrastructure: lab.meta.infrastructure });
            await Promise.all(services.map((service) => engine.start(service.name)));
            const results: { name: string; ok: boolean; message?: string }[] = await engine.runChecks(lab.checks);
            await Promise.all(services.map((service) => engine.stop(service.name)));
            return results;
          };
          return { solution: await run('solution'), start: await run('start') };
        }, id);
        const failed = outcome.solution.filter((result) => !result.ok).map((result) => `${result.name} → ${result.message}`);
        expect(failed).toEqual([]);
        expect(outcome.solution.length).toBeGreaterThan(0);
        expect(outcome.start.some((result) => !result.ok)).toBe(true);
      }, 120_000);
    }
  });

  describe(`the sandbox UI in ${name}`, () => {
    it('wakes on Run, loads Monaco, runs a suggested request and shows the JSON answer', async () => {
      await page.goto(`${origin}/dev/sandbox-ui/lab-04-products-orders/`);
      // The launcher appears once the page's script runs, as a reader sees it.
      await waitFor(page, () => document.querySelector('[data-sandbox-launch]')?.hasAttribute('hidden') === false, 'el botón «Ejecutar el laboratorio»');
      await page.evaluate(() => {
        const button = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Ejecutar el laboratorio' || b.textContent?.includes('Ejecutar el laboratorio'));
        if (!button) throw new Error('no hay botón «Ejecutar el laboratorio»');
        button.click();
      });
      await waitFor(page, () => {
        const statuses = [...document.querySelectorAll('[data-sandbox] .sbx-status')];
        return statuses.length === 2 && statuses.every((status) => status.getAttribute('data-state') === 'running');
      }, 'los dos servicios en marcha');
      await page.evaluate(() => {
        const suggestion = [...document.querySelectorAll<HTMLButtonElement>('.sbx-suggested button')].find((b) => b.textContent?.includes('Catálogo de pizzas'));
        if (!suggestion) throw new Error('no hay petición sugerida «Catálogo de pizzas»');
        suggestion.click();
      });
      await waitFor(page, () => /^2\d\d/.test(document.querySelector('.sbx-result .sbx-http')?.textContent ?? ''), 'la respuesta de la petición sugerida');
      const answer = await page.evaluate(() => ({
        status: document.querySelector('.sbx-result .sbx-http')?.textContent ?? '',
        body: document.querySelector('[aria-label="Cuerpo JSON de la respuesta"]')?.textContent ?? '',
      }));
      expect(answer.status).toMatch(/^200/);
      const json = JSON.parse(answer.body) as { items: { category: string }[] };
      expect(json.items.length).toBeGreaterThan(0);
      expect(json.items.every((item) => item.category === 'pizzas')).toBe(true);
      await waitFor(page, () => document.querySelector('.sbx-root')?.getAttribute('data-editor-ready') === 'true', 'Monaco listo', 60_000);
      // Monaco paints its lines on a later animation frame (slow under Xvfb): wait for the code.
      await waitFor(page, () => document.querySelectorAll('.monaco-editor .view-line').length > 3, 'el código en el editor', 30_000);
    }, 120_000);
  });
});
