import { z } from 'zod';
import type { OrderPlaced } from '../../application/OrderPlaced.ts';

// #region order-placed-message
/**
 * El mensaje que notifications acepta: un CloudEvent 1.0 en modo estructurado (el sobre y los datos
 * en un JSON) de tipo com.foodly.order.placed. z.object ignora los campos que no nombra: si orders
 * añade uno, este consumidor sigue funcionando.
 */
const orderPlacedCloudEvent = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.literal('com.foodly.order.placed'),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json').optional(),
  data: z.object({
    orderId: z.string().min(1),
    customerEmail: z.email(),
    total: z.number().nonnegative(),
  }),
});

/** Lee el cuerpo de un mensaje; un error explica qué falta (el mensaje no se puede procesar nunca). */
export function parseOrderPlaced(content: string): { ok: true; value: OrderPlaced } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: 'el cuerpo no es JSON' };
  }
  const parsed = orderPlacedCloudEvent.safeParse(json);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(sobre)'}: ${issue.message}`).join('; ') };
  const { data, ...event } = parsed.data;
  return { ok: true, value: { event, orderId: data.orderId, customerEmail: data.customerEmail, total: data.total } };
}
// #endregion order-placed-message
