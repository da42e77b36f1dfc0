import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { FakeEmailSender } from './orders/emailSender.ts';
import { OrdersStore } from './orders/ordersStore.ts';
import { ordersRoutes } from './orders/ordersRoutes.ts';
import { ProductsClient } from './orders/productsClient.ts';
import { CircuitBreaker } from './resilience/circuitBreaker.ts';
import { backgroundTasks } from './shared/backgroundTasks.ts';
import type { BackgroundEnv } from './shared/backgroundTasks.ts';
import { handleError } from './shared/errorHandler.ts';
import { pingRoute, publishApiDocs, simulateErrorRoute } from './shared/openApi.ts';
import { problem, statusProblem } from './shared/problem.ts';
import { validationHook } from './shared/validation.ts';

const resilienceRoute = createRoute({
  method: 'get',
  path: '/_resilience',
  operationId: 'getResilience',
  tags: ['laboratorio'],
  summary: 'Estado del circuit breaker y de los reintentos hacia products-service',
  responses: {
    200: {
      description: 'Estado actual',
      content: {
        'application/json': {
          schema: z.object({
            productsBreaker: z.object({
              state: z.enum(['closed', 'open', 'half-open']),
              consecutiveFailures: z.number().int(),
              failureThreshold: z.number().int(),
              resetTimeoutMs: z.number().int(),
            }),
            retry: z.object({ retries: z.number().int(), baseDelayMs: z.number().int(), maxDelayMs: z.number().int() }),
          }),
        },
      },
    },
  },
});

export function buildApp(settings: Settings) {
  // OpenAPIHono es un Hono que además reúne el contrato de cada ruta declarada con app.openapi().
  const app = new OpenAPIHono<BackgroundEnv>({ defaultHook: validationHook });
  app.use(logger());
  // Ningún cuerpo de esta API pasa de unos pocos KB: sin límite, un cuerpo de 50 MB se leería y se parsearía entero.
  // Lo que pasa de 64 KB se corta al leerlo: 413 problem+json desde app.onError.
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.use(backgroundTasks());
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
  // Un fallo inesperado a propósito, para ver qué recibe el cliente y qué queda en el log.
  app.openapi(simulateErrorRoute, () => {
    throw new Error('Fallo simulado: se perdió la conexión con la base de datos');
  });

  // #region products-breaker
  // Un breaker por dependencia: si products-service falla, no arrastra a otras llamadas.
  const productsBreaker = new CircuitBreaker({
    failureThreshold: settings.BREAKER_FAILURE_THRESHOLD,
    resetTimeoutMs: settings.BREAKER_RESET_TIMEOUT_MS,
    onStateChange: (from, to) => console.log(`[circuit breaker] products-service: ${from} → ${to}`),
  });
  const products = new ProductsClient(settings.PRODUCTS_URL, settings.PRODUCTS_TIMEOUT_MS, productsBreaker, {
    retries: settings.RETRY_RETRIES,
    baseDelayMs: settings.RETRY_BASE_DELAY_MS,
    maxDelayMs: settings.RETRY_MAX_DELAY_MS,
  });
  // #endregion products-breaker
  // Estado del breaker para verlo en el laboratorio; en producción iría a métricas, no a una ruta.
  app.openapi(resilienceRoute, (c) =>
    c.json({
      productsBreaker: {
        state: productsBreaker.state,
        consecutiveFailures: productsBreaker.failures,
        failureThreshold: settings.BREAKER_FAILURE_THRESHOLD,
        resetTimeoutMs: settings.BREAKER_RESET_TIMEOUT_MS,
      },
      retry: { retries: settings.RETRY_RETRIES, baseDelayMs: settings.RETRY_BASE_DELAY_MS, maxDelayMs: settings.RETRY_MAX_DELAY_MS },
    }, 200),
  );

  // Sin autenticación a propósito: GET /orders lista los pedidos (con su email) de todos los clientes. En producción
  // se verificaría el JWT y cada cliente vería solo los suyos (filtrando por su sub); tema 5, «Lo que los laboratorios dejan abierto».
  app.route('/orders', ordersRoutes(new OrdersStore(), products, new FakeEmailSender(settings.EMAIL_DELAY_MS)));
  publishApiDocs(app, { version: settings.SERVICE_VERSION, swaggerAssetsUrl: settings.SWAGGER_ASSETS_URL });
  app.onError(handleError);
  // Una ruta que no existe también responde problem+json, no el «404 Not Found» en texto de Hono.
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return app;
}
