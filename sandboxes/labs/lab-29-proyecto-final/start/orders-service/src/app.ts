import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { OrderCanceller } from './Orders/application/Cancel/OrderCanceller.ts';
import { OrderCreator } from './Orders/application/Create/OrderCreator.ts';
import { OrderFinder } from './Orders/application/Find/OrderFinder.ts';
import { OrdersSearcher } from './Orders/application/Search/OrdersSearcher.ts';
import type { OrderRepository } from './Orders/domain/OrderRepository.ts';
import { HttpProductCatalog } from './Orders/infrastructure/HttpProductCatalog.ts';
import { InMemoryOrderRepository } from './Orders/infrastructure/InMemoryOrderRepository.ts';
import { customersRoutes, ordersRoutes } from './Orders/infrastructure/http/ordersRoutes.ts';
import { CancelOrderCommandHandler } from './Orders/application/Cancel/CancelOrderCommandHandler.ts';
import { CreateOrderCommandHandler } from './Orders/application/Create/CreateOrderCommandHandler.ts';
import { UpdateCustomerOrdersOnOrderChanged } from './Orders/application/Project/UpdateCustomerOrdersOnOrderChanged.ts';
import { SearchCustomerOrdersQueryHandler } from './Orders/application/SearchByCustomer/SearchCustomerOrdersQueryHandler.ts';
import { InMemoryCustomerOrdersView } from './Orders/infrastructure/InMemoryCustomerOrdersView.ts';
import { handleError } from './Shared/infrastructure/http/errorHandler.ts';
import { pingRoute, publishApiDocs, simulateErrorRoute, statusRoute } from './Shared/infrastructure/http/openApi.ts';
import { problem, statusProblem } from './Shared/infrastructure/http/problem.ts';
import { validationHook } from './Shared/infrastructure/http/validation.ts';
import { InMemoryEventBus } from './Shared/infrastructure/InMemoryEventBus.ts';
import { KeyValueOrderRepository } from './Orders/infrastructure/KeyValueOrderRepository.ts';
import { InMemoryKeyValueStore } from './Shared/infrastructure/persistence/InMemoryKeyValueStore.ts';
import type { KeyValueStore } from './Shared/infrastructure/persistence/KeyValueStore.ts';
import { InMemoryEventStore } from './Shared/infrastructure/persistence/InMemoryEventStore.ts';
import type { EventStore } from './Shared/infrastructure/persistence/EventStore.ts';
import { EventSourcedOrderRepository } from './Orders/infrastructure/EventSourcedOrderRepository.ts';
import { OrderHistoryFinder } from './Orders/application/History/OrderHistoryFinder.ts';
import { historyRoutes } from './Orders/infrastructure/http/historyRoutes.ts';
import { PublishOrderPlacedOnOrderCreated } from './Orders/application/Publish/PublishOrderPlacedOnOrderCreated.ts';
import type { EventPublisher } from './Shared/domain/EventPublisher.ts';
import { ConsoleEventPublisher } from './Shared/infrastructure/messaging/ConsoleEventPublisher.ts';
import { RabbitMqEventPublisher } from './Shared/infrastructure/messaging/RabbitMqEventPublisher.ts';
import { messagingSimulationRoutes } from './Shared/infrastructure/messaging/messagingSimulationRoutes.ts';
import { MarkOrderPaidOnPaymentCaptured } from './Orders/application/Pay/MarkOrderPaidOnPaymentCaptured.ts';
import { RabbitMqPaymentCapturedConsumer } from './Orders/infrastructure/messaging/RabbitMqPaymentCapturedConsumer.ts';

// Raíz de composición: el único sitio que conoce todas las piezas concretas y las conecta.
// Cambiar un adaptador (otra base de datos, otro bus) es cambiar una línea aquí.
export type AppDependencies = {
  /** Almacén clave-valor para ORDERS_REPOSITORY=key-value (server.ts pasa uno en disco si hay ORDERS_DATA_DIR). */
  keyValueStore?: KeyValueStore;
  /** Almacén de eventos para ORDERS_REPOSITORY=event-sourced (por defecto, uno en memoria). */
  eventStore?: EventStore;
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

function chooseRepository(settings: Settings, deps: AppDependencies): OrderRepository {
  if (settings.ORDERS_REPOSITORY === 'key-value') return new KeyValueOrderRepository(deps.keyValueStore ?? new InMemoryKeyValueStore());
  if (settings.ORDERS_REPOSITORY === 'event-sourced') return new EventSourcedOrderRepository(deps.eventStore ?? new InMemoryEventStore());
  return new InMemoryOrderRepository();
}

/**
 * La app HTTP y, con broker, el consumidor de PaymentCaptured (server.ts lo arranca): un pedido
 * cobrado pasa a pagado y el historial del cliente lo muestra.
 */
export function buildOrders(settings: Settings, deps: AppDependencies = {}) {
  const repository = chooseRepository(settings, deps);
  const catalog = new HttpProductCatalog(settings.PRODUCTS_URL, settings.PRODUCTS_TIMEOUT_MS);
  // Lado de lectura (CQRS): un modelo aparte, alimentado por los eventos que publica el lado de escritura.
  const customerOrders = new InMemoryCustomerOrdersView();
  const publisher = choosePublisher(settings, deps);
  const eventBus = new InMemoryEventBus([
    // El correo de confirmación ya no es cosa de orders: lo envía notifications-service al recibir OrderPlaced.
    new UpdateCustomerOrdersOnOrderChanged(customerOrders),
    // Hacia fuera: OrderPlaced para los demás servicios, por el puerto EventPublisher.
    new PublishOrderPlacedOnOrderCreated(publisher),
  ]);
  const handlers = {
    createOrder: new CreateOrderCommandHandler(new OrderCreator(repository, catalog, eventBus)),
    cancelOrder: new CancelOrderCommandHandler(new OrderCanceller(repository, eventBus)),
    searchCustomerOrders: new SearchCustomerOrdersQueryHandler(customerOrders),
    finder: new OrderFinder(repository),
    searcher: new OrdersSearcher(repository),
  };
  const markPaid = new MarkOrderPaidOnPaymentCaptured(repository, eventBus);
  const paymentsConsumer = settings.AMQP_URL ? new RabbitMqPaymentCapturedConsumer(settings.AMQP_URL, markPaid) : undefined;

  // OpenAPIHono: un Hono que además reúne el contrato de cada ruta declarada con app.openapi().
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(logger());
  // Ningún cuerpo de esta API pasa de unos pocos KB: sin límite, un cuerpo de 50 MB se leería y se parsearía entero.
  // Lo que pasa de 64 KB se corta al leerlo: 413 problem+json desde app.onError.
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
  app.openapi(statusRoute, (c) =>
    c.json({ service: 'orders-service', version: settings.SERVICE_VERSION, repository: settings.ORDERS_REPOSITORY, persistent: deps.keyValueStore !== undefined }, 200),
  );
  // Herramientas del laboratorio 14: un duplicado y un mensaje venenoso, a propósito.
  if (publisher instanceof RabbitMqEventPublisher) app.route('/_simulate/messages', messagingSimulationRoutes(publisher));
  app.openapi(simulateErrorRoute, () => {
    throw new Error('Fallo simulado: se perdió la conexión con la base de datos');
  });
  // Sin autenticación a propósito: GET /orders lista los pedidos (con su email) de todos los clientes. En producción
  // se verificaría el JWT y cada cliente vería solo los suyos (filtrando por su sub); tema 5, «Lo que los laboratorios dejan abierto».
  // La historia solo existe si los pedidos se guardan como eventos: se monta antes que /orders/:id.
  if (repository instanceof EventSourcedOrderRepository) app.route('/orders', historyRoutes(new OrderHistoryFinder(repository)));
  app.route('/orders', ordersRoutes(handlers));
  app.route('/customers', customersRoutes(handlers));
  publishApiDocs(app, { version: settings.SERVICE_VERSION, swaggerAssetsUrl: settings.SWAGGER_ASSETS_URL });
  app.onError(handleError);
  // Una ruta que no existe también responde problem+json, no el «404 Not Found» en texto de Hono.
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return { app, markPaid, paymentsConsumer };
}

/** Solo la app HTTP (los tests la usan con app.request()). */
export const buildApp = (settings: Settings, deps: AppDependencies = {}) => buildOrders(settings, deps).app;
