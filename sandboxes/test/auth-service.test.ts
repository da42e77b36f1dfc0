// auth-service's defences against user enumeration and information leaks, on lab 3 (where the
// learner writes them) and labs 12 and 29 (which inherit them; lab 29's own copy adds roles and a seeded
// administrator): an unknown e-mail costs the same PBKDF2
// work as a known one, the default iteration count is OWASP's for PBKDF2-HMAC-SHA-256, 401s keep
// the WWW-Authenticate challenge, the JWT payload carries no e-mail, and every error is an RFC 9457
// problem: its own type URI and fixed title for auth errors, about:blank + status phrase otherwise.
import { sign } from 'hono/jwt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';
import type { App } from './services.test.ts';

type BuildApp = { buildApp(...args: unknown[]): App };
type Settings = { PASSWORD_HASH_ITERATIONS: number };

const JWT_SECRET = 'secreto-de-los-tests-con-al-menos-32-caracteres';
const LAB12_ENV = { JWT_SECRET, JWT_ISSUER: 'foodly-auth', JWT_AUDIENCE: 'foodly-api', CORS_ORIGINS: 'http://localhost:5173' };
const ANA = { email: 'ana@foodly.test', password: 'secreta123', name: 'Ana' };
const LAB29_ENV = { JWT_SECRET, ADMIN_EMAIL: 'admin@foodly.test', ADMIN_PASSWORD: 'admin-de-los-tests' };
const trees: Record<'lab03' | 'lab12' | 'lab29', MaterializedTree> = {} as never;

beforeAll(async () => {
  [trees.lab03, trees.lab12, trees.lab29] = await Promise.all([
    materialize('lab-03-auth-service', 'solution'),
    materialize('lab-12-seguridad', 'solution'),
    materialize('lab-29-proyecto-final', 'solution'),
  ]);
});

afterAll(async () => {
  await Promise.all(Object.values(trees).map((tree) => tree.remove()));
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function buildAuth(lab: 'lab03' | 'lab12' | 'lab29', iterations: number, ...users: unknown[]): Promise<App> {
  const env = { ...(lab === 'lab12' ? LAB12_ENV : lab === 'lab29' ? LAB29_ENV : { JWT_SECRET }), PASSWORD_HASH_ITERATIONS: String(iterations) };
  const app = (await trees[lab].import<BuildApp>('auth-service/src/app.ts')).buildApp(await settingsOf(trees[lab], 'auth-service', env), ...users);
  if (users.length === 0) expect((await app.request('/register', json(ANA))).status).toBe(201);
  return app;
}

const FOODLY = 'https://foodly.example/problemas/';
const problemOf = async (response: Response) => ({ contentType: response.headers.get('content-type'), ...((await response.json()) as Record<string, unknown>) });

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

describe.each(['lab03', 'lab12', 'lab29'] as const)('auth-service (%s)', (lab) => {
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
    // Five samples each: an account's failure budget (rateLimit/); a sixth would be a fast 429, not a PBKDF2.
    const known = await medianMs(5, () => login(app, ANA.email, 'otra-cosa-123'));
    const unknown = await medianMs(5, () => login(app, 'nadie@foodly.test', 'otra-cosa-123'));
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

  it('gives each auth error its own problem type, with a fixed title, status, detail and instance', async () => {
    const app = await buildAuth(lab, 1000);
    expect(await problemOf(await app.request('/register', json(ANA)))).toEqual({
      contentType: 'application/problem+json',
      type: `${FOODLY}email-ya-registrado`,
      title: 'Email ya registrado',
      status: 409,
      detail: `El email ${ANA.email} ya está registrado`,
      instance: '/register',
      code: 'EMAIL_ALREADY_REGISTERED',
    });
    expect(await problemOf(await login(app, ANA.email, 'otra-cosa-123'))).toEqual({
      contentType: 'application/problem+json',
      type: `${FOODLY}credenciales-incorrectas`,
      title: 'Credenciales incorrectas',
      status: 401,
      detail: 'El email o la contraseña no son correctos',
      instance: '/login',
      code: 'INVALID_CREDENTIALS',
    });
    // A well-signed token whose user no longer exists: its own type, and the same Bearer challenge as a bad token.
    const now = Math.floor(Date.now() / 1000);
    const orphan = await sign({ sub: 'usuario-borrado', role: 'customer', iss: 'foodly-auth', aud: 'foodly-api', iat: now, exp: now + 60 }, JWT_SECRET, 'HS256');
    const me = await app.request('/me', { headers: { authorization: `Bearer ${orphan}` } });
    expect(me.status).toBe(401);
    expect(me.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    expect(await problemOf(me)).toMatchObject({ type: `${FOODLY}usuario-desconocido`, title: 'Usuario desconocido', status: 401, instance: '/me', code: 'UNKNOWN_USER' });
  });

  it('answers generic errors as about:blank with the status phrase as title and a status-derived code', async () => {
    const app = await buildAuth(lab, 1000);
    const missing = await app.request('/me');
    expect(await problemOf(missing)).toEqual({
      contentType: 'application/problem+json',
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'no authorization included in request',
      instance: '/me',
      code: 'UNAUTHORIZED',
    });
    const malformed = await app.request('/register', json('{"email":'));
    expect(malformed.status).toBe(400);
    expect(await problemOf(malformed)).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, instance: '/register', code: 'BAD_REQUEST' });
    // A broken repository: 500 without internals, and the full error in the log.
    const broken = { findByEmail: () => Promise.reject(new Error('base de datos caída')), findById: () => Promise.reject(new Error('base de datos caída')) };
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = await (await buildAuth(lab, 1000, broken)).request('/register', json(ANA));
    expect(failing.status).toBe(500);
    const body = await problemOf(failing);
    expect(body).toMatchObject({ contentType: 'application/problem+json', type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/register', code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(body)).not.toContain('base de datos');
    expect(String(log.mock.calls[0]?.[1])).toContain('base de datos caída');
  });

  it('signs a JWT that identifies the user by id only, never by e-mail', async () => {
    const app = await buildAuth(lab, 1000);
    const token = ((await (await login(app, ANA.email, ANA.password)).json()) as { access_token: string }).access_token;
    const claims = claimsOf(token);
    expect(claims.sub).toEqual(expect.any(String));
    expect(JSON.stringify(claims)).not.toContain(ANA.email);
  });
});
