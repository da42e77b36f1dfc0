import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { validationHook } from './shared/validation.ts';
import { systemRoutes } from './system/systemRoutes.ts';
import { registerRoutes } from './users/registerRoute.ts';

// #region build-app
// Composición de la aplicación: recibe la configuración y devuelve la app sin arrancar ningún servidor,
// así los tests la usan con app.request() y server.ts la sirve por HTTP.
export function buildApp(settings: Settings, startedAt = Date.now()) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(logger());
  app.route('/', systemRoutes(settings, startedAt));
  app.route('/', registerRoutes());
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: settings.SERVICE_NAME,
      version: settings.SERVICE_VERSION,
      description: 'Primer microservicio de Foodly',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    // Rutas relativas: «Try it out» llama al mismo servicio que sirve /docs, esté donde esté.
    servers: [{ url: '/', description: 'Este mismo servicio' }],
    // Ninguna ruta pide token todavía: se dice explícitamente en vez de callarlo.
    security: [],
  });
  // Swagger UI con recursos propios: baseUrl apunta a donde se sirven los ficheros de swagger-ui-dist.
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: settings.SWAGGER_ASSETS_URL, title: `${settings.SERVICE_NAME} · API` }));
  return app;
}
// #endregion build-app
