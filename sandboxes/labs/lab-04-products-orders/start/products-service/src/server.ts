import { serve } from '@hono/node-server';
import { buildApp } from './app.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
const app = buildApp(settings);

serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`products-service ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port}`);
});
