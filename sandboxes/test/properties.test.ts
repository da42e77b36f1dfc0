// Property-based tests: random JSON (and random non-JSON) sent to every POST/PUT/PATCH endpoint of
// every service must never produce a 5xx. Validation must catch it all.
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePorts } from '../lib/node-runner.ts';
import { json, materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';

type App = { request(path: string, init?: RequestInit): Response | Promise<Response>; fetch(request: Request): Response | Promise<Response> };
type BuildApp = { buildApp(...args: unknown[]): App };

const trees: MaterializedTree[] = [];
let server: ServerType | undefined;
const apps: Record<string, App> = {};
let monolithToken = '';

beforeAll(async () => {
  const [lab01, lab03, lab05, lab10] = await Promise.all([
    materialize('lab-01-monolito', 'solution'),
    materialize('lab-03-auth-service', 'solution'),
    materialize('lab-05-tareas-y-errores', 'solution'),
    materialize('lab-10-event-sourcing', 'solution'),
  ]);
  trees.push(lab01, lab03, lab05, lab10);
  apps.monolith = (await lab01.import<BuildApp>('monolith/src/app.ts')).buildApp();
  apps.auth = (await lab03.import<BuildApp>('auth-service/src/app.ts')).buildApp(await settingsOf(lab03, 'auth-service', { PASSWORD_HASH_ITERATIONS: '1000' }));
  apps.products = (await lab10.import<BuildApp>('products-service/src/app.ts')).buildApp(await settingsOf(lab10, 'products-service', {}));
  const [port] = await findFreePorts(1);
  const catalog = (await lab10.import<BuildApp>('products-service/src/app.ts')).buildApp(await settingsOf(lab10, 'products-service', { CHAOS_ENABLED: 'false' }));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: catalog.fetch, port: port!, hostname: '127.0.0.1' }, () => resolve());
  });
  const ordersEnv = { PRODUCTS_URL: `http://127.0.0.1:${port}`, EMAIL_DELAY_MS: '0' };
  apps.ordersLab05 = (await lab05.import<BuildApp>('orders-service/src/app.ts')).buildApp(await settingsOf(lab05, 'orders-service', ordersEnv));
  apps.ordersLab10 = (await lab10.import<BuildApp>('orders-service/src/app.ts')).buildApp(
    await settingsOf(lab10, 'orders-service', { ...ordersEnv, ORDERS_REPOSITORY: 'event-sourced' }),
  );
  await apps.monolith.request('/auth/register', json({ email: 'prop@foodly.test', password: 'secreta123', name: 'Prop' }));
  monolithToken = ((await (await apps.monolith.request('/auth/login', json({ email: 'prop@foodly.test', password: 'secreta123' }))).json()) as { token: string }).token;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await Promise.all(trees.map((tree) => tree.remove()));
});

// Bodies: any JSON value, any string (mostly not JSON), and near-valid shapes that reach deeper code.
const anyJson = fc.jsonValue().map((value) => JSON.stringify(value));
const anyText = fc.string({ maxLength: 60 });
const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const nearValidOrder = fc
  .record({
    customerEmail: fc.oneof(fc.emailAddress(), scalar),
    items: fc.array(fc.record({ productId: fc.oneof(fc.constantFrom('p-1', 'p-2', 'p-4', 'p-404'), scalar), quantity: fc.oneof(fc.integer({ min: -5, max: 200 }), scalar) }), { maxLength: 25 }),
  })
  .map((value) => JSON.stringify(value));
const nearValidProduct = fc
  .record(
    { name: fc.oneof(fc.string({ maxLength: 120 }), scalar), category: scalar, price: fc.oneof(fc.double(), fc.integer(), scalar), stock: fc.oneof(fc.integer(), scalar) },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));
const nearValidCredentials = fc
  .record({ email: fc.oneof(fc.emailAddress(), scalar), password: fc.oneof(fc.string({ maxLength: 140 }), scalar), name: scalar }, { requiredKeys: [] })
  .map((value) => JSON.stringify(value));

type Endpoint = { app: string; method: 'POST' | 'PUT' | 'PATCH'; path: string; shape?: fc.Arbitrary<string>; auth?: boolean };
const endpoints: Endpoint[] = [
  { app: 'monolith', method: 'POST', path: '/auth/register', shape: nearValidCredentials },
  { app: 'monolith', method: 'POST', path: '/auth/login', shape: nearValidCredentials },
  { app: 'monolith', method: 'POST', path: '/products', shape: nearValidProduct },
  { app: 'monolith', method: 'PUT', path: '/products/p-3', shape: nearValidProduct },
  { app: 'monolith', method: 'PATCH', path: '/products/p-3', shape: nearValidProduct },
  { app: 'monolith', method: 'POST', path: '/orders', shape: nearValidOrder, auth: true },
  { app: 'monolith', method: 'POST', path: '/orders/no-existe/cancel', auth: true },
  { app: 'auth', method: 'POST', path: '/register', shape: nearValidCredentials },
  { app: 'auth', method: 'POST', path: '/login', shape: nearValidCredentials },
  { app: 'products', method: 'POST', path: '/products', shape: nearValidProduct },
  { app: 'products', method: 'PUT', path: '/products/p-3', shape: nearValidProduct },
  { app: 'products', method: 'PATCH', path: '/products/p-3', shape: nearValidProduct },
  { app: 'products', method: 'POST', path: '/_chaos' },
  { app: 'ordersLab05', method: 'POST', path: '/orders', shape: nearValidOrder },
  { app: 'ordersLab10', method: 'POST', path: '/orders', shape: nearValidOrder },
  { app: 'ordersLab10', method: 'POST', path: '/orders/no-existe/cancel' },
];

describe.each(endpoints)('$app $method $path', (endpoint) => {
  it('never answers 5xx to random bodies', { timeout: 60_000 }, async () => {
    const bodies = endpoint.shape ? fc.oneof(anyJson, anyText, endpoint.shape) : fc.oneof(anyJson, anyText);
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (endpoint.auth) headers.authorization = `Bearer ${monolithToken}`;
        const response = await apps[endpoint.app]!.request(endpoint.path, { method: endpoint.method, headers, body });
        expect(response.status, `${endpoint.method} ${endpoint.path} ${body} → ${response.status}`).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
