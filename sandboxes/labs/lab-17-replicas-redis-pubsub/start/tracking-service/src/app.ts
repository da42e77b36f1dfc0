import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import { createNodeWebSocket } from '@hono/node-ws';
import type { Settings } from './config.ts';
import { pingRoute, publishApiDocs, statusRoute } from './shared/openApi.ts';
import { problem, statusProblem } from './shared/problem.ts';
import { validationHook } from './shared/validation.ts';
import { HttpOrdersClient } from './tracking/OrdersClient.ts';
import { Rooms } from './tracking/Rooms.ts';
import { InMemoryTicketStore } from './tracking/TicketStore.ts';
import { InProcessOrderEventsFanOut } from './tracking/InProcessOrderEventsFanOut.ts';
import type { OrderEventsFanOut } from './tracking/OrderEventsFanOut.ts';
import type { TicketStore } from './tracking/TicketStore.ts';
import { trackingRoutes } from './tracking/trackingRoutes.ts';

export type AppDependencies = {
  /** Dónde guardar los tickets (por defecto, en la memoria de esta réplica). */
  tickets?: TicketStore;
};

// #region composition
// Raíz de composición. createNodeWebSocket necesita la app: en el upgrade la vuelve a recorrer (middlewares y
// ruta) con la petición del handshake, y si la ruta acepta, @hono/node-ws completa el 101 con la librería ws.
export function buildApp(settings: Settings, deps: AppDependencies = {}) {
  // OpenAPIHono: un Hono que además reúne el contrato de cada ruta declarada con app.openapi() (/openapi.json).
  const app = new OpenAPIHono({ defaultHook: validationHook });
  const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });
  const rooms = new Rooms();
  const tickets = deps.tickets ?? new InMemoryTicketStore(settings.TICKET_TTL_MS);
  const orders = new HttpOrdersClient(settings.ORDERS_URL, settings.ORDERS_TIMEOUT_MS);
  const fanOut: OrderEventsFanOut = new InProcessOrderEventsFanOut();
  // Cada réplica entrega a sus salas lo que publique cualquiera (también ella misma).
  fanOut
    .subscribe(({ event, publishedBy }) => rooms.broadcast(event.orderId, { type: 'order-event', event, publishedBy, deliveredBy: settings.REPLICA_ID }))
    .catch((error: unknown) => console.error('[reparto] no se pudo suscribir:', error));
  // #endregion composition

  app.use(logger());
  // Ningún cuerpo de esta API pasa de unos pocos KB: lo que pasa de 64 KB se corta al leerlo (413 desde onError).
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
  app.openapi(statusRoute, (c) => c.json({ service: 'tracking-service', version: settings.SERVICE_VERSION, replica: settings.REPLICA_ID, connections: rooms.connections }, 200));
  app.route('/', trackingRoutes({ settings, rooms, tickets, orders, fanOut, upgradeWebSocket }));
  publishApiDocs(app, { version: settings.SERVICE_VERSION, swaggerAssetsUrl: settings.SWAGGER_ASSETS_URL });
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return problem(c, error.status, statusProblem(error.status), error.message || undefined, error.getResponse().headers);
    }
    console.error(`[error] ${c.req.method} ${c.req.path}:`, error);
    return problem(c, 500, statusProblem(500, 'INTERNAL_ERROR'), 'Algo ha fallado en tracking-service');
  });
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return { app, injectWebSocket, rooms, close: () => fanOut.close() };
}
