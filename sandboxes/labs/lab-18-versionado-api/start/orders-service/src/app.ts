import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { OrderCanceller } from './Orders/application/Cancel/OrderCanceller.ts';
import { OrderCreator } from './Orders/application/Create/OrderCreator.ts';
import { OrderFinder } from './Orders/application/Find/OrderFinder.ts';
import { OrdersSearcher } from './Orders/application/Search/OrdersSearcher.ts';
import { SendConfirmationEmailOnOrderCreated } from './Orders/application/SendConfirmation/SendConfirmationEmailOnOrderCreated.ts';
import type { OrderRepository } from './Orders/domain/OrderRepository.ts';
import { ConsoleConfirmationEmailSender } from './Orders/infrastructure/ConsoleConfirmationEmailSender.ts';
import { HttpProductCatalog } from './Orders/infrastructure/HttpProductCatalog.ts';
import { InMemoryOrderRepository } from './Orders/infrastructure/InMemoryOrderRepository.ts';
import { ordersApi } from './Orders/infrastructure/http/ordersApi.ts';
import { openApiDocument } from './Orders/infrastructure/http/openApiDocument.ts';
import { ordersContractV1 } from './Orders/infrastructure/http/v1/ordersContractV1.ts';
import { CancelOrderCommandHandler } from './Orders/application/Cancel/CancelOrderCommandHandler.ts';
import { CreateOrderCommandHandler } from './Orders/application/Create/CreateOrderCommandHandler.ts';
import { UpdateCustomerOrdersOnOrderChanged } from './Orders/application/Project/UpdateCustomerOrdersOnOrderChanged.ts';
import { InMemoryCustomerOrdersView } from './Orders/infrastructure/InMemoryCustomerOrdersView.ts';
import { handleError } from './Shared/infrastructure/http/errorHandler.ts';
import { pingRoute, simulateErrorRoute, statusRoute } from './Shared/infrastructure/http/openApi.ts';
import { problem, statusProblem } from './Shared/infrastructure/http/problem.ts';
import { InMemoryEventBus } from './Shared/infrastructure/InMemoryEventBus.ts';
import { KeyValueOrderRepository } from './Orders/infrastructure/KeyValueOrderRepository.ts';
import { InMemoryKeyValueStore } from './Shared/infrastructure/persistence/InMemoryKeyValueStore.ts';
import type { KeyValueStore } from './Shared/infrastructure/persistence/KeyValueStore.ts';
import { InMemoryEventStore } from './Shared/infrastructure/persistence/InMemoryEventStore.ts';
import type { EventStore } from './Shared/infrastructure/persistence/EventStore.ts';
import { EventSourcedOrderRepository } from './Orders/infrastructure/EventSourcedOrderRepository.ts';

// Raíz de composición: el único sitio que conoce todas las piezas concretas y las conecta.
// Cambiar un adaptador (otra base de datos, otro bus) es cambiar una línea aquí.
export type AppDependencies = {
  /** Almacén clave-valor para ORDERS_REPOSITORY=key-value (server.ts pasa uno en disco si hay ORDERS_DATA_DIR). */
  keyValueStore?: KeyValueStore;
  /** Almacén de eventos para ORDERS_REPOSITORY=event-sourced (por defecto, uno en memoria). */
  eventStore?: EventStore;
};

function chooseRepository(settings: Settings, deps: AppDependencies): OrderRepository {
  if (settings.ORDERS_REPOSITORY === 'key-value') return new KeyValueOrderRepository(deps.keyValueStore ?? new InMemoryKeyValueStore());
  if (settings.ORDERS_REPOSITORY === 'event-sourced') return new EventSourcedOrderRepository(deps.eventStore ?? new InMemoryEventStore());
  return new InMemoryOrderRepository();
}

export function buildApp(settings: Settings, deps: AppDependencies = {}) {
  const repository = chooseRepository(settings, deps);
  const catalog = new HttpProductCatalog(settings.PRODUCTS_URL, settings.PRODUCTS_TIMEOUT_MS);
  // Lado de lectura (CQRS): un modelo aparte, alimentado por los eventos que publica el lado de escritura.
  const customerOrders = new InMemoryCustomerOrdersView();
  const eventBus = new InMemoryEventBus([
    new SendConfirmationEmailOnOrderCreated(new ConsoleConfirmationEmailSender(settings.EMAIL_DELAY_MS)),
    new UpdateCustomerOrdersOnOrderChanged(customerOrders),
  ]);
  const handlers = {
    createOrder: new CreateOrderCommandHandler(new OrderCreator(repository, catalog, eventBus)),
    cancelOrder: new CancelOrderCommandHandler(new OrderCanceller(repository, eventBus)),
    finder: new OrderFinder(repository),
    searcher: new OrdersSearcher(repository),
  };

  const app = new Hono();
  app.use(logger());
  // Ningún cuerpo de esta API pasa de unos pocos KB: sin límite, un cuerpo de 50 MB se leería y se parsearía entero.
  // Lo que pasa de 64 KB se corta al leerlo: 413 problem+json desde app.onError.
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  // Las rutas de sistema no tienen versión: van en /openapi.json, junto a las de pedidos sin prefijo.
  const system = new OpenAPIHono()
    .openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200))
    .openapi(statusRoute, (c) =>
      c.json({ service: 'orders-service', version: settings.SERVICE_VERSION, repository: settings.ORDERS_REPOSITORY, persistent: deps.keyValueStore !== undefined }, 200),
    )
    .openapi(simulateErrorRoute, () => {
      throw new Error('Fallo simulado: se perdió la conexión con la base de datos');
    });
  app.route('/', system);
  // La API de pedidos, sin versión: sus clientes ya dependen de esta forma exacta.
  const api = ordersApi(handlers, ordersContractV1);
  // Sin autenticación a propósito: GET /orders lista los pedidos (con su email) de todos los clientes. En producción
  // se verificaría el JWT y cada cliente vería solo los suyos (filtrando por su sub); tema 5, «Lo que los laboratorios dejan abierto».
  app.route('/', api);
  app.get('/openapi.json', (c) =>
    c.json(openApiDocument(new OpenAPIHono().route('/', system).route('/', api), { version: '1.0.0', serverUrl: '/', description: 'API de pedidos de Foodly' })),
  );
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: settings.SWAGGER_ASSETS_URL, title: 'orders-service · API' }));
  app.onError(handleError);
  // Una ruta que no existe también responde problem+json, no el «404 Not Found» en texto de Hono.
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return app;
}
