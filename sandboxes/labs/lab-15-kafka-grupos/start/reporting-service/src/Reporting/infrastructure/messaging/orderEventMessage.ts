import { z } from 'zod';
import type { OrderEvent } from '../../application/OrderEvent.ts';

const placed = z.object({
  id: z.string().min(1),
  type: z.literal('com.foodly.order.placed'),
  data: z.object({ orderId: z.string().min(1), customerEmail: z.string().min(1), total: z.number() }),
});
const cancelled = z.object({
  id: z.string().min(1),
  type: z.literal('com.foodly.order.cancelled'),
  data: z.object({ orderId: z.string().min(1) }),
});
const envelope = z.discriminatedUnion('type', [placed, cancelled]);

/** El valor de un mensaje del tópico (un sobre CloudEvents en JSON) → OrderEvent, o null si no es uno que entendamos. */
export function parseOrderEvent(value: Uint8Array | string | null): OrderEvent | null {
  if (value === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : new TextDecoder().decode(value));
  } catch {
    return null;
  }
  const result = envelope.safeParse(json);
  if (!result.success) return null;
  const event = result.data;
  return event.type === 'com.foodly.order.placed'
    ? { id: event.id, type: event.type, orderId: event.data.orderId, customerEmail: event.data.customerEmail, total: event.data.total }
    : { id: event.id, type: event.type, orderId: event.data.orderId };
}
