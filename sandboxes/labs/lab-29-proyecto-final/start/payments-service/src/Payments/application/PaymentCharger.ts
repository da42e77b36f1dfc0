import { DECLINED_TEST_CARD } from '../domain/Payment.ts';
import type { Payment } from '../domain/Payment.ts';
import type { PaymentEvents } from '../domain/PaymentEvents.ts';
import type { PaymentRepository } from '../domain/PaymentRepository.ts';
import type { OrdersClient } from '../domain/OrdersClient.ts';

export type ChargeOutcome =
  | { kind: 'captured'; payment: Payment; replayed: boolean }
  | { kind: 'declined'; payment: Payment; replayed: boolean }
  | { kind: 'order-cancelled'; payment: Payment }
  | { kind: 'order-not-found' }
  | { kind: 'order-not-payable'; status: string };

// #region charge
/**
 * Cobra un pedido: el importe y el cliente se leen de orders-service (el cliente no decide cuánto
 * paga), el intento se guarda una sola vez por pedido (repetir la petición devuelve el mismo cobro,
 * o el mismo rechazo, y no cobra dos veces) y solo un intento nuevo publica su evento: PaymentCaptured
 * o PaymentDeclined, con el que la saga de orders-service devuelve el stock y cancela el pedido.
 */
export class PaymentCharger {
  private readonly orders: OrdersClient;
  private readonly payments: PaymentRepository;
  private readonly events: PaymentEvents;

  constructor(orders: OrdersClient, payments: PaymentRepository, events: PaymentEvents) {
    this.orders = orders;
    this.payments = payments;
    this.events = events;
  }

  async charge(input: { orderId: string; cardNumber: string }, correlationId: string): Promise<ChargeOutcome> {
    // Repetir el pago de un pedido ya cobrado responde el mismo cobro, aunque orders ya lo tenga como pagado.
    const existing = await this.payments.findByOrder(input.orderId);
    if (existing) return replay(existing);
    const order = await this.orders.find(input.orderId, correlationId);
    if (!order) return { kind: 'order-not-found' };
    // Solo se cobra un pedido con su stock apartado por la saga de orders (stock_reserved).
    if (order.status !== 'stock_reserved') return { kind: 'order-not-payable', status: order.status };
    const declined = input.cardNumber === DECLINED_TEST_CARD;
    const payment: Payment = {
      id: crypto.randomUUID(),
      orderId: order.id,
      customerEmail: order.customerEmail,
      amount: order.total,
      currency: 'EUR',
      status: declined ? 'declined' : 'captured',
      createdAt: new Date().toISOString(),
    };
    // El rechazo también se guarda (SET NX): el primer intento decide, y un segundo no compite con la compensación.
    // Si el pedido se canceló mientras tanto, OrderCancelled ya ocupó el sitio (voided) y esta escritura pierde: no se cobra.
    const { saved, payment: stored } = await this.payments.saveIfAbsent(payment);
    if (!saved) return replay(stored);
    await (declined ? this.events.declined(stored, correlationId) : this.events.captured(stored, correlationId));
    return { kind: declined ? 'declined' : 'captured', payment: stored, replayed: false };
  }
}

/** Lo que ya había guardado para el pedido decide la respuesta: el mismo cobro, el mismo rechazo o «cancelado». */
function replay(existing: Payment): ChargeOutcome {
  if (existing.status === 'captured' || existing.status === 'declined') return { kind: existing.status, payment: existing, replayed: true };
  return { kind: 'order-cancelled', payment: existing };
}
// #endregion charge
