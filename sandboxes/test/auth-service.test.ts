// auth-service's defences against user enumeration and information leaks, on lab 3 (where the
// learner writes them) and lab 12 (which inherits them): an unknown e-mail costs the same PBKDF2
// work as a known one, the default iteration count is OWASP's for PBKDF2-HMAC-SHA-256, 401s keep
// the WWW-Authenticate challenge, and the JWT payload carries no e-mail.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';
import type { App } from './services.test.ts';

type BuildApp = { buildApp(...args: unknown[]): App };
type Settings = { PASSWORD_HASH_ITERATIONS: number };

const JWT_SECRET = 'secreto-de-los-tests-con-al-menos-32-caracteres';
const LAB12_ENV = { JWT_SECRET, JWT_ISSUER: 'foodly-auth', JWT_AUDIENCE: 'foodly-api', CORS_ORIGINS: 'http://localhost:5173' };
const ANA = { email: 'ana@foodly.test', password: 'secreta123', name: 'Ana' };
const trees: Record<'lab03' | 'lab12', MaterializedTree> = {} as never;

beforeAll(async () => {
  [trees.lab03, trees.lab12] = await Promise.all([materialize('lab-03-auth-service', 'solution'), materialize('lab-12-seguridad', 'solution')]);
});

afterAll(async () => {
  await Promise.all(Object.values(trees).map((tree) => tree.remove()));
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function buildAuth(lab: 'lab03' | 'lab12', iterations: number): Promise<App> {
  const env = { ...(lab === 'lab12' ? LAB12_ENV : { JWT_SECRET }), PASSWORD_HASH_ITERATIONS: String(iterations) };
  const app = (await trees[lab].import<BuildApp>('auth-service/src/app.ts')).buildApp(await settingsOf(trees[lab], 'auth-service', env));
  expect((await app.request('/register', json(ANA))).status).toBe(201);
  return app;
}

const login = (app: App, email: string, password: string) => app.request('/login', json({ email, password }));
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** The iteration count of every PBKDF2 derivation made while `action` runs. */
async function pbkdf2IterationsDuring(action: () => Promise<unknown>): Promise<number[]> {
  const spy = vi.spyOn(crypto.subtle, 'deriveBits');
  await action();
  const iterations = spy.mock.calls.map(([algorithm]) => (algorithm as Pbkdf2Params).iterations);
  spy.mockRestore();
  return iterations;
}

async function medianMs(times: number, action: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

describe.each(['lab03', 'lab12'] as const)('auth-service (%s)', (lab) => {
  it('defaults to 600,000 PBKDF2 iterations (OWASP, PBKDF2-HMAC-SHA-256) and lets the env lower them', async () => {
    const env = lab === 'lab12' ? LAB12_ENV : {};
    expect((await settingsOf<Settings>(trees[lab], 'auth-service', env)).PASSWORD_HASH_ITERATIONS).toBe(600_000);
    expect((await settingsOf<Settings>(trees[lab], 'auth-service', { ...env, PASSWORD_HASH_ITERATIONS: '1000' })).PASSWORD_HASH_ITERATIONS).toBe(1000);
  });

  it('derives one PBKDF2 with the configured iterations whether or not the e-mail exists', async () => {
    const app = await buildAuth(lab, 20_000);
    const unknown = await pbkdf2IterationsDuring(async () => expect((await login(app, 'nadie@foodly.test', ANA.password)).status).toBe(401));
    const wrongPassword = await pbkdf2IterationsDuring(async () => expect((await login(app, ANA.email, 'otra-cosa-123')).status).toBe(401));
    expect(wrongPassword).toEqual([20_000]);
    expect(unknown).toEqual([20_000]);
  });

  it('answers a login with an unknown e-mail about as slowly as one with a wrong password', async () => {
    const app = await buildAuth(lab, 100_000);
    await login(app, 'calentando@foodly.test', 'x'.repeat(10));
    const known = await medianMs(7, () => login(app, ANA.email, 'otra-cosa-123'));
    const unknown = await medianMs(7, () => login(app, 'nadie@foodly.test', 'otra-cosa-123'));
    // With a cheaper dummy hash (1,000 iterations) the ratio was about 0.01.
    expect(unknown / known).toBeGreaterThan(0.5);
  });

  it('keeps WWW-Authenticate: Bearer on the problem+json 401 of a missing or invalid token', async () => {
    const app = await buildAuth(lab, 1000);
    const missing = await app.request('/me');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_request"/);
    const invalid = await app.request('/me', { headers: { authorization: 'Bearer no.es.un-token' } });
    expect(invalid.status).toBe(401);
    expect(invalid.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('signs a JWT that identifies the user by id only, never by e-mail', async () => {
    const app = await buildAuth(lab, 1000);
    const token = ((await (await login(app, ANA.email, ANA.password)).json()) as { access_token: string }).access_token;
    const claims = claimsOf(token);
    expect(claims.sub).toEqual(expect.any(String));
    expect(JSON.stringify(claims)).not.toContain(ANA.email);
  });
});
