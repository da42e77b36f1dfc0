import { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import { zValidator } from '@hono/zod-validator';
import type { Settings } from '../config.ts';
import { validationHook } from '../shared/validation.ts';
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
  const app = new Hono();

  // orders-service avisa de cada cambio de un pedido; aquí solo se reparte a quien lo sigue.
  // Ruta interna: en producción solo accesible desde la red de los servicios, nunca desde el gateway.
  app.post('/internal/order-events', zValidator('json', OrderEventSchema, validationHook), (c) => {
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

  return app;
}
