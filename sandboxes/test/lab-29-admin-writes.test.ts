// Lab 29: only an administrator writes to the catalogue. The gateway of each variant with app.request(),
// in front of the lab's real auth-service and products-service apps (in process, through the gateway's
// `upstream` port): no token → 401, a customer's token → 403 problem+json that never reaches
// products-service, the administrator's token → 200. auth-service puts the role in the JWT, seeds the
// administrator from ADMIN_EMAIL/ADMIN_PASSWORD (hashed like any user) and never lets a sign-up become one.
// On the start, requireRole is the learner's TODO: a customer's write still passes (the defect it fixes).
import type { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';

const SECRET = 'secreto-de-la-prueba-con-mas-de-32-caracteres';
const ADMIN = { email: 'admin@foodly.test', password: 'admin-de-la-prueba' };
type Upstream = (url: string, init: RequestInit) => Promise<Response>;
type System = { gateway: Hono; auth: Hono; stockOf(id: string): Promise<number>; productCalls: string[] };

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub?: string; role?: string };

/** The gateway, auth-service and products-service of one materialized tree, wired in process. */
async function system(tree: MaterializedTree, authEnv: Record<string, string> = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }): Promise<System> {
  const authApp = (await tree.import<{ buildApp(settings: unknown): Hono }>('auth-service/src/app.ts')).buildApp(
    await settingsOf(tree, 'auth-service', { JWT_SECRET: SECRET, PASSWORD_HASH_ITERATIONS: '1000', ...authEnv }),
  );
  const productsApp = (await tree.import<{ buildApp(settings: unknown): Hono }>('products-service/src/app.ts')).buildApp(await settingsOf(tree, 'products-service', {}));
  const productCalls: string[] = [];
  const apps: Record<string, Hono> = { 'http://auth.test': authApp, 'http://products.test': productsApp };
  const upstream: Upstream = async (url, init) => {
    const { origin, pathname, search } = new URL(url);
    if (origin === 'http://products.test') productCalls.push(`${init.method ?? 'GET'} ${pathname}`);
    const app = apps[origin];
    if (!app) return new Response('no está en la prueba', { status: 503 });
    return app.request(`${pathname}${search}`, init);
  };
  const { buildApp } = await tree.import<{ buildApp(settings: unknown, deps: { upstream: Upstream }): Hono }>('gateway/src/app.ts');
  const gateway = buildApp(
    await settingsOf(tree, 'gateway', { JWT_SECRET: SECRET, AUTH_URL: 'http://auth.test', PRODUCTS_URL: 'http://products.test', ORDERS_URL: 'http://orders.test', NOTIFICATIONS_URL: 'http://notifications.test', PAYMENTS_URL: 'http://payments.test' }),
    { upstream },
  );
  const stockOf = async (id: string) => ((await (await productsApp.request(`/products/${id}`)).json()) as { stock: number }).stock;
  return { gateway, auth: authApp, stockOf, productCalls };
}

async function tokenOf(gateway: Hono, credentials: { email: string; password: string }): Promise<string> {
  const login = await gateway.request('/auth/login', json(credentials));
  expect(login.status, await login.clone().text()).toBe(200);
  return ((await login.json()) as { access_token: string }).access_token;
}

async function customerToken(gateway: Hono, name = 'ana'): Promise<string> {
  const email = `${name}.${Math.random().toString(36).slice(2)}@foodly.test`;
  expect((await gateway.request('/auth/register', json({ email, password: 'secreta123', name }))).status).toBe(201);
  return tokenOf(gateway, { email, password: 'secreta123' });
}

const patchStock = (gateway: Hono, stock: number, headers: Record<string, string> = {}) =>
  gateway.request('/products/p-1', { method: 'PATCH', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ stock }) });

describe('lab 29 solution: product writes need the admin role at the gateway', () => {
  let tree: MaterializedTree;
  let lab: System;
  beforeAll(async () => {
    tree = await materialize('lab-29-proyecto-final', 'solution');
    lab = await system(tree);
  });
  afterAll(() => tree?.remove());

  it('answers 401 without a token or with a forged one, and products-service never sees the write', async () => {
    const before = await lab.stockOf('p-1');
    const anonymous = await patchStock(lab.gateway, 3);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    // A token that says admin but is signed with another secret: the signature decides, not the claim.
    const forged = await sign({ sub: 'intrusa', role: 'admin', exp: Math.floor(Date.now() / 1000) + 60 }, `${SECRET}-otro`, 'HS256');
    expect((await patchStock(lab.gateway, 3, { authorization: `Bearer ${forged}` })).status).toBe(401);
    expect(lab.productCalls.filter((call) => call.startsWith('PATCH'))).toEqual([]);
    expect(await lab.stockOf('p-1')).toBe(before);
  });

  it('answers 403 problem+json to a customer\'s PATCH, POST and DELETE, without reaching products-service', async () => {
    const token = await customerToken(lab.gateway);
    expect(claimsOf(token).role).toBe('customer');
    const before = await lab.stockOf('p-1');
    const auth = { authorization: `Bearer ${token}` };
    const patched = await patchStock(lab.gateway, 3, auth);
    expect(patched.status).toBe(403);
    expect(patched.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await patched.json()) as { type: string; title: string; status: number; detail: string; instance: string; code: string };
    expect(problem).toMatchObject({ status: 403, code: 'FORBIDDEN', title: 'Permisos insuficientes', instance: '/products/p-1' });
    expect(problem.detail).toMatch(/PATCH \/products\/p-1 necesita un token con el rol "admin"/);
    const created = await lab.gateway.request('/products', { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ name: 'Intrusa', category: 'bebidas', price: 1, stock: 1 }) });
    expect(created.status).toBe(403);
    expect((await lab.gateway.request('/products/p-1', { method: 'DELETE', headers: auth })).status).toBe(403);
    expect((await lab.gateway.request('/products/p-1', { method: 'PUT', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ name: 'X', category: 'pizzas', price: 1, stock: 1 }) })).status).toBe(403);
    // The catalogue is still public to read, with or without a token.
    expect((await lab.gateway.request('/products/p-1', { headers: auth })).status).toBe(200);
    expect((await lab.gateway.request('/products')).status).toBe(200);
    expect(lab.productCalls.filter((call) => !call.startsWith('GET'))).toEqual([]);
    expect(await lab.stockOf('p-1')).toBe(before);
  });

  it('lets the administrator seeded from ADMIN_EMAIL/ADMIN_PASSWORD change the stock (200)', async () => {
    const token = await tokenOf(lab.gateway, ADMIN);
    expect(claimsOf(token).role).toBe('admin');
    const restocked = await patchStock(lab.gateway, 20, { authorization: `Bearer ${token}` });
    expect(restocked.status).toBe(200);
    expect(await restocked.json()).toMatchObject({ id: 'p-1', stock: 20 });
    expect(await lab.stockOf('p-1')).toBe(20);
  });

  it('never makes an administrator out of a sign-up: "role" in the body is ignored, the admin\'s email is taken from the start', async () => {
    const email = `eve.${Date.now()}@foodly.test`;
    const registered = await lab.gateway.request('/auth/register', json({ email, password: 'secreta123', name: 'Eve', role: 'admin' }));
    expect(registered.status).toBe(201);
    expect(JSON.stringify(await registered.json())).not.toContain('admin');
    const token = await tokenOf(lab.gateway, { email, password: 'secreta123' });
    expect(claimsOf(token).role).toBe('customer');
    expect((await patchStock(lab.gateway, 3, { authorization: `Bearer ${token}` })).status).toBe(403);
    // Case does not make another account: the seeded admin owns the address.
    for (const taken of [ADMIN.email, ADMIN.email.toUpperCase()]) {
      expect((await lab.gateway.request('/auth/register', json({ email: taken, password: 'otra-secreta-123', name: 'Impostora' }))).status).toBe(409);
    }
    expect((await lab.gateway.request('/auth/login', json({ email: ADMIN.email, password: 'otra-secreta-123' }))).status).toBe(401);
  });

  it('seeds the administrator before serving: its login in the first instant works and a sign-up with its email gets 409', async () => {
    // A fresh auth-service with the real cost (600 000 iterations): hashing the admin's password takes a
    // moment, and requests wait for it instead of answering as if there were no administrator.
    const fresh = await system(tree, { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, PASSWORD_HASH_ITERATIONS: '600000' });
    const [login, racing] = await Promise.all([
      fresh.gateway.request('/auth/login', json(ADMIN)),
      fresh.gateway.request('/auth/register', json({ email: ADMIN.email, password: 'otra-secreta-123', name: 'Impostora' })),
    ]);
    expect(login.status).toBe(200);
    expect(claimsOf(((await login.json()) as { access_token: string }).access_token).role).toBe('admin');
    expect(racing.status).toBe(409);
  });

  it('has no administrator without ADMIN_EMAIL and ADMIN_PASSWORD, and refuses one without the other', async () => {
    const none = await system(tree, {});
    expect((await none.gateway.request('/auth/login', json(ADMIN))).status).toBe(401);
    await expect(settingsOf(tree, 'auth-service', { ADMIN_EMAIL: ADMIN.email })).rejects.toThrow(/ADMIN_EMAIL y ADMIN_PASSWORD van juntos/);
    await expect(settingsOf(tree, 'auth-service', { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: 'corta' })).rejects.toThrow(/ADMIN_PASSWORD: la contraseña del administrador necesita al menos 12 caracteres/);
  });

  it('documents the 403 of product writes in the aggregated OpenAPI document, and only there', async () => {
    const doc = (await (await lab.gateway.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>> };
    for (const [path, method] of [['/products', 'post'], ['/products/{id}', 'patch'], ['/products/{id}', 'put'], ['/products/{id}', 'delete']] as const) {
      expect(Object.keys(doc.paths[path]?.[method]?.responses ?? {}), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
    }
    expect(Object.keys(doc.paths['/products/{id}']!.get!.responses)).not.toContain('403');
    expect(Object.keys(doc.paths['/auth/login']!.post!.responses)).not.toContain('403');
  });
});

describe('lab 29 start: requireRole is the learner\'s TODO', () => {
  let tree: MaterializedTree;
  beforeAll(async () => {
    tree = await materialize('lab-29-proyecto-final', 'start');
  });
  afterAll(() => tree?.remove());

  it('still lets a customer\'s token change the catalogue (the defect TODO 1 closes), while auth-service already issues roles', async () => {
    const lab = await system(tree);
    const token = await customerToken(lab.gateway);
    expect(claimsOf(token).role).toBe('customer');
    expect(claimsOf(await tokenOf(lab.gateway, ADMIN)).role).toBe('admin');
    expect((await patchStock(lab.gateway, 7, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(await lab.stockOf('p-1')).toBe(7);
  });
});
