import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { OrderPlacedNotifier } from './Notifications/application/OrderPlacedNotifier.ts';
import { ConsoleEmailSender } from './Notifications/infrastructure/ConsoleEmailSender.ts';
import { InMemorySentEmails } from './Notifications/infrastructure/InMemorySentEmails.ts';
import { notificationsRoutes } from './Notifications/infrastructure/http/notificationsRoutes.ts';
import { RabbitMqOrderPlacedConsumer } from './Notifications/infrastructure/messaging/RabbitMqOrderPlacedConsumer.ts';
import { problem, statusProblem } from './Shared/http/problem.ts';

// Raíz de composición de notifications-service: dos adaptadores de entrada (HTTP y RabbitMQ) delante
// del mismo caso de uso. server.ts arranca los dos.
export function buildNotifications(settings: Settings) {
  const sent = new InMemorySentEmails();
  const notifier = new OrderPlacedNotifier(new ConsoleEmailSender(settings.EMAIL_DELAY_MS), sent);
  const consumer = new RabbitMqOrderPlacedConsumer(settings.AMQP_URL, settings.PREFETCH, notifier);

  const app = new Hono();
  app.use(logger());
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.get('/ping', (c) => c.json({ message: 'pong' }));
  app.get('/status', (c) => c.json({ service: 'notifications-service', version: settings.SERVICE_VERSION }));
  app.route('/notifications', notificationsRoutes(sent));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return problem(c, error.status, statusProblem(error.status), error.message);
    console.error(error);
    return problem(c, 500, statusProblem(500), 'Error inesperado: el detalle está en el log del servicio.');
  });
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return { app, consumer };
}
