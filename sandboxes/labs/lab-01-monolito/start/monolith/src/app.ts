import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { logger } from 'hono/logger';
import { authRoutes } from './auth.ts';
import { createDatabase } from './db.ts';
import { orderRoutes } from './orders.ts';
import { productRoutes } from './products.ts';

// #region build-app
// Un único proceso, un único despliegue, una única base de datos: el monolito de Foodly.
export function buildApp(db = createDatabase()) {
  const app = new Hono();
  app.use(logger());
  // Ningún cuerpo de esta API pasa de unos pocos KB: sin límite, un cuerpo de 50 MB se leería y se parsearía entero.
  app.use(bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ detail: 'El cuerpo de la petición pasa de 64 KB' }, 413) }));
  app.get('/', (c) => c.json({ service: 'foodly-monolith', modules: ['/auth', '/products', '/orders'] }));
  app.route('/auth', authRoutes(db));
  app.route('/products', productRoutes(db));
  app.route('/orders', orderRoutes(db));
  return app;
}
// #endregion build-app
