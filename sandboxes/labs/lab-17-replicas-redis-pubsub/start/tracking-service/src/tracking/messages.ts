import { z } from 'zod';

// #region messages
/** Lo que orders-service nos cuenta de un pedido (POST /internal/order-events). */
export const OrderEventSchema = z.object({
  eventId: z.string().min(1).max(100),
  name: z.enum(['order.created', 'order.cancelled']),
  orderId: z.string().min(1).max(100),
  occurredAt: z.iso.datetime(),
});
export type OrderEvent = z.infer<typeof OrderEventSchema>;

/** Lo único que un cliente puede mandar por el canal: un latido. Cualquier otra cosa es un error. */
export const ClientMessageSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('ping') })]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** Lo que el servidor manda: bienvenida, eventos del pedido, respuesta al latido y errores. */
export type ServerMessage =
  | { type: 'welcome'; orderId: string; replica: string }
  | { type: 'order-event'; event: OrderEvent; publishedBy: string; deliveredBy: string }
  | { type: 'pong' }
  | { type: 'error'; code: 'INVALID_JSON' | 'INVALID_MESSAGE'; detail: string };

/** Un frame de texto → mensaje validado, o el frame de error que hay que devolver (nunca una excepción). */
export function parseClientMessage(data: unknown): { ok: true; message: ClientMessage } | { ok: false; error: ServerMessage } {
  if (typeof data !== 'string') return { ok: false, error: { type: 'error', code: 'INVALID_MESSAGE', detail: 'Solo se aceptan frames de texto con JSON.' } };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, error: { type: 'error', code: 'INVALID_JSON', detail: 'El frame no es JSON.' } };
  }
  const result = ClientMessageSchema.safeParse(json);
  if (!result.success) {
    return { ok: false, error: { type: 'error', code: 'INVALID_MESSAGE', detail: 'Mensaje desconocido: el canal solo acepta {"type":"ping"}.' } };
  }
  return { ok: true, message: result.data };
}
// #endregion messages

export const sendMessage = (socket: { send(data: string): void }, message: ServerMessage): void => socket.send(JSON.stringify(message));
