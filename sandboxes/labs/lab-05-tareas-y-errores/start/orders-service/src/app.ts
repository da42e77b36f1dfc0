import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { OrdersStore } from './orders/ordersStore.ts';
import { ordersRoutes } from './orders/ordersRoutes.ts';
import { ProductsClient } from './orders/productsClient.ts';
import { pingRoute, publishApiDocs, simulateErrorRoute } from './shared/openApi.ts';
import { problem, statusProblem } from './shared/problem.ts';
import { validationHook } from './shared/validation.ts';

export function buildApp(settings: Settings) {
  // OpenAPIHono es un Hono que además reúne el contrato de cada ruta declarada con app.openapi().
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(logger());
  // Ningún cuerpo de esta API pasa de unos pocos KB: sin límite, un cuerpo de 50 MB se leería y se parsearía entero.
  // Lo que pasa de 64 KB se corta al leerlo y responde 413 problem+json (aún no hay app.onError que lo haga).
  app.use(bodyLimit({ maxSize: 64 * 1024, onError: (c) => problem(c, 413, statusProblem(413), 'El cuerpo de la petición pasa de 64 KB.') }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
  // Un fallo inesperado a propósito, para ver qué recibe el cliente y qué queda en el log.
  app.openapi(simulateErrorRoute, () => {
    throw new Error('Fallo simulado: se perdió la conexión con la base de datos');
  });
  // Sin autenticación a propósito: GET /orders lista los pedidos (con su email) de todos los clientes. En producción
  // se verificaría el JWT y cada cliente vería solo los suyos (filtrando por su sub); tema 5, «Lo que los laboratorios dejan abierto».
  app.route('/orders', ordersRoutes(new OrdersStore(), new ProductsClient(settings.PRODUCTS_URL, settings.PRODUCTS_TIMEOUT_MS)));
  publishApiDocs(app, { version: settings.SERVICE_VERSION, swaggerAssetsUrl: settings.SWAGGER_ASSETS_URL });
  // Una ruta que no existe también responde problem+json, no el «404 Not Found» en texto de Hono.
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  // TODO (Lab 5): manda el correo de confirmación (FakeEmailSender) en segundo plano y añade un app.onError
  // que separe errores de dominio (409/422 con código) de errores técnicos (500/503 sin traza).
  return app;
}
