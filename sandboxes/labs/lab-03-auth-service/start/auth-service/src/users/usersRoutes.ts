import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ProblemError, problemResponse, statusProblem } from '../shared/problem.ts';
import { authProblems } from '../shared/problemTypes.ts';
import { validationHook } from '../shared/validation.ts';
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
const PublicUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string() }).openapi('User');
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
  },
});

export type UsersDependencies = {
  registrar: UserRegistrar;
  users: UserRepository;
  jwtSecret: string;
};

/** Router de usuarios como sub-aplicación: app.ts lo monta con app.route('/', usersRoutes(…)). */
export function usersRoutes(deps: UsersDependencies) {
  const app = new OpenAPIHono({ defaultHook: validationHook });

  return app
    .openapi(registerRoute, async (c) => {
      try {
        return c.json(await deps.registrar.register(c.req.valid('json')), 201);
      } catch (error) {
        if (error instanceof EmailAlreadyRegistered) throw new ProblemError(409, authProblems.emailAlreadyRegistered, error.message);
        throw error;
      }
    })
    .openapi(loginRoute, async () => {
      // TODO (Lab 3): comprueba las credenciales con un caso de uso UserAuthenticator y devuelve un JWT
      // (TokenIssuer); con credenciales incorrectas, lanza un ProblemError 401 con el tipo
      // authProblems.invalidCredentials y la cabecera WWW-Authenticate: Form realm="foodly" (todo 401
      // debe traer un reto: RFC 9110 §15.5.2). Después, protege GET /me.
      throw new ProblemError(501, statusProblem(501), 'El inicio de sesión está por implementar (Lab 3)');
    });
}
