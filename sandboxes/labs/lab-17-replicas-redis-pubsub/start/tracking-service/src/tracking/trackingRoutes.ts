import { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { Settings } from '../config.ts';
import { problem } from '../shared/problem.ts';
import { trackingProblems } from '../shared/problemTypes.ts';
import { validationHook } from '../shared/validation.ts';
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

const TicketRequestBody = z.object({ customerEmail: z.email() });

export function trackingRoutes({ settings, rooms, tickets, orders, fanOut, upgradeWebSocket }: TrackingDependencies) {
  const app = new Hono();

  // #region order-events
  // orders-service avisa de cada cambio de un pedido a UNA réplica (la que le toque); esa lo publica para
  // todas, y cada réplica lo entrega a sus propias salas (suscripción en app.ts).
  // Ruta interna: en producción solo accesible desde la red de los servicios, nunca desde el gateway.
  app.post('/internal/order-events', zValidator('json', OrderEventSchema, validationHook), async (c) => {
    await fanOut.publish({ event: c.req.valid('json'), publishedBy: settings.REPLICA_ID });
    return c.json({ published: true }, 202);
  });
  // #endregion order-events

  // #region issue-ticket
  // El cliente pide el ticket por HTTP normal, donde sí puede mandar cabeceras y cookies. Sin autenticación a
  // propósito, como todo el laboratorio: en producción el email saldría del JWT verificado (tema 5), no del cuerpo.
  app.post('/orders/:id/tickets', zValidator('json', TicketRequestBody, validationHook), async (c) => {
    const orderId = c.req.param('id');
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

  return app;
}
