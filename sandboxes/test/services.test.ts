// Every Foodly service, tested through app.request() and over real HTTP on 127.0.0.1, using the
// code of the lab solutions exactly as a learner gets it (materialized from the lab chain).
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePorts } from '../lib/node-runner.ts';
import { json, materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';

export type App = { request(path: string, init?: RequestInit): Response | Promise<Response>; fetch(request: Request): Response | Promise<Response> };
type BuildApp = { buildApp(...args: unknown[]): App };

const JWT_SECRET = 'secreto-de-los-tests-con-al-menos-32-caracteres';
const trees: MaterializedTree[] = [];
const servers: ServerType[] = [];

export let monolith: App;
export let auth: App;
export let products: App;
export let orders: App;
let productsUrl: string;
let ordersUrl: string;

function listen(app: App, port: number): Promise<string> {
  return new Promise((resolve) => {
    servers.push(serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(`http://127.0.0.1:${port}`)));
  });
}

beforeAll(async () => {
  const [lab01, lab03, lab10] = await Promise.all([
    materialize('lab-01-monolito', 'solution'),
    materialize('lab-03-auth-service', 'solution'),
    materialize('lab-10-event-sourcing', 'solution'),
  ]);
  trees.push(lab01, lab03, lab10);
  monolith = (await lab01.import<BuildApp>('monolith/src/app.ts')).buildApp();
  auth = (await lab03.import<BuildApp>('auth-service/src/app.ts')).buildApp(
    await settingsOf(lab03, 'auth-service', { JWT_SECRET, PASSWORD_HASH_ITERATIONS: '1000', JWT_TTL_SECONDS: '600' }),
  );
  products = (await lab10.import<BuildApp>('products-service/src/app.ts')).buildApp(await settingsOf(lab10, 'products-service', { CHAOS_ENABLED: 'false' }));
  const [productsPort, ordersPort] = await findFreePorts(2);
  productsUrl = await listen(products, productsPort!);
  orders = (await lab10.import<BuildApp>('orders-service/src/app.ts')).buildApp(
    await settingsOf(lab10, 'orders-service', { PRODUCTS_URL: productsUrl, PRODUCTS_TIMEOUT_MS: '1000', EMAIL_DELAY_MS: '0', ORDERS_REPOSITORY: 'event-sourced' }),
  );
  ordersUrl = await listen(orders, ordersPort!);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(trees.map((tree) => tree.remove()));
});

const body = async (response: Response) => (await response.json()) as Record<string, any>;

describe('monolith (lab 1)', () => {
  it('registers, logs in and places an order that keeps its price', async () => {
    expect((await monolith.request('/auth/register', json({ email: 'ana@foodly.test', password: 'secreta123', name: 'Ana' }))).status).toBe(201);
    const { token } = await body(await monolith.request('/auth/login', json({ email: 'ana@foodly.test', password: 'secreta123' })));
    const headers = { authorization: `Bearer ${token}` };
    const created = await monolith.request('/orders', json({ items: [{ productId: 'p-1', quantity: 2 }] }, headers));
    expect(created.status).toBe(201);
    const order = await body(created);
    await monolith.request('/products/p-1', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ price: 99 }) });
    expect((await body(await monolith.request(`/orders/${order.id}`, { headers }))).total).toBe(19);
  });

  it('filters and paginates products', async () => {
    const page = await body(await monolith.request('/products?category=pizzas&pageSize=1&page=2'));
    expect(page).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(page.items[0].category).toBe('pizzas');
    expect((await monolith.request('/products?pageSize=500')).status).toBe(422);
  });
});

describe('auth-service (lab 3)', () => {
  const credentials = { email: 'luis@foodly.test', password: 'secreta123' };
  let token: string;

  beforeAll(async () => {
    expect((await auth.request('/register', json({ ...credentials, name: 'Luis' }))).status).toBe(201);
    const login = await auth.request('/login', json(credentials));
    expect(login.status).toBe(200);
    token = (await body(login)).access_token;
  });

  it('answers /ping, /status and documents itself', async () => {
    expect(await body(await auth.request('/ping'))).toEqual({ message: 'pong' });
    expect(await body(await auth.request('/status'))).toMatchObject({ service: 'auth-service', environment: 'development' });
    const doc = await body(await auth.request('/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/ping', '/status', '/register', '/login', '/me']));
    expect(await (await auth.request('/docs')).text()).toContain('/assets/swagger-ui-dist/swagger-ui-bundle.js');
  });

  it('registers an e-mail once even when five registrations arrive at the same time', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 5 }, (_, i) => auth.request('/register', json({ email: i % 2 ? 'Rosa@foodly.test' : 'rosa@foodly.test', password: 'secreta123', name: `Rosa ${i}` }))),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it('refuses a 50 MB body with 413 problem+json before parsing it', async () => {
    const response = await auth.request('/register', json({ email: 'big@foodly.test', password: 'x'.repeat(50 * 1024 * 1024), name: 'Big' }));
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers validation errors with 422 and FastAPI-style detail', async () => {
    const response = await auth.request('/register', json({ email: 'x', password: '1' }));
    expect(response.status).toBe(422);
    const { detail } = await body(response);
    expect(detail.map((item: { loc: string[] }) => item.loc.join('.'))).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.name']));
  });

  it('never stores or returns the password and rejects a wrong one', async () => {
    const response = await auth.request('/login', json({ ...credentials, password: 'otra-cosa-123' }));
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    // RFC 9110 §15.5.2: a 401 MUST carry a challenge.
    expect(response.headers.get('www-authenticate')).toBe('Form realm="foodly"');
  });

  it('returns the user of a valid token on /me', async () => {
    const me = await auth.request('/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await body(me)).toMatchObject({ email: credentials.email, name: 'Luis' });
  });

  const meWith = (header?: string) => auth.request('/me', { headers: header ? { authorization: header } : {} });
  const base64url = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

  it('rejects a missing token', async () => {
    expect((await meWith()).status).toBe(401);
  });

  it('rejects a tampered signature', async () => {
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    expect((await meWith(`Bearer ${tampered}`)).status).toBe(401);
  });

  it('rejects a tampered payload', async () => {
    const [header, , signature] = token.split('.');
    const forged = base64url({ sub: 'someone-else', exp: Math.floor(Date.now() / 1000) + 600 });
    expect((await meWith(`Bearer ${header}.${forged}.${signature}`)).status).toBe(401);
  });

  it('rejects alg: none', async () => {
    const sub = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sub;
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    expect((await meWith(`Bearer ${unsigned}`)).status).toBe(401);
  });

  it('rejects an expired token signed with the right secret', async () => {
    const me = await body(await meWith(`Bearer ${token}`));
    const expired = await sign({ sub: me.id, exp: Math.floor(Date.now() / 1000) - 60 }, JWT_SECRET, 'HS256');
    expect((await meWith(`Bearer ${expired}`)).status).toBe(401);
  });

  it('rejects a token without exp, even with the right signature (it would never expire)', async () => {
    const me = await body(await meWith(`Bearer ${token}`));
    const eternal = await sign({ sub: me.id, iat: Math.floor(Date.now() / 1000) }, JWT_SECRET, 'HS256');
    const response = await meWith(`Bearer ${eternal}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('rejects a token signed with another secret', async () => {
    const me = await body(await meWith(`Bearer ${token}`));
    const foreign = await sign({ sub: me.id, exp: Math.floor(Date.now() / 1000) + 600 }, 'otro-secreto-otro-secreto-otro-secreto', 'HS256');
    expect((await meWith(`Bearer ${foreign}`)).status).toBe(401);
  });
});

describe('products-service', () => {
  it('creates, reads, updates, patches and deletes a product', async () => {
    const created = await products.request('/products', json({ name: 'Gazpacho', category: 'sopas', price: 4.2, stock: 8 }));
    expect(created.status).toBe(201);
    const { id } = await body(created);
    const put = await products.request(`/products/${id}`, { ...json({ name: 'Gazpacho', category: 'sopas', price: 4.5, stock: 8 }), method: 'PUT' });
    expect(await body(put)).toMatchObject({ price: 4.5 });
    const patch = await products.request(`/products/${id}`, { ...json({ stock: 3 }), method: 'PATCH' });
    expect(await body(patch)).toMatchObject({ price: 4.5, stock: 3 });
    expect((await products.request(`/products/${id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await products.request(`/products/${id}`);
    expect(gone.status).toBe(404);
    expect((await body(gone)).code).toBe('PRODUCT_NOT_FOUND');
  });

  it('searches by text and price range', async () => {
    const page = await body(await products.request('/products?q=pizza&maxPrice=10'));
    expect(page.items.map((item: { id: string }) => item.id)).toEqual(['p-1']);
  });
});

describe('orders-service (lab 10) over real HTTP on 127.0.0.1', () => {
  it('creates an order priced by products-service, cancels it and keeps its history', async () => {
    const created = await fetch(`${ordersUrl}/orders`, json({ customerEmail: 'eva@foodly.test', items: [{ productId: 'p-2', quantity: 2 }] }));
    expect(created.status).toBe(201);
    const order = await body(created);
    expect(order.total).toBe(22);
    expect((await fetch(`${ordersUrl}/orders/${order.id}/cancel`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${ordersUrl}/orders/${order.id}/cancel`, { method: 'POST' })).status).toBe(409);
    const events = (await (await fetch(`${ordersUrl}/orders/${order.id}/events`)).json()) as Array<{ eventName: string }>;
    expect(events.map((event) => event.eventName)).toEqual(['order.created', 'order.cancelled']);
  });

  it('serves the customer read model through app.request()', async () => {
    await orders.request('/orders', json({ customerEmail: 'rut@foodly.test', items: [{ productId: 'p-7', quantity: 1 }] }));
    const view = await body(await orders.request('/customers/rut@foodly.test/orders'));
    expect(view).toMatchObject({ activeOrders: 1, totalSpent: 4.5 });
  });

  it('maps domain errors to 404/409/422 problem+json with stable codes', async () => {
    const notFound = await orders.request('/orders/nope');
    expect([notFound.status, (await body(notFound)).code]).toEqual([404, 'ORDER_NOT_FOUND']);
    const outOfStock = await orders.request('/orders', json({ customerEmail: 'eva@foodly.test', items: [{ productId: 'p-4', quantity: 50 }] }));
    expect([outOfStock.status, (await body(outOfStock)).code]).toEqual([409, 'OUT_OF_STOCK']);
    // 6 + 6 of a product with 10 left: each line fits, together they do not (stock checked on merged lines).
    const togetherOverStock = await orders.request('/orders', json({ customerEmail: 'eva@foodly.test', items: [{ productId: 'p-4', quantity: 6 }, { productId: 'p-4', quantity: 6 }] }));
    expect([togetherOverStock.status, (await body(togetherOverStock)).code]).toEqual([409, 'OUT_OF_STOCK']);
    const unknown = await orders.request('/orders', json({ customerEmail: 'eva@foodly.test', items: [{ productId: 'p-404', quantity: 1 }] }));
    expect([unknown.status, (await body(unknown)).code]).toEqual([422, 'PRODUCT_NOT_FOUND']);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 409 CONCURRENCY_CONFLICT to the loser of two concurrent cancels of the same order', async () => {
    type Store = { append(id: string, events: unknown[], expectedVersion: number): Promise<void>; load(id: string): Promise<unknown[]>; streams(): Promise<string[]> };
    const lab10 = trees[2]!;
    const { InMemoryEventStore } = await lab10.import<{ InMemoryEventStore: new () => Store }>('orders-service/src/Shared/infrastructure/persistence/InMemoryEventStore.ts');
    const inner = new InMemoryEventStore();
    // Like a remote database: a read answers what was there when it was asked, 30 ms later. Both
    // requests therefore load version 1 before either of them appends.
    const slowStore: Store = {
      append: (id, events, expectedVersion) => inner.append(id, events, expectedVersion),
      load: async (id) => {
        const events = await inner.load(id);
        await new Promise((resolve) => setTimeout(resolve, 30));
        return events;
      },
      streams: () => inner.streams(),
    };
    const app = (await lab10.import<BuildApp>('orders-service/src/app.ts')).buildApp(
      await settingsOf(lab10, 'orders-service', { PRODUCTS_URL: productsUrl, EMAIL_DELAY_MS: '0', ORDERS_REPOSITORY: 'event-sourced' }),
      { eventStore: slowStore },
    );
    const order = await body(await app.request('/orders', json({ customerEmail: 'eva@foodly.test', items: [{ productId: 'p-2', quantity: 1 }] })));
    const responses = await Promise.all([app.request(`/orders/${order.id}/cancel`, { method: 'POST' }), app.request(`/orders/${order.id}/cancel`, { method: 'POST' })]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const conflict = await body(responses.find((response) => response.status === 409)!);
    expect(conflict).toMatchObject({ status: 409, code: 'CONCURRENCY_CONFLICT' });
    const events = (await body(await app.request(`/orders/${order.id}/events`))) as unknown as Array<{ eventName: string }>;
    expect(events.map((event) => event.eventName)).toEqual(['order.created', 'order.cancelled']);
  });

  it('hides technical errors: 500 without a stack trace', async () => {
    const response = await orders.request('/_simulate/error');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('INTERNAL_ERROR');
    expect(text).not.toMatch(/at .*\.ts|base de datos/);
  });

  it('answers 503 problem+json quickly when products-service is unreachable', async () => {
    const [unusedPort] = await findFreePorts(1);
    const lab10 = trees[2]!;
    const isolated = (await lab10.import<BuildApp>('orders-service/src/app.ts')).buildApp(
      await settingsOf(lab10, 'orders-service', { PRODUCTS_URL: `http://127.0.0.1:${unusedPort}`, PRODUCTS_TIMEOUT_MS: '500' }),
    );
    const response = await isolated.request('/orders', json({ customerEmail: 'eva@foodly.test', items: [{ productId: 'p-1', quantity: 1 }] }));
    expect(response.status).toBe(503);
    expect((await body(response)).code).toBe('PRODUCTS_UNAVAILABLE');
  });
});
