// The login rate limit of auth-service (lab 03, inherited by lab 12's /login and /token), over real
// HTTP on 127.0.0.1 so the per-IP key is the socket's address, as in production.
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePorts } from '../lib/node-runner.ts';
import { json, materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';
import type { App } from './services.test.ts';

type BuildApp = { buildApp(...args: unknown[]): App };
type Limits = { FAILURES_PER_ACCOUNT: number; FAILURES_PER_IP: number; LOGIN_WINDOW_MS: number };

const JWT_SECRET = 'secreto-de-los-tests-con-al-menos-32-caracteres';
const trees: MaterializedTree[] = [];
const servers: ServerType[] = [];
let limits: Limits;

async function startAuth(lab: string, env: Record<string, string> = {}): Promise<{ url: string; app: App }> {
  const tree = await materialize(lab, 'solution');
  trees.push(tree);
  limits = await tree.import<Limits>('auth-service/src/rateLimit/loginRateLimit.ts');
  const settings = await settingsOf(tree, 'auth-service', { JWT_SECRET, PASSWORD_HASH_ITERATIONS: '1000', JWT_TTL_SECONDS: '600', ...env });
  const app = (await tree.import<BuildApp>('auth-service/src/app.ts')).buildApp(settings);
  const [port] = await findFreePorts(1);
  const url = await new Promise<string>((resolve) => {
    servers.push(serve({ fetch: app.fetch, port: port!, hostname: '127.0.0.1' }, () => resolve(`http://127.0.0.1:${port}`)));
  });
  return { url, app };
}

const post = (url: string, body: unknown) => fetch(url, { ...json(body), method: 'POST' });

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(trees.map((tree) => tree.remove()));
});

describe('auth-service (lab 3): login rate limit per account and per IP', () => {
  let url: string;
  beforeAll(async () => {
    ({ url } = await startAuth('lab-03-auth-service'));
    for (const email of ['eva@foodly.test', 'leo@foodly.test']) {
      expect((await post(`${url}/register`, { email, password: 'secreta123', name: 'X' })).status).toBe(201);
    }
  });

  it('locks an account after its failures: even the right password gets 429 problem+json with Retry-After', async () => {
    expect(limits.FAILURES_PER_ACCOUNT).toBeLessThanOrEqual(5);
    for (let i = 0; i < limits.FAILURES_PER_ACCOUNT; i++) {
      expect((await post(`${url}/login`, { email: 'eva@foodly.test', password: `mala-${i}-xxxx` })).status).toBe(401);
    }
    // Upper case: the same account, the same counter.
    const locked = await post(`${url}/login`, { email: 'EVA@foodly.test', password: 'secreta123' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(limits.LOGIN_WINDOW_MS / 1000);
    expect(await locked.json()).toMatchObject({
      type: 'https://foodly.example/problemas/demasiados-intentos',
      title: 'Demasiados intentos',
      status: 429,
      instance: '/login',
      code: 'TOO_MANY_ATTEMPTS',
    });
    // Another account from the same IP still logs in: the lock is per account, not global.
    expect((await post(`${url}/login`, { email: 'leo@foodly.test', password: 'secreta123' })).status).toBe(200);
  });

  it('does not count successful logins, so a user who gets it right is never limited', async () => {
    for (let i = 0; i < limits.FAILURES_PER_IP + 5; i++) {
      expect((await post(`${url}/login`, { email: 'leo@foodly.test', password: 'secreta123' })).status).toBe(200);
    }
  });

  it('stops one IP that tries many accounts (credential stuffing) with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < limits.FAILURES_PER_IP + 1; i++) {
      statuses.push((await post(`${url}/login`, { email: `nadie-${i}@foodly.test`, password: 'secreta123' })).status);
    }
    // One account was already failed above (eva's five): the IP's budget ends before this loop does.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(limits.FAILURES_PER_IP);
  });
});

describe('auth-service (lab 12): /token shares the per-account counter with /login', () => {
  it('answers 429 on /token after failures on /login for the same account', async () => {
    const { PasswordHasher } = await (async () => {
      const tree = await materialize('lab-12-seguridad', 'solution');
      trees.push(tree);
      return tree.import<{ PasswordHasher: new (iterations: number) => { hash(password: string): Promise<string> } }>('auth-service/src/users/PasswordHasher.ts');
    })();
    const { url } = await startAuth('lab-12-seguridad', {
      JWT_ISSUER: 'foodly-auth',
      JWT_AUDIENCE: 'foodly-api',
      CORS_ORIGINS: 'http://localhost:5173',
      ADMIN_EMAIL: 'admin@foodly.test',
      ADMIN_PASSWORD_HASH: await new PasswordHasher(1000).hash('admin-de-los-tests'),
    });
    expect((await post(`${url}/register`, { email: 'ana@foodly.test', password: 'secreta123', name: 'Ana' })).status).toBe(201);
    for (let i = 0; i < limits.FAILURES_PER_ACCOUNT; i++) {
      expect((await post(`${url}/login`, { email: 'ana@foodly.test', password: `mala-${i}-xxxx` })).status).toBe(401);
    }
    const token = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: 'ana@foodly.test', password: 'secreta123' }).toString(),
    });
    expect(token.status).toBe(429);
    expect(token.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
