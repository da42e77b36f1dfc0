import { z } from 'zod';

/** Lo que orders-service nos cuenta de un pedido (POST /internal/order-events). */
export const OrderEventSchema = z.object({
  eventId: z.string().min(1).max(100),
  name: z.enum(['order.created', 'order.cancelled']),
  orderId: z.string().min(1).max(100),
  occurredAt: z.iso.datetime(),
});
export type OrderEvent = z.infer<typeof OrderEventSchema>;

/** Lo único que un cliente debería mandar por el canal: un latido. */
export type ClientMessage = { type: 'ping' };

/** Lo que el servidor manda: bienvenida, eventos del pedido, respuesta al latido y errores. */
export type ServerMessage =
  | { type: 'welcome'; orderId: string; replica: string }
  | { type: 'order-event'; event: OrderEvent; deliveredBy: string }
  | { type: 'pong' }
  | { type: 'error'; code: 'INVALID_JSON' | 'INVALID_MESSAGE'; detail: string };

export const sendMessage = (socket: { send(data: string): void }, message: ServerMessage): void => socket.send(JSON.stringify(message));
