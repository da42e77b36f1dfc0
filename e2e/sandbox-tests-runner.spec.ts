// The browser engine's test runner in Chromium (@vitest/runner in a Worker; dev page
// /dev/sandbox-labs/): labs 8, 10 and 22 give the results their start and solution declare, and a
// test file with a syntax error, a synchronous endless loop or a promise that never resolves is
// reported with a clear message within 5 s while the page keeps answering. Those timings start
// after a first run (Order.test.ts) has loaded the runner: they measure detection, not downloads
// (the bench prints the first run's cost).
import { expect, test, type Page } from '@playwright/test';

test.describe.configure({ timeout: 90_000 });

interface Outcome {
  files: Array<{ file: string; state: string; error?: { message: string; location?: { file: string; line: number } }; tests: Array<{ name: string; state: string; failure?: { message: string } }> }>;
  passed: number;
  failed: number;
  elapsedMs: number;
  /** Longest gap between two ticks of a 50 ms timer in the page while the tests ran. */
  longestPageGapMs: number;
}

async function runTests(page: Page, lab: string, variant: 'start' | 'solution', extra: Record<string, string> = {}, files?: string[], warmUp?: string): Promise<Outcome> {
  await page.goto('/dev/sandbox-labs/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  return page.evaluate(
    async ({ lab, variant, extra, files, warmUp }) => {
      const api = (window as any).sandboxLabs;
      const data = await api.fetchLab(lab);
      const engine = await api.createEngine();
      await engine.mount({ ...data[variant], ...extra }, data.meta.services);
      if (warmUp) await engine.runTests([warmUp]);
      let last = performance.now();
      let longest = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 50);
      const startedAt = performance.now();
      try {
        const result = await engine.runTests(files);
        return { ...result, elapsedMs: performance.now() - startedAt, longestPageGapMs: longest };
      } finally {
        clearInterval(ticker);
        await engine.dispose();
      }
    },
    { lab, variant, extra, files, warmUp },
  );
}

const states = (outcome: Outcome) => outcome.files.map((file) => [file.file, file.state]);

test('lab 8: the start tests pass, the solution adds the aggregate and use case tests', async ({ page }) => {
  const start = await runTests(page, 'lab-08-agregado', 'start');
  expect(states(start)).toEqual([['orders-service/test/Orders/domain/Order.test.ts', 'pass']]);
  expect([start.passed, start.failed]).toEqual([4, 0]);
  const solution = await runTests(page, 'lab-08-agregado', 'solution');
  expect(states(solution)).toEqual([
    ['orders-service/test/Orders/application/OrderCreator.test.ts', 'pass'],
    ['orders-service/test/Orders/domain/Order.test.ts', 'pass'],
  ]);
  expect([solution.passed, solution.failed]).toEqual([9, 0]);
});

test('lab 10: the repository test fails on the start (no repository yet) and passes on the solution', async ({ page }) => {
  const start = await runTests(page, 'lab-10-event-sourcing', 'start');
  const repository = start.files.find((file) => file.file.endsWith('EventSourcedOrderRepository.test.ts'))!;
  expect(repository.state).toBe('fail');
  expect(repository.error?.message).toContain('EventSourcedOrderRepository.ts');
  const solution = await runTests(page, 'lab-10-event-sourcing', 'solution');
  expect(solution.files.every((file) => file.state === 'pass')).toBe(true);
  expect([solution.passed, solution.failed]).toEqual([12, 0]);
});

test('lab 22: the saga compensation tests fail on the start and pass on the solution', async ({ page }) => {
  const saga = 'orders-service/test/Orders/application/OrderPlacementSaga.test.ts';
  const start = await runTests(page, 'lab-22-saga-pedido', 'start', {}, [saga]);
  expect(states(start)).toEqual([[saga, 'fail']]);
  expect(start.files[0]!.tests.filter((entry) => entry.state === 'fail').map((entry) => entry.name)).toEqual([
    'si el banco rechaza el cobro, libera el stock y cancela con PAYMENT_DECLINED',
    'si el cobro no contesta a tiempo, lo anula, libera el stock y cancela con PAYMENT_TIMEOUT',
  ]);
  const solution = await runTests(page, 'lab-22-saga-pedido', 'solution');
  expect(solution.files.every((file) => file.state === 'pass'), JSON.stringify(states(solution))).toBe(true);
  expect(solution.failed).toBe(0);
});

const LOOP = 'orders-service/test/loop.test.ts';
const NEVER = 'orders-service/test/never.test.ts';
const SYNTAX = 'orders-service/test/syntax.test.ts';
const ORDER = 'orders-service/test/Orders/domain/Order.test.ts';
const runaways = {
  [LOOP]: `import { it } from 'vitest';\n\nit('da vueltas para siempre', () => {\n  while (true) {}\n});\n`,
  [NEVER]: `import { it } from 'vitest';\n\nit('espera algo que nunca llega', async () => {\n  await new Promise(() => {});\n});\n`,
  [SYNTAX]: `import { expect, it } from 'vitest';\n\nconst total: number = 2 +* 3;\n\nit('suma', () => {\n  expect(total).toBe(5);\n});\n`,
};

test('a synchronous endless loop is stopped within 5 s and the page stays responsive', async ({ page }) => {
  const outcome = await runTests(page, 'lab-08-agregado', 'start', runaways, [LOOP], ORDER);
  expect(states(outcome)).toEqual([[LOOP, 'fail']]);
  expect(outcome.files[0]!.error?.message).toMatch(/«da vueltas para siempre» no devolvió el control en 2 s: probablemente un bucle infinito/);
  expect(outcome.elapsedMs).toBeLessThan(5000);
  expect(outcome.longestPageGapMs).toBeLessThan(1000);
});

test('after an endless loop, the next file runs in a fresh Worker', async ({ page }) => {
  const outcome = await runTests(page, 'lab-08-agregado', 'start', runaways, [LOOP, ORDER]);
  expect(states(outcome)).toEqual([[LOOP, 'fail'], [ORDER, 'pass']]);
  expect(outcome.passed).toBe(4);
});

test('a test that never resolves fails by timeout within 5 s', async ({ page }) => {
  const outcome = await runTests(page, 'lab-08-agregado', 'start', runaways, [NEVER], ORDER);
  expect(states(outcome)).toEqual([[NEVER, 'fail']]);
  expect(outcome.files[0]!.tests[0]!.failure?.message).toMatch(/^El test no terminó en 2 s: ¿una promesa que nunca se resuelve/);
  expect(outcome.elapsedMs).toBeLessThan(5000);
  expect(outcome.longestPageGapMs).toBeLessThan(1000);
});

test('a test file with a syntax error is reported with its line at once', async ({ page }) => {
  const outcome = await runTests(page, 'lab-08-agregado', 'start', runaways, [SYNTAX, ORDER], ORDER);
  expect(states(outcome)).toEqual([[SYNTAX, 'fail'], [ORDER, 'pass']]);
  const error = outcome.files[0]!.error!;
  expect(error.message).toMatch(/^Error de sintaxis en orders-service\/test\/syntax\.test\.ts:3:\d+/);
  expect(error.location).toMatchObject({ file: SYNTAX, line: 3 });
  expect(outcome.elapsedMs).toBeLessThan(5000);
});

/** Runs `files` of a lab's solution in the browser engine, as they are and over a mutant (the runTests `overrides` the checks of labs 24-25 use). */
async function runWithMutant(page: Page, lab: string, files: string[], mutant: { path: string; from: string | RegExp; to: string }[]) {
  await page.goto('/dev/sandbox-labs/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  return page.evaluate(
    async ({ lab, files, mutant }) => {
      const api = (window as any).sandboxLabs;
      const data = await api.fetchLab(lab);
      const engine = await api.createEngine();
      await engine.mount(data.solution, data.meta.services);
      try {
        const overrides: Record<string, string> = {};
        for (const { path, from, to } of mutant) {
          const pattern = typeof from === 'string' ? from : new RegExp(from.source, from.flags);
          overrides[path] = (overrides[path] ?? data.solution[path]).replace(pattern, to);
          if (overrides[path] === data.solution[path]) throw new Error(`the mutant did not change ${path}`);
        }
        const summary = (result: any) => result.files.map((file: any) => `${file.file}:${file.state}:${file.tests.filter((test: any) => test.state === 'pass').length}`);
        return { clean: summary(await engine.runTests(files)), mutated: summary(await engine.runTests(files, overrides)) };
      } finally {
        await engine.dispose();
      }
    },
    { lab, files, mutant: mutant.map(({ path, from, to }) => ({ path, to, from: typeof from === 'string' ? from : { source: from.source, flags: from.flags } })) },
  );
}

test('lab 24: the learner tests (fake timers, app.request with a catalog double) pass in the browser and catch a mutant of Order', async ({ page }) => {
  const RULES = 'orders-service/test/Orders/domain/OrderRules.test.ts';
  const ROUTES = 'orders-service/test/Orders/infrastructure/http/ordersRoutes.test.ts';
  const outcome = await runWithMutant(page, 'lab-24-pruebas-pedidos', [RULES, ROUTES], [
    { path: 'orders-service/src/Orders/domain/Order.ts', from: 'order.total().isGreaterThan(MAX_ORDER_TOTAL)', to: '!MAX_ORDER_TOTAL.isGreaterThan(order.total())' },
  ]);
  expect(outcome.clean).toEqual([`${RULES}:pass:4`, `${ROUTES}:pass:4`]);
  expect(outcome.mutated).toEqual([`${RULES}:fail:3`, `${ROUTES}:pass:4`]);
});

test('lab 25: the contract test passes on products-service and fails when it renames price', async ({ page }) => {
  const CONTRACT = 'products-service/test/contract/ordersService.contract.test.ts';
  const rename = (path: string) => ({ path, from: /\bprice\b/g, to: 'unitPrice' });
  const outcome = await runWithMutant(page, 'lab-25-contrato', [CONTRACT], [
    rename('products-service/src/products/Product.ts'),
    rename('products-service/src/products/productsRoutes.ts'),
    rename('products-service/src/products/InMemoryProductRepository.ts'),
  ]);
  expect(outcome.clean).toEqual([`${CONTRACT}:pass:3`]);
  expect(outcome.mutated).toEqual([`${CONTRACT}:fail:1`]);
});
