import { DECLINED_TEST_CARD } from '../domain/Payment.ts';
import type { Payment } from '../domain/Payment.ts';
import type { PaymentEvents } from '../domain/PaymentEvents.ts';
import type { PaymentRepository } from '../domain/PaymentRepository.ts';
import type { OrdersClient } from '../domain/OrdersClient.ts';

export type ChargeOutcome =
  | { kind: 'captured'; payment: Payment; replayed: boolean }
  | { kind: 'declined'; payment: Payment }
  | { kind: 'order-not-found' }
  | { kind: 'order-not-payable'; status: string };

// #region charge
/**
 * Cobra un pedido: el importe y el cliente se leen de orders-service (el cliente no decide cuánto
 * paga), el cobro se guarda una sola vez por pedido (repetir la petición devuelve el mismo cobro,
 * no cobra dos veces) y solo un cobro nuevo publica PaymentCaptured.
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
    if (existing) return { kind: 'captured', payment: existing, replayed: true };
    const order = await this.orders.find(input.orderId, correlationId);
    if (!order) return { kind: 'order-not-found' };
    if (order.status !== 'created') return { kind: 'order-not-payable', status: order.status };
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
    if (declined) return { kind: 'declined', payment };
    const { saved, payment: stored } = await this.payments.saveIfAbsent(payment);
    if (saved) await this.events.captured(stored, correlationId);
    return { kind: 'captured', payment: stored, replayed: !saved };
  }
}
// #endregion charge
