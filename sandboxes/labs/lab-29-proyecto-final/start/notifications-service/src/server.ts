import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { buildNotifications } from './app.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
const { app, consumer, paymentsConsumer, injectWebSocket } = buildNotifications(settings);

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist) de /docs: sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

// Primero el consumidor: si el broker no está, el servicio no arranca y el error dice por qué.
await consumer.start();
await paymentsConsumer.start();
const server = serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`notifications-service ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port} (eventos de ${settings.AMQP_URL.replace(/\/\/[^@]*@/, '//')})`);
});
// El evento 'upgrade' del servidor HTTP de Node va a @hono/node-ws: así /notifications/live acepta WebSockets.
injectWebSocket(server);
