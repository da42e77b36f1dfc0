import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ProblemError, problemResponse } from '../shared/problem.ts';
import { authProblems } from '../shared/problemTypes.ts';
import { validationHook } from '../shared/validation.ts';
import type { TokenIssuer } from './TokenIssuer.ts';
import { toPublicUser } from './User.ts';
import type { UserAuthenticator } from './UserAuthenticator.ts';
import { EmailAlreadyRegistered } from './UserRegistrar.ts';
import type { UserRegistrar } from './UserRegistrar.ts';
import type { UserRepository } from './UserRepository.ts';

const RegisterSchema = z
  .object({
    email: z.email().openapi({ example: 'ana@foodly.test' }),
    password: z.string().min(8).max(128).openapi({ example: 'secreta123' }),
    name: z.string().trim().min(1).max(80).openapi({ example: 'Ana' }),
  })
  .openapi('Register');
const LoginSchema = RegisterSchema.pick({ email: true, password: true }).openapi('Login');
const PublicUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['customer', 'admin']) }).openapi('User');
const TokenSchema = z.object({ access_token: z.string(), token_type: z.literal('bearer'), expires_in: z.number() }).openapi('AccessToken');
const ValidationErrorSchema = z
  .object({ detail: z.array(z.object({ loc: z.array(z.string()), msg: z.string(), type: z.string() })) })
  .openapi('ValidationError');

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const registerRoute = createRoute({
  method: 'post',
  path: '/register',
  operationId: 'register',
  tags: ['usuarios'],
  summary: 'Alta de usuario',
  request: { body: { required: true, content: json(RegisterSchema) } },
  responses: {
    201: { description: 'Usuario creado', content: json(PublicUserSchema) },
    400: problemResponse('El cuerpo no es JSON'),
    409: problemResponse('El email ya existe'),
    413: problemResponse('El cuerpo pasa de 64 KB'),
    422: { description: 'Datos no válidos', content: json(ValidationErrorSchema) },
  },
});

const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  operationId: 'login',
  tags: ['usuarios'],
  summary: 'Inicio de sesión: devuelve un JWT',
  request: { body: { required: true, content: json(LoginSchema) } },
  responses: {
    200: { description: 'Credenciales correctas', content: json(TokenSchema) },
    400: problemResponse('El cuerpo no es JSON'),
    401: problemResponse('Credenciales incorrectas'),
    413: problemResponse('El cuerpo pasa de 64 KB'),
    422: { description: 'Datos no válidos', content: json(ValidationErrorSchema) },
    429: problemResponse('Demasiados intentos fallidos (Retry-After dice cuándo volver)'),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags: ['usuarios'],
  summary: 'El usuario del token',
  security: [{ bearerAuth: [] }, { oauth2: [] }],
  responses: {
    200: { description: 'Usuario autenticado', content: json(PublicUserSchema) },
    401: problemResponse('Falta el token, no es válido o su usuario ya no existe'),
  },
});

export type UsersDependencies = {
  registrar: UserRegistrar;
  authenticator: UserAuthenticator;
  tokens: TokenIssuer;
  users: UserRepository;
  /** El middleware que verifica el JWT (auth/authenticate.ts), el mismo para todas las rutas protegidas. */
  authenticate: MiddlewareHandler;
};

/** Router de usuarios como sub-aplicación: app.ts lo monta con app.route('/', usersRoutes(…)). */
export function usersRoutes(deps: UsersDependencies) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.use('/me', deps.authenticate);

  return app
    .openapi(registerRoute, async (c) => {
      try {
        return c.json(await deps.registrar.register(c.req.valid('json')), 201);
      } catch (error) {
        if (error instanceof EmailAlreadyRegistered) throw new ProblemError(409, authProblems.emailAlreadyRegistered, error.message);
        throw error;
      }
    })
    .openapi(loginRoute, async (c) => {
      const { email, password } = c.req.valid('json');
      const user = await deps.authenticator.authenticate(email, password);
      // Un 401 DEBE llevar WWW-Authenticate (RFC 9110 §15.5.2). Ningún esquema registrado describe
      // «credenciales en el cuerpo JSON», así que el reto nombra uno propio: el navegador no abre su
      // diálogo de usuario y contraseña (solo lo hace con Basic) y el cliente sabe qué se le pide.
      const challenge = { 'WWW-Authenticate': 'Form realm="foodly"' };
      if (!user) throw new ProblemError(401, authProblems.invalidCredentials, 'El email o la contraseña no son correctos', challenge);
      return c.json(await deps.tokens.issue(user), 200);
    })
    .openapi(meRoute, async (c) => {
      const payload = c.get('jwtPayload') as { sub?: string };
      const user = payload.sub ? await deps.users.findById(payload.sub) : undefined;
      // Firma válida, pero el usuario ya no existe: el token no sirve y el 401 lo dice como el middleware jwt.
      const challenge = { 'WWW-Authenticate': 'Bearer realm="foodly", error="invalid_token"' };
      if (!user) throw new ProblemError(401, authProblems.unknownUser, 'El usuario del token ya no existe', challenge);
      return c.json(toPublicUser(user), 200);
    });
}
