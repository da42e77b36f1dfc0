import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import { Redis } from 'ioredis';
import type { Settings } from './config.ts';
import { PaymentCharger } from './Payments/application/PaymentCharger.ts';
import { RefundOnOrderCancelled } from './Payments/application/RefundOnOrderCancelled.ts';
import type { OrdersClient } from './Payments/domain/OrdersClient.ts';
import type { PaymentEvents } from './Payments/domain/PaymentEvents.ts';
import type { PaymentRepository } from './Payments/domain/PaymentRepository.ts';
import { HttpOrdersClient } from './Payments/infrastructure/HttpOrdersClient.ts';
import { paymentsRoutes } from './Payments/infrastructure/http/paymentsRoutes.ts';
import { InMemoryPaymentRepository } from './Payments/infrastructure/InMemoryPaymentRepository.ts';
import { RabbitMqOrderCancelledConsumer } from './Payments/infrastructure/messaging/RabbitMqOrderCancelledConsumer.ts';
import { ConsolePaymentEvents, RabbitMqPaymentEvents } from './Payments/infrastructure/messaging/RabbitMqPaymentEvents.ts';
import { RedisPaymentRepository } from './Payments/infrastructure/RedisPaymentRepository.ts';
import { pingRoute, publishApiDocs, statusRoute } from './Shared/http/openApi.ts';
import { problem, statusProblem } from './Shared/http/problem.ts';

export type PaymentsDependencies = { orders?: OrdersClient; payments?: PaymentRepository; events?: PaymentEvents };

// Raíz de composición de payments-service: con REDIS_URL y AMQP_URL, los adaptadores reales; sin ellos, los de memoria y log.
// Con broker, además, el consumidor de OrderCancelled (server.ts lo arranca): devuelve o anula el cobro de un pedido cancelado.
export function buildPayments(settings: Settings, deps: PaymentsDependencies = {}) {
  const payments = deps.payments ?? (settings.REDIS_URL ? new RedisPaymentRepository(new Redis(settings.REDIS_URL, { lazyConnect: true })) : new InMemoryPaymentRepository());
  const events = deps.events ?? (settings.AMQP_URL ? new RabbitMqPaymentEvents(settings.AMQP_URL) : new ConsolePaymentEvents());
  const orders = deps.orders ?? new HttpOrdersClient(settings.ORDERS_URL, settings.ORDERS_TIMEOUT_MS);
  const charger = new PaymentCharger(orders, payments, events);
  const orderCancelledConsumer = settings.AMQP_URL ? new RabbitMqOrderCancelledConsumer(settings.AMQP_URL, new RefundOnOrderCancelled(payments, events)) : undefined;

  const app = new OpenAPIHono();
  app.use(logger());
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
  app.openapi(statusRoute, (c) => c.json({ service: 'payments-service', version: settings.SERVICE_VERSION }, 200));
  app.route('/payments', paymentsRoutes(charger, payments));
  publishApiDocs(app, { version: settings.SERVICE_VERSION, swaggerAssetsUrl: settings.SWAGGER_ASSETS_URL });
  app.onError((error, c) => {
    if (error instanceof HTTPException) return problem(c, error.status, statusProblem(error.status), error.message);
    // orders-service caído o lento: el cobro no se hace y el cliente puede reintentar (no se cobró nada).
    if (error instanceof Error && (error.name === 'TimeoutError' || error.message.includes('orders-service') || error.message.includes('fetch failed'))) {
      return problem(c, 503, statusProblem(503), `No se pudo leer el pedido: ${error.message}. No se ha cobrado nada; reintenta.`);
    }
    console.error(error);
    return problem(c, 500, statusProblem(500), 'Error inesperado: el detalle está en el log del servicio.');
  });
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return { app, orderCancelledConsumer };
}

/** Solo la app HTTP (los tests la usan con app.request()). */
export const buildApp = (settings: Settings, deps: PaymentsDependencies = {}) => buildPayments(settings, deps).app;
