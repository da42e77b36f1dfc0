// Every lab of the course in the browser engine, in headless Chromium: the checks all pass on the
// solution and at least one fails on the start — the same promise CI proves with real Node
// processes (sandboxes/test/chain.test.ts), here with module Workers and the virtual network.
// Uses the internal page /dev/sandbox-labs/ and the build-time lab data at /labs/<id>.json.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const labIds = readdirSync(new URL('../sandboxes/labs/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('lab-'))
  .map((entry) => entry.name)
  .sort();

interface CheckOutcome {
  name: string;
  ok: boolean;
  message?: string;
}

interface VariantOutcome {
  bootMs: number;
  checksMs: number;
  statuses: Record<string, { state: string; reason?: string }>;
  results: CheckOutcome[];
  logs: Record<string, string[]>;
}

/**
 * Runs in the page: mounts one variant, starts every service, runs the lab's checks. One engine per
 * page, as one sandbox keeps its engine across Reset/Solution: type-stripped files are reused.
 */
async function runVariant({ id, variant }: { id: string; variant: 'solution' | 'start' }): Promise<VariantOutcome> {
  const w = window as unknown as { sandboxLabs: { createEngine(): Promise<any>; fetchLab(id: string): Promise<any> }; labEngine?: Promise<any> };
  const lab = await w.sandboxLabs.fetchLab(id);
  const engine = await (w.labEngine ??= w.sandboxLabs.createEngine());
  const logs: Record<string, string[]> = {};
  const off = engine.onLog((entry: { service: string; text: string }) => (logs[entry.service] ??= []).push(entry.text));
  try {
    const services: { name: string }[] = lab.meta.services;
    const bootStarted = performance.now();
    // A lab that declares Redis, a broker or a database gets them emulated in the page (REDIS_URL…).
    await engine.mount(lab[variant], services, { infrastructure: lab.meta.infrastructure });
    await Promise.all(services.map((service) => engine.start(service.name)));
    const bootMs = performance.now() - bootStarted;
    const statuses = Object.fromEntries(services.map((service) => [service.name, engine.status(service.name)]));
    const checksStarted = performance.now();
    const results: CheckOutcome[] = await engine.runChecks(lab.checks);
    return { bootMs, checksMs: performance.now() - checksStarted, statuses, results, logs };
  } finally {
    off();
    await Promise.all(lab.meta.services.map((service: { name: string }) => engine.stop(service.name)));
  }
}

const report = (results: CheckOutcome[]) =>
  results.map((result) => `${result.ok ? '✔' : '✘'} ${result.name}${result.ok ? '' : ` → ${result.message}`}`).join('\n');


/** "pass · name" / "fail · name" for each check of a lab, as its checks.ts declares them (onStart). */
function declaredOnStart(id: string): string[] {
  const source = readFileSync(`sandboxes/labs/${id}/checks.ts`, 'utf8');
  return [...source.matchAll(/^ {4}name: (['"`])(.*)\1,\n {4}onStart: '(pass|fail)',$/gm)].map(([, , name, onStart]) => `${onStart} · ${name!.replace(/\\'/g, "'")}`);
}

test.describe('every lab in the browser engine', () => {
  // Each lab boots its services twice and some checks wait for background work (e-mails, breakers).
  test.describe.configure({ timeout: 120_000 });

  // One page per Playwright worker: the engine, the vendor bundles and compiled modules stay warm.
  let page: Page;
  test.beforeAll(async ({ browser }, workerInfo) => {
    page = await browser.newPage();
    page.on('pageerror', (error) => console.log(`pageerror: ${error.message}`));
    await page.goto(new URL('/dev/sandbox-labs/', workerInfo.project.use.baseURL).href);
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  });
  test.afterAll(async () => {
    await page.close();
  });

  for (const id of labIds) {
    test(`${id}: the checks pass on the solution and, on the start, each passes or fails as declared`, async () => {
      const solution = await page.evaluate(runVariant, { id, variant: 'solution' as const }).catch((error: Error) => {
        throw new Error(`${id} (solution): ${error.message}`);
      });
      const start = await page.evaluate(runVariant, { id, variant: 'start' as const });
      const failing = start.results.filter((result) => !result.ok).map((result) => `    start ✘ ${result.name} → ${result.message}`);
      console.log(
        `${id}: solution boot ${Math.round(solution.bootMs)} ms + checks ${Math.round(solution.checksMs)} ms; ` +
          `start boot ${Math.round(start.bootMs)} ms + checks ${Math.round(start.checksMs)} ms\n${failing.join('\n')}`,
      );

      for (const [name, status] of Object.entries(solution.statuses)) {
        expect(status.state, `${name} (solution) did not start: ${status.reason ?? ''}\n${(solution.logs[name] ?? []).join('\n')}`).toBe('running');
      }
      expect(solution.results.length).toBeGreaterThan(0);
      const logs = Object.entries(solution.logs).map(([name, lines]) => `--- ${name}\n${lines.slice(-30).join('\n')}`).join('\n');
      expect(solution.results.every((result) => result.ok), `solution:\n${report(solution.results)}\n${logs}`).toBe(true);
      // The same declarations the Node chain test pins (onStart in checks.ts): the engine must agree.
      const declared = declaredOnStart(id);
      expect(declared.length).toBe(start.results.length);
      expect(start.results.map((result) => `${result.ok ? 'pass' : 'fail'} · ${result.name}`), `start:\n${report(start.results)}`).toEqual(declared);
    });
  }
});

test('the engine keeps forbidden request headers and form bodies, from the page and between services', async ({ page }) => {
  await page.goto('/dev/sandbox-labs/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const seen = await page.evaluate(async () => {
    const echo = `import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const app = new Hono().all('*', async (c) => c.json({
  method: c.req.method,
  origin: c.req.header('origin') ?? null,
  acrm: c.req.header('access-control-request-method') ?? null,
  type: c.req.header('content-type') ?? null,
  body: await c.req.text(),
}));
serve({ fetch: app.fetch, port: 3901 });
`;
    const caller = `import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const app = new Hono().get('/relay', async (c) => {
  const response = await fetch('http://localhost:3901/x', {
    method: 'OPTIONS',
    headers: { Origin: 'https://app.foodly.test', 'Access-Control-Request-Method': 'POST' },
  });
  return c.json(await response.json());
});
serve({ fetch: app.fetch, port: 3902 });
`;
    const w = window as unknown as { sandboxLabs: { createEngine(): Promise<any> } };
    const engine = await w.sandboxLabs.createEngine();
    await engine.mount({ 'echo/src/server.ts': echo, 'caller/src/server.ts': caller }, [
      { name: 'echo', dir: 'echo', port: 3901, env: {} },
      { name: 'caller', dir: 'caller', port: 3902, env: {} },
    ]);
    await Promise.all([engine.start('echo'), engine.start('caller')]);
    const json = async (request: Record<string, unknown>) => JSON.parse((await engine.request(request)).text);
    const result = {
      preflight: await json({ service: 'echo', method: 'OPTIONS', path: '/token', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' } }),
      form: await json({ service: 'echo', method: 'POST', path: '/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password&username=ana%40foodly.test&password=a+b' }),
      relayed: await json({ service: 'caller', method: 'GET', path: '/relay' }),
    };
    await engine.dispose();
    return result;
  });
  expect(seen.preflight).toMatchObject({ method: 'OPTIONS', origin: 'http://localhost:5173', acrm: 'POST' });
  expect(seen.form).toEqual({
    method: 'POST',
    origin: null,
    acrm: null,
    type: 'application/x-www-form-urlencoded',
    body: 'grant_type=password&username=ana%40foodly.test&password=a+b',
  });
  expect(seen.relayed).toMatchObject({ method: 'OPTIONS', origin: 'https://app.foodly.test', acrm: 'POST' });
});

test('a service stuck while loading its modules is stopped with a message that says so', async ({ page }) => {
  await page.goto('/dev/sandbox-labs/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as { sandboxLabs: { createEngine(options: Record<string, number>): Promise<any> } };
    const engine = await w.sandboxLabs.createEngine({ loadSilenceLimitMs: 4000 });
    const tree = { 'svc/src/server.ts': "import { serve } from '@hono/node-server';\nwhile (true) {}\nserve({ fetch: () => new Response('ok'), port: 3903 });\n" };
    await engine.mount(tree, [{ name: 'svc', dir: 'svc', port: 3903, env: {} }]);
    const startedAt = performance.now();
    await engine.start('svc');
    const result = { status: engine.status('svc'), ms: performance.now() - startedAt };
    await engine.dispose();
    return result;
  });
  expect(outcome.status.state).toBe('crashed');
  expect(outcome.status.reason).toContain('no terminó de cargar sus módulos en 4 s');
  expect(outcome.ms).toBeLessThan(8000);
});
