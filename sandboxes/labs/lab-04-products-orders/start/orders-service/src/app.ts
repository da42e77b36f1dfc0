import { Hono } from 'hono';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { OrdersStore } from './orders/ordersStore.ts';
import { ordersRoutes } from './orders/ordersRoutes.ts';
import { ProductsClient } from './orders/productsClient.ts';

export function buildApp(settings: Settings) {
  const app = new Hono();
  app.use(logger());
  app.get('/ping', (c) => c.json({ message: 'pong' }));
  app.route('/orders', ordersRoutes(new OrdersStore(), new ProductsClient(settings.PRODUCTS_URL, settings.PRODUCTS_TIMEOUT_MS)));
  return app;
}
