import { serve } from '@hono/node-server';
import { buildApp } from './app.ts';
import { Balancer } from './balancer/Balancer.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
const balancer = new Balancer(settings.PRODUCTS_URLS);
// Probe de salud activo: cada HEALTH_INTERVAL_MS, GET /ping a cada réplica.
setInterval(() => void balancer.probe(Math.min(1000, settings.HEALTH_INTERVAL_MS)), settings.HEALTH_INTERVAL_MS);
const app = buildApp(settings, balancer);

serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`gateway escuchando en http://localhost:${info.port} (réplicas: ${settings.PRODUCTS_URLS.join(', ')})`);
});
