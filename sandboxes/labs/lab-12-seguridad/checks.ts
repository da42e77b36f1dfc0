import type { Check, CheckContext, CheckResponse } from '../../lib/checks-types.ts';

// Los mismos valores que lab.yaml da al servicio: con ellos las comprobaciones fabrican tokens
// "casi buenos" (caducados, de otra audiencia, con alg none) para ver que el servicio los rechaza.
const JWT_SECRET = 'secreto-del-laboratorio-12-con-32-caracteres';
const ISSUER = 'foodly-auth';
const AUDIENCE = 'foodly-api';
const ADMIN = { username: 'admin@foodly.test', password: 'admin-del-lab-12' };
const ALLOWED_ORIGIN = 'http://localhost:5173';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

type ExpectedProblem = { type: string; title: string; status: number; instance: string; code: string };

const newCredentials = () => ({ email: `check-${Math.random().toString(36).slice(2)}@foodly.test`, password: 'secreta123' });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const encodePart = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  if (!part) return undefined;
  try {
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return undefined;
  }
}

async function signHs256(header: object, payload: object, secret: string): Promise<string> {
  const unsigned = `${encodePart(header)}.${encodePart(payload)}`;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(unsigned)));
  return `${unsigned}.${base64url(signature)}`;
}

async function register(ctx: CheckContext, credentials: { email: string; password: string }, extra: Record<string, unknown> = {}) {
  const response = await ctx.request('auth', '/register', { method: 'POST', body: { ...credentials, name: 'Check', ...extra } });
  ctx.assert(response.status === 201, `POST /register debería responder 201 y respondió ${response.status}`);
  return response;
}

function requestToken(ctx: CheckContext, fields: Record<string, string>): Promise<CheckResponse> {
  return ctx.request('auth', '/token', { method: 'POST', headers: FORM, body: form(fields) });
}

/** Un error RFC 9457: application/problem+json con type, title, status, instance y el code de Foodly. */
function assertProblem(ctx: CheckContext, response: CheckResponse, what: string, expected: ExpectedProblem, how: string) {
  const contentType = response.headers['content-type'] ?? 'sin content-type';
  ctx.assert(contentType.startsWith('application/problem+json'), `${what} debería ser application/problem+json y es ${contentType}`);
  const body = (response.body ?? {}) as Record<string, unknown>;
  for (const member of ['type', 'title', 'status', 'instance', 'code'] as const) {
    ctx.assert(
      body[member] === expected[member],
      `${what} debería llevar "${member}": ${JSON.stringify(expected[member])} y lleva ${JSON.stringify(body[member])} (${how})`,
    );
  }
}

// Los tokens de las comprobaciones de roles y ataques salen de POST /login (JSON, ya hecho en el
// laboratorio 3): así cada TODO se puede comprobar por separado, aunque /token aún no esté listo.
async function tokenFor(ctx: CheckContext, email: string, password: string): Promise<string> {
  const response = await ctx.request('auth', '/login', { method: 'POST', body: { email, password } });
  ctx.assert(response.status === 200, `POST /login con credenciales correctas debería responder 200 y respondió ${response.status}`);
  const token = (response.body as { access_token?: unknown }).access_token;
  ctx.assert(typeof token === 'string' && token.split('.').length === 3, 'POST /login debería devolver un JWT en "access_token"');
  return token as string;
}

async function customerToken(ctx: CheckContext): Promise<string> {
  const credentials = newCredentials();
  await register(ctx, credentials);
  return tokenFor(ctx, credentials.email, credentials.password);
}

export default [
  {
    name: 'POST /token (OAuth2, formulario) devuelve access_token, token_type bearer y expires_in sin caché',
    onStart: 'fail',
    run: async (ctx) => {
      const credentials = newCredentials();
      await register(ctx, credentials);
      const response = await requestToken(ctx, { grant_type: 'password', username: credentials.email, password: credentials.password });
      ctx.assert(response.status === 200, `POST /token con credenciales correctas debería responder 200 y respondió ${response.status}: ${response.text.slice(0, 160)}`);
      const body = response.body as { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
      ctx.assert(typeof body.access_token === 'string', 'La respuesta de /token debería llevar el JWT en "access_token" (RFC 6749 §5.1)');
      ctx.assert(typeof body.token_type === 'string' && body.token_type.toLowerCase() === 'bearer', 'La respuesta de /token debería llevar "token_type": "bearer"');
      ctx.assert(body.expires_in === 900, `"expires_in" debería ser la vida del token en segundos (900 en este laboratorio) y es ${JSON.stringify(body.expires_in)}`);
      ctx.assert(
        (response.headers['cache-control'] ?? '').includes('no-store'),
        'La respuesta de /token debería llevar Cache-Control: no-store: un token no puede quedarse en ninguna caché',
      );
    },
  },
  {
    name: 'POST /token responde los errores de OAuth2: 400 invalid_grant, unsupported_grant_type e invalid_request',
    onStart: 'fail',
    run: async (ctx) => {
      const credentials = newCredentials();
      await register(ctx, credentials);
      const wrongPassword = await requestToken(ctx, { grant_type: 'password', username: credentials.email, password: 'no-es-la-buena' });
      const unknownUser = await requestToken(ctx, { grant_type: 'password', username: 'nadie@foodly.test', password: 'no-es-la-buena' });
      for (const [what, response] of [['una contraseña incorrecta', wrongPassword], ['un email que no existe', unknownUser]] as const) {
        ctx.assert(response.status === 400, `POST /token con ${what} debería responder 400 (RFC 6749 §5.2) y respondió ${response.status}`);
        ctx.assert((response.body as { error?: unknown }).error === 'invalid_grant', `POST /token con ${what} debería responder { "error": "invalid_grant" }`);
      }
      ctx.assert(wrongPassword.text === unknownUser.text, 'Contraseña incorrecta y email desconocido deberían dar exactamente la misma respuesta: si no, delatas qué emails existen');
      const otherGrant = await requestToken(ctx, { grant_type: 'client_credentials', username: credentials.email, password: credentials.password });
      ctx.assert(
        otherGrant.status === 400 && (otherGrant.body as { error?: unknown }).error === 'unsupported_grant_type',
        `Con grant_type=client_credentials, /token debería responder 400 { "error": "unsupported_grant_type" } y respondió ${otherGrant.status} ${otherGrant.text.slice(0, 120)}`,
      );
      const incomplete = await requestToken(ctx, { grant_type: 'password', username: credentials.email });
      ctx.assert(
        incomplete.status === 400 && (incomplete.body as { error?: unknown }).error === 'invalid_request',
        `Sin password, /token debería responder 400 { "error": "invalid_request" } y respondió ${incomplete.status} ${incomplete.text.slice(0, 120)}`,
      );
    },
  },
  {
    name: 'El JWT lleva sub, role, iss, aud, iat y exp, y ningún dato personal',
    onStart: 'fail',
    run: async (ctx) => {
      const credentials = newCredentials();
      await register(ctx, credentials);
      const response = await requestToken(ctx, { grant_type: 'password', username: credentials.email, password: credentials.password });
      const fromToken = (response.body as { access_token?: unknown }).access_token;
      // Si /token aún no funciona (TODO 1), se mira el JWT de /login: lo emite el mismo TokenIssuer.
      const token = typeof fromToken === 'string' ? fromToken : await tokenFor(ctx, credentials.email, credentials.password);
      const [header, payload] = token.split('.').map((part, index) => (index < 2 ? decodePart(part) : undefined));
      ctx.assert(header?.alg === 'HS256', `El JWT debería firmarse con HS256 y su cabecera dice ${JSON.stringify(header?.alg)}`);
      ctx.assert(typeof payload?.sub === 'string', 'El JWT debería llevar el id del usuario en "sub"');
      ctx.assert(payload?.role === 'customer', `El JWT de un cliente debería llevar "role": "customer" y lleva ${JSON.stringify(payload?.role)}`);
      ctx.assert(payload?.iss === ISSUER && payload?.aud === AUDIENCE, `El JWT debería llevar "iss": "${ISSUER}" y "aud": "${AUDIENCE}"`);
      ctx.assert(typeof payload?.iat === 'number' && typeof payload?.exp === 'number', 'El JWT debería llevar "iat" y "exp"');
      const decoded = JSON.stringify(payload);
      ctx.assert(!decoded.includes(credentials.email), 'El payload del JWT incluye el email: cualquiera puede leerlo, así que no lleves datos personales que no hagan falta');
      ctx.assert(!decoded.includes(credentials.password) && !/pbkdf2/.test(decoded), 'El payload del JWT incluye la contraseña o su hash');
    },
  },
  {
    name: 'GET /admin/users: 401 sin token, 403 para un cliente y 200 para el administrador',
    onStart: 'fail',
    run: async (ctx) => {
      const anonymous = await ctx.request('auth', '/admin/users');
      ctx.assert(anonymous.status === 401, `GET /admin/users sin token debería responder 401 y respondió ${anonymous.status}`);
      assertProblem(
        ctx,
        anonymous,
        'El 401 de GET /admin/users sin token',
        { type: 'about:blank', title: 'Unauthorized', status: 401, instance: '/admin/users', code: 'UNAUTHORIZED' },
        'el 401 del middleware jwt es un problema genérico: statusProblem(error.status) en app.onError',
      );
      const asCustomer = await ctx.request('auth', '/admin/users', { headers: bearer(await customerToken(ctx)) });
      ctx.assert(asCustomer.status === 403, `GET /admin/users con el token de un cliente debería responder 403 (autenticado pero sin permiso) y respondió ${asCustomer.status}`);
      assertProblem(
        ctx,
        asCustomer,
        'El 403 de GET /admin/users',
        { type: 'https://foodly.example/problemas/permisos-insuficientes', title: 'Permisos insuficientes', status: 403, instance: '/admin/users', code: 'FORBIDDEN' },
        'lanza new ProblemError(403, authProblems.forbidden, …) en requireRole',
      );
      const adminToken = await tokenFor(ctx, ADMIN.username, ADMIN.password);
      const asAdmin = await ctx.request('auth', '/admin/users', { headers: bearer(adminToken) });
      ctx.assert(asAdmin.status === 200, `GET /admin/users con el token del administrador debería responder 200 y respondió ${asAdmin.status}: ¿lleva su token el claim "role"?`);
      ctx.assert(Array.isArray(asAdmin.body) && !asAdmin.text.includes('passwordHash'), 'GET /admin/users debería devolver una lista de usuarios sin sus hashes');
    },
  },
  {
    name: 'Un alta con "role": "admin" en el cuerpo crea un cliente, no un administrador',
    onStart: 'fail',
    run: async (ctx) => {
      const credentials = newCredentials();
      const created = await register(ctx, credentials, { role: 'admin' });
      ctx.assert((created.body as { role?: unknown }).role === 'customer', 'El alta pública debería crear siempre un "customer", diga lo que diga el cuerpo');
      const token = await tokenFor(ctx, credentials.email, credentials.password);
      const response = await ctx.request('auth', '/admin/users', { headers: bearer(token) });
      ctx.assert(response.status === 403, `Quien se registra con "role": "admin" no debería poder entrar en /admin/users (respondió ${response.status})`);
    },
  },
  {
    name: 'Un token alterado, con alg none, caducado, de otra audiencia o firmado con otra clave responde 401 con WWW-Authenticate',
    onStart: 'pass',
    run: async (ctx) => {
      const token = await customerToken(ctx);
      const [header, payload, signature = ''] = token.split('.');
      const claims = decodePart(payload) ?? {};
      const now = Math.floor(Date.now() / 1000);
      const hs256 = { alg: 'HS256', typ: 'JWT' };
      const attacks: Array<[string, string]> = [
        ['la firma alterada', `${header}.${payload}.${(signature.startsWith('A') ? 'B' : 'A') + signature.slice(1)}`],
        ['el payload cambiado a "role": "admin" (misma firma)', `${header}.${encodePart({ ...claims, role: 'admin' })}.${signature}`],
        ['"alg": "none" y sin firma', `${encodePart({ alg: 'none', typ: 'JWT' })}.${encodePart({ ...claims, role: 'admin' })}.`],
        ['un token caducado', await signHs256(hs256, { ...claims, iat: now - 7200, exp: now - 3600 }, JWT_SECRET)],
        ['otra audiencia ("aud")', await signHs256(hs256, { ...claims, aud: 'otro-servicio' }, JWT_SECRET)],
        ['otro emisor ("iss")', await signHs256(hs256, { ...claims, iss: 'https://malo.example' }, JWT_SECRET)],
        ['una clave que no es la del servicio', await signHs256(hs256, { ...claims, role: 'admin' }, 'otra-clave-cualquiera-de-32-caracteres!!')],
      ];
      for (const [what, forged] of attacks) {
        const response = await ctx.request('auth', '/me', { headers: bearer(forged) });
        ctx.assert(response.status === 401, `GET /me con ${what} debería responder 401 y respondió ${response.status}`);
        ctx.assert(/^Bearer\b/i.test(response.headers['www-authenticate'] ?? ''), `El 401 de GET /me con ${what} debería llevar la cabecera WWW-Authenticate: Bearer …`);
      }
      const missing = await ctx.request('auth', '/me');
      ctx.assert(missing.status === 401, `GET /me sin token debería responder 401 y respondió ${missing.status}`);
      ctx.assert(/^Bearer\b/i.test(missing.headers['www-authenticate'] ?? ''), 'El 401 sin token debería llevar WWW-Authenticate: Bearer …');
    },
  },
  {
    name: 'CORS: el preflight desde un origen permitido recibe Access-Control-Allow-Origin y uno no permitido, no',
    onStart: 'fail',
    run: async (ctx) => {
      const preflight = (origin: string) =>
        ctx.request('auth', '/admin/users', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
        });
      const allowed = await preflight(ALLOWED_ORIGIN);
      ctx.assert(allowed.status >= 200 && allowed.status < 300, `El preflight (OPTIONS) desde ${ALLOWED_ORIGIN} debería responder 2xx y respondió ${allowed.status}: ¿está cors antes de las rutas protegidas?`);
      ctx.assert(
        allowed.headers['access-control-allow-origin'] === ALLOWED_ORIGIN,
        `El preflight desde ${ALLOWED_ORIGIN} debería llevar Access-Control-Allow-Origin: ${ALLOWED_ORIGIN} (lleva ${JSON.stringify(allowed.headers['access-control-allow-origin'] ?? null)})`,
      );
      ctx.assert(/authorization/i.test(allowed.headers['access-control-allow-headers'] ?? ''), 'El preflight debería permitir la cabecera Authorization (Access-Control-Allow-Headers)');
      const evil = await preflight('https://malicioso.example');
      ctx.assert(
        evil.headers['access-control-allow-origin'] === undefined,
        `Un origen fuera de la lista no debería recibir Access-Control-Allow-Origin (recibió ${JSON.stringify(evil.headers['access-control-allow-origin'])}): nada de "*"`,
      );
      const simple = await ctx.request('auth', '/ping', { headers: { origin: ALLOWED_ORIGIN } });
      ctx.assert(simple.headers['access-control-allow-origin'] === ALLOWED_ORIGIN, 'Una petición GET normal desde un origen permitido también debería llevar Access-Control-Allow-Origin');
    },
  },
  {
    name: "Cabeceras de seguridad: nosniff, HSTS, CSP con frame-ancestors 'none' en la API y /docs sigue funcionando",
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('auth', '/ping');
      const headers = response.headers;
      ctx.assert(headers['x-content-type-options'] === 'nosniff', 'Las respuestas de la API deberían llevar X-Content-Type-Options: nosniff (usa secureHeaders)');
      ctx.assert(/max-age=\d+/.test(headers['strict-transport-security'] ?? ''), 'Las respuestas deberían llevar Strict-Transport-Security con max-age');
      const csp = headers['content-security-policy'] ?? '';
      ctx.assert(/frame-ancestors 'none'/.test(csp), `La API debería enviar una CSP con frame-ancestors 'none' (la CSP es ${JSON.stringify(csp || null)})`);
      ctx.assert(/default-src 'none'/.test(csp), "La CSP de la API debería empezar por default-src 'none': un JSON no necesita cargar nada");
      const unauthorized = await ctx.request('auth', '/me');
      ctx.assert(unauthorized.headers['x-content-type-options'] === 'nosniff', 'También las respuestas de error (p. ej. el 401 de /me) deberían llevar las cabeceras de seguridad');
      const docs = await ctx.request('auth', '/docs');
      ctx.assert(docs.status === 200 && /<html/i.test(docs.text), `GET /docs debería seguir sirviendo Swagger UI (respondió ${docs.status})`);
      ctx.assert(!/default-src 'none'/.test(docs.headers['content-security-policy'] ?? ''), "/docs no debería llevar la CSP de la API (default-src 'none' bloquearía Swagger UI): exclúyelo con except");
    },
  },
  {
    name: 'Los logs no muestran contraseñas ni tokens',
    onStart: 'pass',
    run: async (ctx) => {
      const credentials = newCredentials();
      await register(ctx, credentials);
      const response = await requestToken(ctx, { grant_type: 'password', username: credentials.email, password: credentials.password });
      const token = (response.body as { access_token?: unknown }).access_token;
      await ctx.request('auth', '/me', { headers: bearer(typeof token === 'string' ? token : 'x.y.z') });
      await ctx.sleep(50);
      const logs = ctx.logs('auth').join('\n');
      ctx.assert(!logs.includes(credentials.password), 'Los logs del servicio contienen una contraseña: no registres cuerpos de petición de /register, /login ni /token');
      ctx.assert(typeof token !== 'string' || !logs.includes(token), 'Los logs del servicio contienen un token: no registres la cabecera Authorization ni cuerpos con tokens');
    },
  },
  {
    // Ya viene del laboratorio 3 (rateLimit/loginRateLimit.ts): el trabajo de este laboratorio no debe romperlo.
    name: 'Tras 5 contraseñas incorrectas, la cuenta responde 429 con Retry-After aunque la sexta sea la buena',
    onStart: 'pass',
    run: async (ctx) => {
      const credentials = newCredentials();
      await register(ctx, credentials);
      for (let attempt = 1; attempt <= 5; attempt++) {
        const wrong = await ctx.request('auth', '/login', { method: 'POST', body: { email: credentials.email, password: `no-es-la-buena-${attempt}` } });
        ctx.assert(wrong.status === 401, `El intento fallido ${attempt} de 5 debería responder 401 y respondió ${wrong.status}: el límite por cuenta no debe saltar antes de tiempo`);
      }
      const right = await ctx.request('auth', '/login', { method: 'POST', body: credentials });
      ctx.assert(
        right.status === 429,
        `Tras 5 fallos, POST /login debería responder 429 aunque la contraseña sea la buena (respondió ${right.status}): si no, un atacante prueba contraseñas sin freno`,
      );
      const retryAfter = Number(right.headers['retry-after']);
      ctx.assert(
        Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60,
        `El 429 debería llevar Retry-After con los segundos que faltan (como mucho 900) y lleva ${JSON.stringify(right.headers['retry-after'] ?? null)}`,
      );
      assertProblem(
        ctx,
        right,
        'El 429 de /login',
        { type: 'https://foodly.example/problemas/demasiados-intentos', title: 'Demasiados intentos', status: 429, instance: '/login', code: 'TOO_MANY_ATTEMPTS' },
        'responde con problem() de shared/problem.ts',
      );
      const other = newCredentials();
      await register(ctx, other);
      const unaffected = await ctx.request('auth', '/login', { method: 'POST', body: other });
      ctx.assert(unaffected.status === 200, `Otra cuenta desde la misma IP debería seguir entrando (respondió ${unaffected.status}): el bloqueo es por cuenta`);
    },
  },
] satisfies Check[];
