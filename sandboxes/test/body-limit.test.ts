// Every service of every lab tree (start and solution) refuses a body past 64 KB with 413 before
// parsing it: the monolith, products-service, orders-service, tracking-service and payments-service (auth-service: services.test.ts).
// Each app.ts overlay carries its own bodyLimit, so each tree is checked, not only the last one.
import { afterAll, describe, expect, it } from 'vitest';
import { listLabs, loadLab } from '../lib/labs.ts';
import { json, materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';
import type { App } from './services.test.ts';

// tracking-service's buildApp returns { app, injectWebSocket, … }: @hono/node-ws needs the app and the server.
type BuildApp = { buildApp(...args: unknown[]): App | { app: App } };

/** The POST route of each service that reads a JSON body (the limit cuts the body while it is read). */
const POST_ROUTE: Record<string, string> = { monolith: '/auth/register', 'products-service': '/products', 'orders-service': '/orders', 'tracking-service': '/orders/o-1/tickets', gateway: '/products', 'payments-service': '/payments' };
const ENV: Record<string, Record<string, string>> = {
  'products-service': { CHAOS_ENABLED: 'false' },
  'orders-service': { PRODUCTS_URL: 'http://127.0.0.1:9', PRODUCTS_TIMEOUT_MS: '200', EMAIL_DELAY_MS: '0' },
};
// 1 MB of valid JSON: well past 64 KB, small enough to build quickly.
const TOO_LARGE = { email: 'big@foodly.test', name: 'Big', customerId: 'c-1', items: [], padding: 'x'.repeat(1024 * 1024) };

const trees: MaterializedTree[] = [];
afterAll(async () => {
  await Promise.all(trees.map((tree) => tree.remove()));
});

// Only the services a tree really has: lab 01 is the monolith, labs 02-03 are auth-service only.
const cases: Array<{ lab: string; variant: 'start' | 'solution'; service: string }> = [];
for (const { id } of await listLabs()) {
  const lab = await loadLab(id);
  for (const variant of ['start', 'solution'] as const) {
    for (const service of Object.keys(POST_ROUTE)) {
      if (`${service}/src/app.ts` in lab[variant]) cases.push({ lab: id, variant, service });
    }
  }
}

describe('body limit: 413 past 64 KB in every tree', () => {
  it('covers the monolith, products-service and orders-service in every lab that has them', () => {
    expect(cases.filter((c) => c.service === 'monolith').length).toBeGreaterThanOrEqual(2);
    expect(cases.filter((c) => c.service === 'orders-service').length).toBeGreaterThanOrEqual(18);
  });

  it.each(cases)('$lab ($variant) $service', async ({ lab, variant, service }) => {
    const tree = await materialize(lab, variant);
    trees.push(tree);
    const module = await tree.import<BuildApp>(`${service}/src/app.ts`);
    const built = service === 'monolith' ? module.buildApp() : module.buildApp(await settingsOf(tree, service, ENV[service]));
    const app = 'app' in built ? built.app : built;
    const response = await app.request(POST_ROUTE[service]!, json(TOO_LARGE));
    expect(response.status).toBe(413);
    if (service !== 'monolith') expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
