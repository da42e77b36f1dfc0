import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { buildApp } from './app.ts';
import { Balancer } from './balancer/Balancer.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
const balancer = new Balancer(settings.PRODUCTS_URLS);
// Probe de salud activo: cada HEALTH_INTERVAL_MS, GET /ping a cada réplica.
setInterval(() => void balancer.probe(Math.min(1000, settings.HEALTH_INTERVAL_MS)), settings.HEALTH_INTERVAL_MS);
const app = buildApp(settings, balancer);

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist): sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`gateway escuchando en http://localhost:${info.port} (réplicas: ${settings.PRODUCTS_URLS.join(', ')})`);
});
