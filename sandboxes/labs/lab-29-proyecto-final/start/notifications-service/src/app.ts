import { OpenAPIHono } from '@hono/zod-openapi';
import { createNodeWebSocket } from '@hono/node-ws';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { OrderPlacedNotifier } from './Notifications/application/OrderPlacedNotifier.ts';
import { ConsoleEmailSender } from './Notifications/infrastructure/ConsoleEmailSender.ts';
import { InMemoryProcessedMessages } from './Notifications/infrastructure/InMemoryProcessedMessages.ts';
import { InMemorySentEmails } from './Notifications/infrastructure/InMemorySentEmails.ts';
import { deadLettersRoutes, notificationsRoutes } from './Notifications/infrastructure/http/notificationsRoutes.ts';
import { RabbitMqOrderPlacedConsumer } from './Notifications/infrastructure/messaging/RabbitMqOrderPlacedConsumer.ts';
import { PaymentCapturedNotifier } from './Notifications/application/PaymentCapturedNotifier.ts';
import { PaymentRefundedNotifier } from './Notifications/application/PaymentRefundedNotifier.ts';
import { AuthClient } from './Notifications/infrastructure/live/AuthClient.ts';
import { liveRoutes } from './Notifications/infrastructure/live/liveRoutes.ts';
import { WebSocketLiveNotifications } from './Notifications/infrastructure/live/WebSocketLiveNotifications.ts';
import { RabbitMqPaymentEventsConsumer } from './Notifications/infrastructure/messaging/RabbitMqPaymentEventsConsumer.ts';
import { pingRoute, publishApiDocs, statusRoute } from './Shared/http/openApi.ts';
import { problem, statusProblem } from './Shared/http/problem.ts';

// Raíz de composición de notifications-service: adaptadores de entrada (HTTP, dos colas de RabbitMQ) delante
// de los casos de uso, y uno de salida en vivo (WebSocket). server.ts arranca los consumidores e inyecta el WebSocket.
export function buildNotifications(settings: Settings) {
  const sent = new InMemorySentEmails();
  const notifier = new OrderPlacedNotifier(new ConsoleEmailSender(settings.EMAIL_DELAY_MS), sent, new InMemoryProcessedMessages());
  const consumer = new RabbitMqOrderPlacedConsumer(settings, notifier);
  const live = new WebSocketLiveNotifications();
  const processedPayments = new InMemoryProcessedMessages();
  const paymentsConsumer = new RabbitMqPaymentEventsConsumer(settings.AMQP_URL, {
    captured: new PaymentCapturedNotifier(live, processedPayments),
    refunded: new PaymentRefundedNotifier(live, processedPayments),
  });

  // OpenAPIHono: un Hono que además reúne el contrato de cada ruta declarada con app.openapi() (/openapi.json).
  const app = new OpenAPIHono();
  const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });
  app.use(logger());
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
  app.openapi(statusRoute, (c) => c.json({ service: 'notifications-service', version: settings.SERVICE_VERSION }, 200));
  // Antes que /notifications: el canal en vivo es /notifications/live.
  app.route('/', liveRoutes(live, new AuthClient(settings.AUTH_URL, settings.AUTH_TIMEOUT_MS), upgradeWebSocket));
  app.route('/notifications', notificationsRoutes(sent));
  app.route('/dead-letters', deadLettersRoutes(() => consumer.deadLetterCount()));
  publishApiDocs(app, { version: settings.SERVICE_VERSION, swaggerAssetsUrl: settings.SWAGGER_ASSETS_URL });
  app.onError((error, c) => {
    if (error instanceof HTTPException) return problem(c, error.status, statusProblem(error.status), error.message);
    console.error(error);
    return problem(c, 500, statusProblem(500), 'Error inesperado: el detalle está en el log del servicio.');
  });
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return { app, consumer, paymentsConsumer, injectWebSocket, live };
}
