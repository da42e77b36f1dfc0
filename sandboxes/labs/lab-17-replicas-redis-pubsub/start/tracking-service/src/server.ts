import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { buildApp } from './app.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
const { app, injectWebSocket, rooms, close } = buildApp(settings);

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist) de /docs: sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

// #region serve
// serve() crea el servidor HTTP de Node; injectWebSocket le añade el manejador del evento 'upgrade'.
const server = serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`tracking-service ${settings.SERVICE_VERSION} (${settings.REPLICA_ID}) escuchando en http://localhost:${info.port} (pedidos en ${settings.ORDERS_URL})`);
});
injectWebSocket(server);

// Al desplegar, el orquestador manda SIGTERM: se deja de aceptar conexiones y se cierran las abiertas con
// 1001 (going away) para que cada cliente reconecte, con su ticket nuevo, a una réplica que siga viva.
process.once('SIGTERM', () => {
  server.close();
  rooms.closeAll(1001, 'El servidor se apaga: reconecta');
  void close();
  setTimeout(() => process.exit(0), 500).unref();
});
// #endregion serve
