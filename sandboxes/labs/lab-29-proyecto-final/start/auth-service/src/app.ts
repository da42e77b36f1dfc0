import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { loginRateLimit } from './rateLimit/loginRateLimit.ts';
import { problem, ProblemError, statusProblem } from './shared/problem.ts';
import { validationHook } from './shared/validation.ts';
import { systemRoutes } from './system/systemRoutes.ts';
import { bootstrapAdmin } from './users/bootstrapAdmin.ts';
import { InMemoryUserRepository } from './users/InMemoryUserRepository.ts';
import { PasswordHasher } from './users/PasswordHasher.ts';
import { TokenIssuer } from './users/TokenIssuer.ts';
import { UserAuthenticator } from './users/UserAuthenticator.ts';
import { UserRegistrar } from './users/UserRegistrar.ts';
import type { UserRepository } from './users/UserRepository.ts';
import { usersRoutes } from './users/usersRoutes.ts';

// #region build-app
// Raíz de composición: aquí, y solo aquí, se eligen los adaptadores y se conectan con los casos de uso.
export function buildApp(settings: Settings, users: UserRepository = new InMemoryUserRepository(), startedAt = Date.now()) {
  const hasher = new PasswordHasher(settings.PASSWORD_HASH_ITERATIONS);
  // El administrador se crea al arrancar (hashear su contraseña lleva un momento): hasta que está, las
  // peticiones esperan. Así nadie se registra antes con su email ni su primer login da 401.
  const adminReady = bootstrapAdmin(users, hasher, settings);
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(logger());
  app.use(async (_c, next) => {
    await adminReady;
    await next();
  });
  // Ningún cuerpo de esta API pasa de unos cientos de bytes: sin límite, un cuerpo de 50 MB se leería y se parsearía entero.
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  // Intentos de inicio de sesión limitados por IP y por cuenta (429 + Retry-After): ver rateLimit/.
  const loginLimits = loginRateLimit();
  app.use('/login', ...loginLimits);
  app.route('/', systemRoutes(settings, startedAt));
  app.route(
    '/',
    usersRoutes({
      registrar: new UserRegistrar(users, hasher),
      authenticator: new UserAuthenticator(users, hasher),
      tokens: new TokenIssuer(settings.JWT_SECRET, settings.JWT_TTL_SECONDS),
      users,
      jwtSecret: settings.JWT_SECRET,
    }),
  );
// #endregion build-app
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: settings.SERVICE_NAME,
      version: settings.SERVICE_VERSION,
      description: 'Usuarios y autenticación de Foodly',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    // Rutas relativas: «Try it out» llama al mismo servicio que sirve /docs, esté donde esté.
    servers: [{ url: '/', description: 'Este mismo servicio' }],
    // Público por defecto; las operaciones protegidas declaran su propio security (bearerAuth).
    security: [],
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: settings.SWAGGER_ASSETS_URL, title: `${settings.SERVICE_NAME} · API` }));

  // #region app-on-error
  // Todos los errores salen como application/problem+json (RFC 9457), cada uno con su tipo de problema.
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problem(c, error.status, error.kind, error.message, error.headers);
    if (error instanceof HTTPException) {
      // p. ej. el 401 del middleware jwt o un JSON mal formado (400): about:blank con la frase del estado,
      // un código derivado de él (401 → UNAUTHORIZED) y las cabeceras de la excepción, entre ellas
      // WWW-Authenticate: Bearer …, que dice al cliente cómo autenticarse (RFC 6750 §3).
      return problem(c, error.status, statusProblem(error.status), error.message || undefined, error.getResponse().headers);
    }
    console.error(`[error] ${c.req.method} ${c.req.path}:`, error);
    return problem(c, 500, statusProblem(500, 'INTERNAL_ERROR'), 'Algo ha fallado en el servidor; inténtalo de nuevo más tarde');
  });
  // #endregion app-on-error
  // #region app-not-found
  // Una ruta que no existe también responde problem+json, no el «404 Not Found» en texto de Hono.
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  // #endregion app-not-found
  return app;
}
