import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { Settings } from '../config.ts';
import { problemResponse } from '../shared/problem.ts';
import { validationHook, ValidationErrorSchema } from '../shared/validation.ts';
import { OrderEventSchema, sendMessage } from './messages.ts';
import type { ClientMessage } from './messages.ts';
import type { HttpOrdersClient } from './OrdersClient.ts';
import type { Rooms } from './Rooms.ts';
import type { TicketStore } from './TicketStore.ts';

export type TrackingDependencies = {
  settings: Settings;
  rooms: Rooms;
  tickets: TicketStore;
  orders: HttpOrdersClient;
  upgradeWebSocket: UpgradeWebSocket;
};

export function trackingRoutes({ settings, rooms, upgradeWebSocket }: TrackingDependencies) {
  const app = new OpenAPIHono({ defaultHook: validationHook });

  // orders-service avisa de cada cambio de un pedido; aquí solo se reparte a quien lo sigue.
  // Ruta interna: en producción solo accesible desde la red de los servicios, nunca desde el gateway.
  app.openapi(orderEventsRoute, (c) => {
    const event = c.req.valid('json');
    const delivered = rooms.broadcast(event.orderId, { type: 'order-event', event, deliveredBy: settings.REPLICA_ID });
    return c.json({ delivered }, 202);
  });

  // Primera versión del canal: cualquiera puede conectarse a cualquier pedido y se confía en lo que manda.
  app.get(
    '/orders/:id/live',
    upgradeWebSocket((c) => {
      const orderId = c.req.param('id') ?? '';
      let socket: WSContext | undefined;
      return {
        onOpen(_event, ws) {
          socket = ws;
          rooms.join(orderId, ws);
          sendMessage(ws, { type: 'welcome', orderId, replica: settings.REPLICA_ID });
        },
        onMessage(event, ws) {
          const message = JSON.parse(String(event.data)) as ClientMessage;
          if (message.type === 'ping') sendMessage(ws, { type: 'pong' });
        },
        onClose() {
          if (socket) rooms.leave(orderId, socket);
        },
      };
    }),
  );
  // El handshake sí es HTTP (un GET con Upgrade: websocket): se documenta sin handler, el de arriba es de @hono/node-ws.
  app.openAPIRegistry.registerPath(liveChannelRoute);

  return app;
}

// Los contratos de las rutas: el mismo esquema zod valida la petición y sale en /openapi.json.
const OrderId = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'a1b2c3' }) });
const badJson = problemResponse('El cuerpo no es JSON');
const tooLarge = problemResponse('El cuerpo pasa de 64 KB');
const invalid = { description: 'Algún campo no es válido', content: { 'application/json': { schema: ValidationErrorSchema } } };

const orderEventsRoute = createRoute({
  method: 'post',
  path: '/internal/order-events',
  operationId: 'receiveOrderEvent',
  tags: ['interna'],
  summary: 'orders-service avisa de un cambio de un pedido',
  description: 'Ruta interna: en producción solo accesible desde la red de los servicios, nunca desde el gateway.',
  request: { body: { required: true, content: { 'application/json': { schema: OrderEventSchema } } } },
  responses: {
    202: { description: 'Aceptado y repartido', content: { 'application/json': { schema: z.object({ delivered: z.number().int().openapi({ description: 'Conexiones de esta réplica que lo recibieron' }) }) } } },
    400: badJson,
    413: tooLarge,
    422: invalid,
  },
});

// Un WebSocket no es una operación OpenAPI: aquí solo cabe su handshake (el GET que responde 101). Los mensajes
// del canal (welcome, order-event, ping/pong, error) se describirían con AsyncAPI, el formato para canales.
const liveChannelRoute = createRoute({
  method: 'get',
  path: '/orders/{id}/live',
  operationId: 'openLiveChannel',
  tags: ['seguimiento'],
  summary: 'Abre el canal WebSocket del pedido (handshake HTTP con Upgrade: websocket)',
  description:
    'Handshake de WebSocket (RFC 6455): un GET con `Connection: Upgrade` y `Upgrade: websocket` que responde 101 y ' +
    'pasa a hablar WebSocket. Los mensajes no son operaciones ' +
    'HTTP: OpenAPI no los describe (AsyncAPI sí). «Try it out» no sirve aquí: usa un cliente WebSocket.',
  request: { params: OrderId },
  responses: {
    101: { description: 'Switching Protocols: desde aquí, WebSocket' },
  },
});
