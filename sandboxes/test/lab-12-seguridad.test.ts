// lab-12's auth-service (OAuth2 password flow, roles, CORS, secure headers) through app.request():
// JWT attacks → 401 with WWW-Authenticate, RFC 6749 token errors, 401 vs 403, CORS allowlist,
// security headers, random form bodies never 5xx; and both trees type-check.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeStrippingNode } from '../lib/node-runner.ts';
import { json, materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';
import type { App } from './services.test.ts';

type BuildApp = { buildApp(...args: unknown[]): App };

const JWT_SECRET = 'secreto-de-los-tests-con-al-menos-32-caracteres';
const ISSUER = 'foodly-auth';
const AUDIENCE = 'foodly-api';
const ALLOWED_ORIGIN = 'https://app.foodly.test';
// The bootstrap admin; its PBKDF2 hash is computed in beforeAll with the lab's own PasswordHasher.
const ADMIN = { email: 'admin@foodly.test', password: 'admin-de-los-tests' };

const run = promisify(execFile);
const trees: MaterializedTree[] = [];
let auth: App;

const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});
const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

async function tokenFor(username: string, password: string): Promise<string> {
  const response = await auth.request('/token', form({ grant_type: 'password', username, password }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

let customerToken: string;

beforeAll(async () => {
  const tree = await materialize('lab-12-seguridad', 'solution');
  trees.push(tree);
  const { PasswordHasher } = await tree.import<{ PasswordHasher: new (iterations: number) => { hash(password: string): Promise<string> } }>(
    'auth-service/src/users/PasswordHasher.ts',
  );
  const settings = await settingsOf(tree, 'auth-service', {
    JWT_SECRET,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    JWT_TTL_SECONDS: '600',
    PASSWORD_HASH_ITERATIONS: '1000',
    CORS_ORIGINS: `http://localhost:5173,${ALLOWED_ORIGIN}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD_HASH: await new PasswordHasher(1000).hash(ADMIN.password),
  });
  auth = (await tree.import<BuildApp>('auth-service/src/app.ts')).buildApp(settings);
  expect((await auth.request('/register', json({ email: 'ana@foodly.test', password: 'secreta123', name: 'Ana', role: 'admin' }))).status).toBe(201);
  customerToken = await tokenFor('ana@foodly.test', 'secreta123');
});

afterAll(async () => {
  await Promise.all(trees.map((tree) => tree.remove()));
});

describe('lab-12 POST /token (RFC 6749 §4.3, §5)', () => {
  it('issues a bearer token with expires_in and Cache-Control: no-store', async () => {
    const response = await auth.request('/token', form({ grant_type: 'password', username: 'ana@foodly.test', password: 'secreta123' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(await response.json()).toMatchObject({ token_type: 'bearer', expires_in: 600 });
  });

  it('puts sub, role, iss, aud, iat and exp in the token, and no e-mail', () => {
    const claims = claimsOf(customerToken);
    expect(claims).toMatchObject({ role: 'customer', iss: ISSUER, aud: AUDIENCE });
    expect(typeof claims.sub).toBe('string');
    expect(claims.exp).toBe((claims.iat as number) + 600);
    expect(JSON.stringify(claims)).not.toContain('ana@foodly.test');
  });

  it.each([
    ['a wrong password', { grant_type: 'password', username: 'ana@foodly.test', password: 'otra' }, 'invalid_grant'],
    ['an unknown user', { grant_type: 'password', username: 'nadie@foodly.test', password: 'otra' }, 'invalid_grant'],
    ['another grant type', { grant_type: 'client_credentials', username: 'ana@foodly.test', password: 'secreta123' }, 'unsupported_grant_type'],
    ['a missing password', { grant_type: 'password', username: 'ana@foodly.test' }, 'invalid_request'],
  ])('answers %s with 400 %s', async (_what, fields, error) => {
    const response = await auth.request('/token', form(fields as Record<string, string>));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error });
  });

  it('rejects a JSON body with 415', async () => {
    expect((await auth.request('/token', json({ grant_type: 'password', username: 'a', password: 'b' }))).status).toBe(415);
  });

  it('never answers 5xx to random form bodies', async () => {
    // Each run comes from its own client address (the socket @hono/node-server would give the app):
    // sixty failures from one address would spend its login budget (rateLimit/) and the tests after this one would get 429.
    let run = 0;
    const fromOwnAddress = () => ({ incoming: { socket: { remoteAddress: `10.0.${Math.floor(run / 250)}.${(run++ % 250) + 1}` } } });
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('grant_type', 'username', 'password', 'scope', 'x'), fc.string()), async (fields) => {
        const response = await (auth.request as (path: string, init: RequestInit, env: unknown) => Promise<Response>)('/token', form(fields), fromOwnAddress());
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});

describe('lab-12 authorization', () => {
  it('answers GET /admin/users with 401 without a token, 403 to a customer and 200 to the admin', async () => {
    expect((await auth.request('/admin/users')).status).toBe(401);
    const asCustomer = await auth.request('/admin/users', bearer(customerToken));
    expect(asCustomer.status).toBe(403);
    expect(asCustomer.headers.get('content-type')).toBe('application/problem+json');
    expect(await asCustomer.json()).toEqual({
      type: 'https://foodly.example/problemas/permisos-insuficientes',
      title: 'Permisos insuficientes',
      status: 403,
      detail: 'Esta operación necesita el rol "admin"',
      instance: '/admin/users',
      code: 'FORBIDDEN',
    });
    const asAdmin = await auth.request('/admin/users', bearer(await tokenFor(ADMIN.email, ADMIN.password)));
    expect(asAdmin.status).toBe(200);
    const users = (await asAdmin.json()) as Array<Record<string, unknown>>;
    expect(users.map((user) => user.role).sort()).toEqual(['admin', 'customer']);
    expect(JSON.stringify(users)).not.toMatch(/passwordHash|pbkdf2/);
  });

  it('ignores "role": "admin" in the public sign-up', async () => {
    const me = await auth.request('/me', bearer(customerToken));
    expect(await me.json()).toMatchObject({ email: 'ana@foodly.test', role: 'customer' });
  });
});

describe('lab-12 JWT attacks → 401 with WWW-Authenticate', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const forged: Array<[string, () => Promise<string>]> = [
    ['no token', async () => ''],
    // The signature's first character, not its last: the last base64url character of a 32-byte
    // HMAC carries 2 padding bits, so 'A' → 'B' there could leave the signature valid (1 run in 16).
    ['a tampered signature', async () => {
      const [header, payload, signature] = customerToken.split('.');
      return `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    }],
    ['a payload changed to admin', async () => {
      const [header, , signature] = customerToken.split('.');
      return `${header}.${base64url({ ...claimsOf(customerToken), role: 'admin' })}.${signature}`;
    }],
    ['alg: none', async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claimsOf(customerToken), role: 'admin' })}.`],
    ['an expired token', async () => sign({ ...claimsOf(customerToken), iat: now() - 120, exp: now() - 60 }, JWT_SECRET, 'HS256')],
    ['another audience', async () => sign({ ...claimsOf(customerToken), aud: 'otro-servicio' }, JWT_SECRET, 'HS256')],
    ['another issuer', async () => sign({ ...claimsOf(customerToken), iss: 'https://malo.example' }, JWT_SECRET, 'HS256')],
    ['a foreign secret', async () => sign({ ...claimsOf(customerToken), role: 'admin' }, 'otra-clave-de-al-menos-32-caracteres!!', 'HS256')],
    ['HS512 instead of HS256', async () => sign({ ...claimsOf(customerToken), role: 'admin' }, JWT_SECRET, 'HS512')],
  ];

  it.each(forged)('rejects %s', async (_what, make) => {
    const token = await make();
    const response = await auth.request('/admin/users', token ? bearer(token) : {});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="foodly"/);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('lab-12 CORS and security headers', () => {
  const preflight = (origin: string) =>
    auth.request('/admin/users', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

  it('answers the preflight of an allowed origin before the JWT middleware', async () => {
    const response = await preflight(ALLOWED_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives no Access-Control-Allow-Origin to an origin outside the list', async () => {
    expect((await preflight('https://malicioso.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await auth.request('/ping', { headers: { origin: 'https://malicioso.example' } })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the allowed origin read a 401, WWW-Authenticate included', async () => {
    const response = await auth.request('/me', { headers: { origin: ALLOWED_ORIGIN } });
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/www-authenticate/i);
  });

  it('sends HSTS, nosniff and a strict CSP on API responses, errors included, but not on /docs', async () => {
    for (const response of [await auth.request('/ping'), await auth.request('/me')]) {
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    const docs = await auth.request('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toBeNull();
  });

  it('refuses to start with an origin that has a trailing slash', async () => {
    const tree = trees[0]!;
    await expect(settingsOf(tree, 'auth-service', { CORS_ORIGINS: 'https://app.foodly.test/' })).rejects.toThrow(/CORS_ORIGINS/);
  });
});

describe('lab-12 trees as the learner gets them', () => {
  it.each(['start', 'solution'] as const)('the %s tree type-checks (erasable syntax only)', { timeout: 120_000 }, async (variant) => {
    const tree = await materialize('lab-12-seguridad', variant);
    trees.push(tree);
    const tsc = join(import.meta.dirname, '../../node_modules/typescript/bin/tsc');
    const result = await run(typeStrippingNode(), [tsc, '-p', tree.dir], { cwd: tree.dir }).catch((error: { stdout: string }) => error);
    expect('stdout' in result ? result.stdout : '').toBe('');
  });
});
