import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { Settings } from '../config.ts';
import { problem, problemResponse } from '../shared/problem.ts';
import { trackingProblems } from '../shared/problemTypes.ts';
import { validationHook, ValidationErrorSchema } from '../shared/validation.ts';
import { originCheck, requireWebSocketUpgrade } from './guards.ts';
import { OrderEventSchema, parseClientMessage, sendMessage } from './messages.ts';
import type { OrderEventsFanOut } from './OrderEventsFanOut.ts';
import type { HttpOrdersClient } from './OrdersClient.ts';
import type { Rooms } from './Rooms.ts';
import type { TicketStore } from './TicketStore.ts';

export type TrackingDependencies = {
  settings: Settings;
  rooms: Rooms;
  tickets: TicketStore;
  orders: HttpOrdersClient;
  fanOut: OrderEventsFanOut;
  upgradeWebSocket: UpgradeWebSocket;
};

const TicketRequestBody = z.object({ customerEmail: z.email().openapi({ example: 'ana@example.com' }) });

export function trackingRoutes({ settings, rooms, tickets, orders, fanOut, upgradeWebSocket }: TrackingDependencies) {
  const app = new OpenAPIHono({ defaultHook: validationHook });

  // #region order-events
  // orders-service avisa de cada cambio de un pedido a UNA réplica (la que le toque); esa lo publica para
  // todas, y cada réplica lo entrega a sus propias salas (suscripción en app.ts).
  // Ruta interna: en producción solo accesible desde la red de los servicios, nunca desde el gateway.
  app.openapi(orderEventsRoute, async (c) => {
    await fanOut.publish({ event: c.req.valid('json'), publishedBy: settings.REPLICA_ID });
    return c.json({ published: true }, 202);
  });
  // #endregion order-events

  // #region issue-ticket
  // El cliente pide el ticket por HTTP normal, donde sí puede mandar cabeceras y cookies. Sin autenticación a
  // propósito, como todo el laboratorio: en producción el email saldría del JWT verificado (tema 5), no del cuerpo.
  app.openapi(issueTicketRoute, async (c) => {
    const { id: orderId } = c.req.valid('param');
    const { customerEmail } = c.req.valid('json');
    const owner = await orders.ownerOf(orderId);
    if (owner.kind === 'not-found') return problem(c, 404, trackingProblems.orderNotFound, `No existe el pedido ${orderId}.`);
    if (owner.kind === 'unavailable') return problem(c, 503, trackingProblems.ordersUnavailable, 'No se puede comprobar de quién es el pedido; reintenta en unos segundos.');
    if (owner.customerEmail !== customerEmail) return problem(c, 403, trackingProblems.notYourOrder, `El pedido ${orderId} no es de ${customerEmail}.`);
    const { ticket, expiresAt } = await tickets.issue(orderId, customerEmail);
    return c.json({ ticket, expiresInSeconds: Math.round((expiresAt - Date.now()) / 1000), url: `/orders/${orderId}/live?ticket=${ticket}` }, 201);
  });
  // #endregion issue-ticket

  // #region live-channel
  app.get(
    '/orders/:id/live',
    requireWebSocketUpgrade,
    originCheck(settings.ALLOWED_ORIGINS),
    upgradeWebSocket(async (c) => {
      const orderId = c.req.param('id') ?? '';
      // El ticket se valida antes del handshake: una conexión sin ticket válido nunca entra en una sala.
      const ticket = await tickets.redeem(c.req.query('ticket') ?? '', orderId);
      if (!ticket) {
        return {
          onOpen(_event, ws) {
            // 1008 (violación de política) con el motivo: el navegador no ve el estado HTTP de un handshake
            // rechazado, pero sí el código y el motivo del cierre. Así sabe que debe pedir otro ticket.
            ws.close(1008, 'Ticket no válido, caducado o ya usado: pide otro');
          },
        };
      }
      let socket: WSContext | undefined;
      let heartbeat: ReturnType<typeof setTimeout> | undefined;
      // Cada mensaje del cliente (un ping basta) le da otro plazo; si calla más, la conexión está muerta.
      const armHeartbeat = (ws: WSContext) => {
        clearTimeout(heartbeat);
        heartbeat = setTimeout(() => ws.close(4408, 'Sin latido: reconecta'), settings.HEARTBEAT_TIMEOUT_MS);
      };
      return {
        onOpen(_event, ws) {
          socket = ws;
          rooms.join(orderId, ws);
          armHeartbeat(ws);
          sendMessage(ws, { type: 'welcome', orderId, replica: settings.REPLICA_ID });
        },
        onMessage(event, ws) {
          armHeartbeat(ws);
          const parsed = parseClientMessage(event.data);
          if (!parsed.ok) return sendMessage(ws, parsed.error);
          if (parsed.message.type === 'ping') sendMessage(ws, { type: 'pong' });
        },
        onClose() {
          clearTimeout(heartbeat);
          if (socket) rooms.leave(orderId, socket);
        },
      };
    }),
  );
  // #endregion live-channel
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
    202: { description: 'Aceptado y repartido', content: { 'application/json': { schema: z.object({ published: z.boolean() }) } } },
    400: badJson,
    413: tooLarge,
    422: invalid,
  },
});

const issueTicketRoute = createRoute({
  method: 'post',
  path: '/orders/{id}/tickets',
  operationId: 'issueTrackingTicket',
  tags: ['seguimiento'],
  summary: 'Pide un ticket de un solo uso para abrir el canal del pedido',
  request: { params: OrderId, body: { required: true, content: { 'application/json': { schema: TicketRequestBody } } } },
  responses: {
    201: {
      description: 'Ticket emitido',
      content: { 'application/json': { schema: z.object({ ticket: z.string(), expiresInSeconds: z.number().int(), url: z.string() }).openapi('Ticket') } },
    },
    400: badJson,
    403: problemResponse('El pedido es de otro cliente'),
    404: problemResponse('No existe el pedido'),
    413: tooLarge,
    422: invalid,
    503: problemResponse('orders-service no responde: no se puede comprobar de quién es el pedido'),
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
    'pasa a hablar WebSocket. Sin ticket válido el canal se abre y se cierra con 1008. Los mensajes no son operaciones ' +
    'HTTP: OpenAPI no los describe (AsyncAPI sí). «Try it out» no sirve aquí: usa un cliente WebSocket.',
  request: { params: OrderId, query: z.object({ ticket: z.string().optional().openapi({ description: 'El ticket de POST /orders/{id}/tickets' }) }) },
  responses: {
    101: { description: 'Switching Protocols: desde aquí, WebSocket' },
    403: problemResponse('La página que abre el canal es de un origen no permitido'),
    426: problemResponse('La petición no pide Upgrade: websocket'),
  },
});
