import type { Check, CheckContext, CheckResponse } from '../../lib/checks-types.ts';

type ExpectedProblem = { type: string; title: string; status: number; instance: string; code: string };
const FOODLY = 'https://foodly.example/problemas/';

const newCredentials = () => ({ email: `check-${Math.random().toString(36).slice(2)}@foodly.test`, password: 'secreta123' });

function decodeJwtPart(part: string | undefined): Record<string, unknown> | undefined {
  if (!part) return undefined;
  try {
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return undefined;
  }
}

async function register(ctx: CheckContext, credentials: { email: string; password: string }) {
  const response = await ctx.request('auth', '/register', { method: 'POST', body: { ...credentials, name: 'Check' } });
  ctx.assert(response.status === 201, `POST /register debería responder 201 y respondió ${response.status}`);
  return response;
}

async function login(ctx: CheckContext, credentials: { email: string; password: string }): Promise<string> {
  const response = await ctx.request('auth', '/login', { method: 'POST', body: credentials });
  ctx.assert(response.status === 200, `POST /login con credenciales correctas debería responder 200 y respondió ${response.status}`);
  const token = (response.body as { access_token?: unknown }).access_token;
  ctx.assert(typeof token === 'string', 'POST /login debería devolver el JWT en "access_token"');
  return token as string;
}

/**
 * Un error RFC 9457: application/problem+json con type, title, status, instance y el code de Foodly.
 * `how` dice al alumno qué escribir para que salga ese problema.
 */
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

export default [
  {
    name: 'El alta no devuelve la contraseña ni su hash',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await register(ctx, newCredentials());
      ctx.assert(!response.text.includes('secreta123'), 'La respuesta de /register incluye la contraseña');
      ctx.assert(!/pbkdf2|passwordHash/i.test(response.text), 'La respuesta de /register incluye el hash de la contraseña');
    },
  },
  {
    name: 'Un email repetido responde 409 problem+json con su tipo y el código EMAIL_ALREADY_REGISTERED',
    onStart: 'pass',
    run: async (ctx) => {
      const credentials = newCredentials();
      await register(ctx, credentials);
      const again = await ctx.request('auth', '/register', { method: 'POST', body: { ...credentials, name: 'Otra' } });
      ctx.assert(again.status === 409, `Registrar dos veces el mismo email debería responder 409 y respondió ${again.status}`);
      assertProblem(
        ctx,
        again,
        'El 409 de /register',
        { type: `${FOODLY}email-ya-registrado`, title: 'Email ya registrado', status: 409, instance: '/register', code: 'EMAIL_ALREADY_REGISTERED' },
        'el tipo authProblems.emailAlreadyRegistered de shared/problemTypes.ts',
      );
    },
  },
  {
    name: 'Una contraseña incorrecta responde 401 problem+json de tipo credenciales-incorrectas, con WWW-Authenticate',
    onStart: 'fail',
    run: async (ctx) => {
      const credentials = newCredentials();
      await register(ctx, credentials);
      const response = await ctx.request('auth', '/login', { method: 'POST', body: { ...credentials, password: 'no-es-la-buena' } });
      ctx.assert(response.status === 401, `POST /login con una contraseña incorrecta debería responder 401 y respondió ${response.status}`);
      ctx.assert(
        (response.headers['www-authenticate'] ?? '') !== '',
        'El 401 de POST /login debería llevar la cabecera WWW-Authenticate (RFC 9110 §15.5.2: un 401 DEBE traer un reto); pásala como cuarto argumento de ProblemError, p. ej. { "WWW-Authenticate": \'Form realm="foodly"\' }',
      );
      assertProblem(
        ctx,
        response,
        'El 401 de /login',
        { type: `${FOODLY}credenciales-incorrectas`, title: 'Credenciales incorrectas', status: 401, instance: '/login', code: 'INVALID_CREDENTIALS' },
        'lanza new ProblemError(401, authProblems.invalidCredentials, …)',
      );
    },
  },
  {
    name: 'POST /login devuelve un JWT HS256 con sub y exp, sin el email',
    onStart: 'fail',
    run: async (ctx) => {
      const credentials = newCredentials();
      await register(ctx, credentials);
      const token = await login(ctx, credentials);
      const [header, payload] = token.split('.').map((part, index) => (index < 2 ? decodeJwtPart(part) : undefined));
      ctx.assert(header?.alg === 'HS256', `El JWT debería firmarse con HS256 y su cabecera dice ${JSON.stringify(header?.alg)}`);
      ctx.assert(typeof payload?.sub === 'string', 'El JWT debería llevar el id del usuario en "sub"');
      ctx.assert(
        !JSON.stringify(payload).includes(credentials.email),
        'El payload del JWT lleva el email: cualquiera lo lee con base64url, así que identifica al usuario solo con "sub"',
      );
      const now = Math.floor(Date.now() / 1000);
      ctx.assert(typeof payload?.exp === 'number' && (payload.exp as number) > now, 'El JWT debería llevar una caducidad "exp" en el futuro');
      ctx.assert((payload!.exp as number) - now <= 900 + 5, 'La caducidad del JWT debería salir de JWT_TTL_SECONDS (900 s en este laboratorio)');
    },
  },
  {
    name: 'GET /me devuelve el usuario del token y 401 about:blank (con WWW-Authenticate) sin token o con la firma alterada',
    onStart: 'fail',
    run: async (ctx) => {
      const credentials = newCredentials();
      await register(ctx, credentials);
      const token = await login(ctx, credentials);
      const me = await ctx.request('auth', '/me', { headers: { authorization: `Bearer ${token}` } });
      ctx.assert(me.status === 200, `GET /me con un token válido debería responder 200 y respondió ${me.status}`);
      ctx.assert((me.body as { email?: string }).email === credentials.email, 'GET /me debería devolver el email del usuario del token');
      const anonymous = await ctx.request('auth', '/me');
      ctx.assert(anonymous.status === 401, `GET /me sin token debería responder 401 y respondió ${anonymous.status}`);
      ctx.assert(
        (anonymous.headers['www-authenticate'] ?? '').startsWith('Bearer'),
        'El 401 de GET /me debería llevar la cabecera WWW-Authenticate: Bearer … (RFC 6750) que pone el middleware jwt',
      );
      assertProblem(
        ctx,
        anonymous,
        'El 401 de GET /me sin token',
        { type: 'about:blank', title: 'Unauthorized', status: 401, instance: '/me', code: 'UNAUTHORIZED' },
        'un 401 del middleware jwt no tiene más semántica que su estado: app.onError lo responde con statusProblem(error.status)',
      );
      const signature = token.slice(token.lastIndexOf('.') + 1);
      const tampered = token.slice(0, token.lastIndexOf('.') + 1) + (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1);
      const forged = await ctx.request('auth', '/me', { headers: { authorization: `Bearer ${tampered}` } });
      ctx.assert(forged.status === 401, `GET /me con la firma alterada debería responder 401 y respondió ${forged.status}`);
    },
  },
] satisfies Check[];
