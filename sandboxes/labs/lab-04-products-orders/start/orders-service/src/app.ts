import { Hono } from 'hono';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { OrdersStore } from './orders/ordersStore.ts';
import { ordersRoutes } from './orders/ordersRoutes.ts';
import { ProductsClient } from './orders/productsClient.ts';
import { problem, statusProblem } from './shared/problem.ts';

// #region build-app
export function buildApp(settings: Settings) {
  const app = new Hono();
  app.use(logger());
  app.get('/ping', (c) => c.json({ message: 'pong' }));
  app.route('/orders', ordersRoutes(new OrdersStore(), new ProductsClient(settings.PRODUCTS_URL, settings.PRODUCTS_TIMEOUT_MS)));
  // Una ruta que no existe también responde problem+json, no el «404 Not Found» en texto de Hono.
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return app;
}
// #endregion build-app
