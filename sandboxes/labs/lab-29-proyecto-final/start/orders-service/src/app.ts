import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { logger } from 'hono/logger';
import type pg from 'pg';
import type { Settings } from './config.ts';
import { OrderCanceller } from './Orders/application/Cancel/OrderCanceller.ts';
import { OrderCreator } from './Orders/application/Create/OrderCreator.ts';
import { OrderFinder } from './Orders/application/Find/OrderFinder.ts';
import { OrdersSearcher } from './Orders/application/Search/OrdersSearcher.ts';
import { OrderPlacementSaga } from './Orders/application/Place/OrderPlacementSaga.ts';
import { HttpProductCatalog } from './Orders/infrastructure/HttpProductCatalog.ts';
import { HttpStockReservations } from './Orders/infrastructure/HttpStockReservations.ts';
import { InMemoryOrderRepository } from './Orders/infrastructure/InMemoryOrderRepository.ts';
import { PostgresOrderRepository } from './Orders/infrastructure/PostgresOrderRepository.ts';
import { customersRoutes, ordersRoutes } from './Orders/infrastructure/http/ordersRoutes.ts';
import { CancelOrderCommandHandler } from './Orders/application/Cancel/CancelOrderCommandHandler.ts';
import { CreateOrderCommandHandler } from './Orders/application/Create/CreateOrderCommandHandler.ts';
import { UpdateCustomerOrdersOnOrderChanged } from './Orders/application/Project/UpdateCustomerOrdersOnOrderChanged.ts';
import { SearchCustomerOrdersQueryHandler } from './Orders/application/SearchByCustomer/SearchCustomerOrdersQueryHandler.ts';
import { InMemoryCustomerOrdersView } from './Orders/infrastructure/InMemoryCustomerOrdersView.ts';
import { PostgresCustomerOrdersView } from './Orders/infrastructure/PostgresCustomerOrdersView.ts';
import { handleError } from './Shared/infrastructure/http/errorHandler.ts';
import { pingRoute, publishApiDocs, simulateErrorRoute, statusRoute } from './Shared/infrastructure/http/openApi.ts';
import { problem, statusProblem } from './Shared/infrastructure/http/problem.ts';
import { validationHook } from './Shared/infrastructure/http/validation.ts';
import { InMemoryEventBus } from './Shared/infrastructure/InMemoryEventBus.ts';
import { PublishOrderPlacedOnOrderCreated } from './Orders/application/Publish/PublishOrderPlacedOnOrderCreated.ts';
import { PublishOrderCancelledOnOrderCancelled } from './Orders/application/Publish/PublishOrderCancelledOnOrderCancelled.ts';
import type { EventPublisher } from './Shared/domain/EventPublisher.ts';
import { ConsoleEventPublisher } from './Shared/infrastructure/messaging/ConsoleEventPublisher.ts';
import { OutboxRelay } from './Shared/infrastructure/messaging/OutboxRelay.ts';
import { RabbitMqEventPublisher } from './Shared/infrastructure/messaging/RabbitMqEventPublisher.ts';
import { messagingSimulationRoutes } from './Shared/infrastructure/messaging/messagingSimulationRoutes.ts';
import { RabbitMqPaymentEventsConsumer } from './Orders/infrastructure/messaging/RabbitMqPaymentEventsConsumer.ts';

// Raíz de composición: el único sitio que conoce todas las piezas concretas y las conecta.
// Cambiar un adaptador (otra base de datos, otro bus) es cambiar una línea aquí.
export type AppDependencies = {
  /** El pool de pg de la base de datos de orders (DATABASE_URL): lo crea server.ts, que también aplica las migraciones. */
  database?: pg.Pool;
  /** Publicador de eventos de integración (los tests pasan uno que los guarda en memoria). */
  eventPublisher?: EventPublisher;
};

// #region choose-publisher
function choosePublisher(settings: Settings, deps: AppDependencies): EventPublisher {
  if (deps.eventPublisher) return deps.eventPublisher;
  // Con broker, el evento sale del proceso; sin él (tests, un portátil sin Docker), se queda en el log.
  if (settings.AMQP_URL) return new RabbitMqEventPublisher(settings.AMQP_URL);
  return new ConsoleEventPublisher();
}
// #endregion choose-publisher

/**
 * La app HTTP, la saga del pedido y, con broker, el consumidor de los eventos de pago (server.ts lo
 * arranca). Con base de datos (DATABASE_URL), los pedidos, su outbox y «mis pedidos» viven en
 * PostgreSQL y el relay publica lo que el outbox tenga pendiente; sin ella (tests), todo en memoria.
 */
export function buildOrders(settings: Settings, deps: AppDependencies = {}) {
  const database = deps.database;
  const repository = database ? new PostgresOrderRepository(database) : new InMemoryOrderRepository();
  const catalog = new HttpProductCatalog(settings.PRODUCTS_URL, settings.PRODUCTS_TIMEOUT_MS);
  const stock = new HttpStockReservations(settings.PRODUCTS_URL, settings.PRODUCTS_TIMEOUT_MS);
  // Lado de lectura (CQRS): un modelo aparte, alimentado por los eventos que publica el lado de escritura.
  const customerOrders = database ? new PostgresCustomerOrdersView(database) : new InMemoryCustomerOrdersView();
  const publisher = choosePublisher(settings, deps);
  // #region outbox-relay
  // Hacia fuera, lo que otro servicio consume: OrderPlaced (notifications) y OrderCancelled (payments devuelve
  // o anula el cobro). Con base de datos salen de la tabla outbox por el relay (el repositorio la escribe en
  // la transacción del pedido); sin ella, se publican como antes, después de guardar.
  const toOtherServices = [new PublishOrderPlacedOnOrderCreated(publisher), new PublishOrderCancelledOnOrderCancelled(publisher)];
  const eventBus = new InMemoryEventBus([
    // Dentro del proceso, la proyección de «mis pedidos».
    new UpdateCustomerOrdersOnOrderChanged(customerOrders),
    ...(database ? [] : toOtherServices),
  ]);
  const outbox = database ? new OutboxRelay(database, toOtherServices, settings.OUTBOX_POLL_MS) : undefined;
  // #endregion outbox-relay
  const saga = new OrderPlacementSaga(repository, stock, eventBus);
  const handlers = {
    createOrder: new CreateOrderCommandHandler(new OrderCreator(repository, catalog, eventBus), saga),
    cancelOrder: new CancelOrderCommandHandler(new OrderCanceller(repository, stock, eventBus)),
    searchCustomerOrders: new SearchCustomerOrdersQueryHandler(customerOrders),
    finder: new OrderFinder(repository),
    searcher: new OrdersSearcher(repository),
  };
  const paymentsConsumer = settings.AMQP_URL ? new RabbitMqPaymentEventsConsumer(settings.AMQP_URL, saga) : undefined;

  // OpenAPIHono: un Hono que además reúne el contrato de cada ruta declarada con app.openapi().
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(logger());
  // Ningún cuerpo de esta API pasa de unos pocos KB: sin límite, un cuerpo de 50 MB se leería y se parsearía entero.
  // Lo que pasa de 64 KB se corta al leerlo: 413 problem+json desde app.onError.
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
  app.openapi(statusRoute, (c) =>
    c.json({ service: 'orders-service', version: settings.SERVICE_VERSION, repository: database ? 'postgres' : 'memory', persistent: database !== undefined }, 200),
  );
  // Herramientas del laboratorio 14: un duplicado y un mensaje venenoso, a propósito.
  if (publisher instanceof RabbitMqEventPublisher) app.route('/_simulate/messages', messagingSimulationRoutes(publisher));
  app.openapi(simulateErrorRoute, () => {
    throw new Error('Fallo simulado: se perdió la conexión con la base de datos');
  });
  // Sin autenticación propia: el gateway verifica el JWT antes de que la petición llegue aquí.
  app.route('/orders', ordersRoutes(handlers));
  app.route('/customers', customersRoutes(handlers));
  publishApiDocs(app, { version: settings.SERVICE_VERSION, swaggerAssetsUrl: settings.SWAGGER_ASSETS_URL });
  app.onError(handleError);
  // Una ruta que no existe también responde problem+json, no el «404 Not Found» en texto de Hono.
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return { app, saga, paymentsConsumer, outbox };
}

/** Solo la app HTTP (los tests la usan con app.request()). */
export const buildApp = (settings: Settings, deps: AppDependencies = {}) => buildOrders(settings, deps).app;
