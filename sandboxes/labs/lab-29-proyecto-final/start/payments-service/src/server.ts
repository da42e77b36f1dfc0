import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { buildPayments } from './app.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
const { app, orderCancelledConsumer } = buildPayments(settings);

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist) de /docs: sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

// Primero el consumidor: si el broker no está, el servicio no arranca y el error dice por qué.
await orderCancelledConsumer?.start();
serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`payments-service ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port} (cobros en ${settings.REDIS_URL ? 'Redis' : 'memoria'})`);
});
