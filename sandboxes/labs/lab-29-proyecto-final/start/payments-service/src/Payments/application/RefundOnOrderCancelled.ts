import type { Payment } from '../domain/Payment.ts';
import type { PaymentEvents } from '../domain/PaymentEvents.ts';
import type { PaymentRepository } from '../domain/PaymentRepository.ts';

export type CancellationOutcome = 'voided' | 'refunded' | 'unchanged';

// #region refund-on-cancel
/**
 * Caso de uso: orders-service canceló un pedido (OrderCancelled). Si ya estaba cobrado, se devuelve
 * el cobro (la compensación del paso de pago); si aún no, se ocupa su sitio con un «anulado» para que
 * un cobro que llegue tarde no se haga. Las dos cosas pasan por la misma clave que el cobro (SET NX):
 * o gana el cobro y aquí se devuelve, o gana la anulación y el cobro responde 409. Una devolución se
 * publica (payment.refunded): el cliente, que recibió «Pago recibido», se entera de que el dinero vuelve.
 * Idempotente: un OrderCancelled repetido encuentra voided y no hace nada, o refunded y solo vuelve a
 * publicar la devolución, con el mismo id (por si la primera vez se anotó pero no llegó a publicarse).
 */
export class RefundOnOrderCancelled {
  private readonly payments: PaymentRepository;
  private readonly events: PaymentEvents;

  constructor(payments: PaymentRepository, events: PaymentEvents) {
    this.payments = payments;
    this.events = events;
  }

  async on(orderId: string, correlationId: string): Promise<CancellationOutcome> {
    const voided: Payment = { id: crypto.randomUUID(), orderId, customerEmail: '', amount: 0, currency: 'EUR', status: 'voided', createdAt: new Date().toISOString() };
    const { saved, payment } = await this.payments.saveIfAbsent(voided);
    if (saved) {
      console.log(`[${correlationId}] pedido ${orderId} cancelado antes de cobrarlo: ya no se cobrará`);
      return 'voided';
    }
    if (payment.status === 'refunded') {
      await this.events.refunded(payment, correlationId);
      return 'unchanged';
    }
    // Un rechazo no cobró nada, y voided ya está hecho.
    if (payment.status !== 'captured') return 'unchanged';
    // La pasarela simulada no mueve dinero: devolver es anotarlo. Con una de verdad, aquí iría su llamada de reembolso.
    const refunded: Payment = { ...payment, status: 'refunded' };
    await this.payments.update(refunded);
    console.log(`[${correlationId}] pedido ${orderId} cancelado con el cobro ${payment.id} hecho: devueltos ${payment.amount.toFixed(2)} EUR`);
    await this.events.refunded(refunded, correlationId);
    return 'refunded';
  }
}
// #endregion refund-on-cancel
