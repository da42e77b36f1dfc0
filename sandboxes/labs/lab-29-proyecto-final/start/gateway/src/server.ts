import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { buildGateway } from './app.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
const { app, injectWebSocket } = buildGateway(settings);

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist): sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

const server = serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`gateway ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port}`);
});
// El evento 'upgrade' del servidor HTTP va a @hono/node-ws: así /notifications/live acepta WebSockets.
injectWebSocket(server);
