import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
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
import { ordersContractV2 } from './Orders/infrastructure/http/v2/ordersContractV2.ts';
import { deprecation } from './Shared/infrastructure/http/deprecation.ts';
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
import { createLogger } from './Shared/infrastructure/observability/logger.ts';
import { requestLogging } from './Shared/infrastructure/observability/requestLogging.ts';
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
  // Lado de lectura (CQRS): un modelo aparte, alimentado por los eventos que publica el lado de escritura.
  const customerOrders = new InMemoryCustomerOrdersView();
  const eventBus = new InMemoryEventBus([
    new SendConfirmationEmailOnOrderCreated(new ConsoleConfirmationEmailSender(settings.EMAIL_DELAY_MS)),
    new UpdateCustomerOrdersOnOrderChanged(customerOrders),
  ]);
  const shared = {
    cancelOrder: new CancelOrderCommandHandler(new OrderCanceller(repository, eventBus)),
    finder: new OrderFinder(repository),
    searcher: new OrdersSearcher(repository),
  };
  // #region per-request
  // Lo que depende de la petición (su logger) se compone por petición; lo demás, una vez.
  const handlersFor = (c: Context) => {
    const catalog = new HttpProductCatalog(settings.PRODUCTS_URL, settings.PRODUCTS_TIMEOUT_MS, c.var.log);
    return { ...shared, createOrder: new CreateOrderCommandHandler(new OrderCreator(repository, catalog, eventBus)) };
  };
  // #endregion per-request

  const app = new Hono();
  app.use(requestLogging(createLogger('orders-service')));
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
  // #region versions
  // Dos contratos sobre los mismos casos de uso: versionar es cosa del adaptador HTTP.
  const v1 = ordersApi(handlersFor, ordersContractV1);
  const v2 = ordersApi(handlersFor, ordersContractV2);
  const v1Lifecycle = deprecation({
    deprecatedAt: new Date('2026-12-01T00:00:00Z'),
    sunsetAt: new Date('2027-06-30T23:59:59Z'),
    policyUrl: 'https://foodly.example/docs/migrar-a-v2',
    successorUrl: '/openapi/v2.json',
  });
  // Los clientes de siempre llaman a /orders sin prefijo: siguen llegando a v1, y se enteran de que es obsoleta.
  app.use('/orders', v1Lifecycle);
  app.use('/orders/*', v1Lifecycle);
  app.use('/v1/*', v1Lifecycle);
  // Sin autenticación a propósito: GET /orders lista los pedidos (con su email) de todos los clientes. En producción
  // se verificaría el JWT y cada cliente vería solo los suyos (filtrando por su sub); tema 5, «Lo que los laboratorios dejan abierto».
  app.route('/', v1);
  app.route('/v1', v1);
  app.route('/v2', v2);
  // #endregion versions

  // #region docs
  const v1Doc = { version: '1.1.0', serverUrl: '/v1', description: 'API de pedidos de Foodly, versión 1 (obsoleta: migra a v2)' };
  const v2Doc = { version: '2.0.0', serverUrl: '/v2', description: 'API de pedidos de Foodly, versión 2' };
  // /openapi.json describe lo que sirve la raíz: las rutas de sistema y v1 sin prefijo (los clientes de siempre).
  const unversioned = new OpenAPIHono().route('/', system).route('/', v1);
  app.get('/openapi.json', (c) => c.json(openApiDocument(unversioned, { ...v1Doc, serverUrl: '/' })));
  app.get('/openapi/v1.json', (c) => c.json(openApiDocument(v1, v1Doc)));
  app.get('/openapi/v2.json', (c) => c.json(openApiDocument(v2, v2Doc)));
  app.get(
    '/docs',
    swaggerUI({
      urls: [
        { url: '/openapi/v2.json', name: 'v2' },
        { url: '/openapi/v1.json', name: 'v1 (obsoleta)' },
      ],
      baseUrl: settings.SWAGGER_ASSETS_URL,
      title: 'orders-service · API',
    }),
  );
  // #endregion docs
  app.onError(handleError);
  // Una ruta que no existe también responde problem+json, no el «404 Not Found» en texto de Hono.
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return app;
}
