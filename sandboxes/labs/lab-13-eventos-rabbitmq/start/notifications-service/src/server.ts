import { serve } from '@hono/node-server';
import { buildNotifications } from './app.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
const { app, consumer } = buildNotifications(settings);

// Primero el consumidor: si el broker no está, el servicio no arranca y el error dice por qué.
await consumer.start();
serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`notifications-service ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port} (eventos de ${settings.AMQP_URL.replace(/\/\/[^@]*@/, '//')})`);
});
