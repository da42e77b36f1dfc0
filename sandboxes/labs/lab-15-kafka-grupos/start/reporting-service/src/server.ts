import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { buildReporting } from './app.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
const { app, start, stop } = buildReporting(settings);

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist) de /docs: sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

// Primero el consumidor: si Kafka no está, el servicio no arranca y el error dice por qué.
await start();
serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`reporting-service ${settings.SERVICE_VERSION} (${settings.REPLICA_ID}) escuchando en http://localhost:${info.port} (grupo ${settings.GROUP_ID}, tópico ${settings.ORDERS_TOPIC} en ${settings.KAFKA_BROKERS})`);
});

// Al pararlo (Ctrl+C, docker stop), sale del grupo con LeaveGroup: el reparto es inmediato y no espera al session timeout.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stop().finally(() => process.exit(0));
  });
}
