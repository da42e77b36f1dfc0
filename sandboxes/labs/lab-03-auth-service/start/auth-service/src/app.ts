import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { problem, ProblemError } from './shared/problem.ts';
import { validationHook } from './shared/validation.ts';
import { systemRoutes } from './system/systemRoutes.ts';
import { InMemoryUserRepository } from './users/InMemoryUserRepository.ts';
import { PasswordHasher } from './users/PasswordHasher.ts';
import { UserRegistrar } from './users/UserRegistrar.ts';
import type { UserRepository } from './users/UserRepository.ts';
import { usersRoutes } from './users/usersRoutes.ts';

// Raíz de composición: aquí, y solo aquí, se eligen los adaptadores y se conectan con los casos de uso.
export function buildApp(settings: Settings, users: UserRepository = new InMemoryUserRepository(), startedAt = Date.now()) {
  const hasher = new PasswordHasher(settings.PASSWORD_HASH_ITERATIONS);
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(logger());
  app.route('/', systemRoutes(settings, startedAt));
  app.route(
    '/',
    usersRoutes({
      registrar: new UserRegistrar(users, hasher),
      users,
      jwtSecret: settings.JWT_SECRET,
    }),
  );
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: { title: settings.SERVICE_NAME, version: settings.SERVICE_VERSION, description: 'Usuarios y autenticación de Foodly' },
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: settings.SWAGGER_ASSETS_URL, title: `${settings.SERVICE_NAME} · API` }));

  // Los errores HTTP (p. ej. el 401 del middleware JWT) salen como problem+json; el resto, 500 sin detalles internos.
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problem(c, error.status, error.code, error.title, error.message);
    if (error instanceof HTTPException) {
      const response = problem(c, error.status, error.status === 401 ? 'UNAUTHORIZED' : 'HTTP_ERROR', error.message || 'Error', error.message);
      // RFC 6750 §3: un 401 por falta de token o token no válido dice cómo autenticarse (WWW-Authenticate: Bearer …).
      const challenge = error.getResponse().headers.get('WWW-Authenticate');
      if (challenge) response.headers.set('WWW-Authenticate', challenge);
      return response;
    }
    console.error(`[error] ${c.req.method} ${c.req.path}:`, error);
    return problem(c, 500, 'INTERNAL_ERROR', 'Error interno', 'Algo ha fallado en el servidor; inténtalo de nuevo más tarde');
  });
  return app;
}
