import type { Payment } from '../domain/Payment.ts';
import type { PaymentRepository } from '../domain/PaymentRepository.ts';

export type CancellationOutcome = 'voided' | 'refunded' | 'unchanged';

// #region refund-on-cancel
/**
 * Caso de uso: orders-service canceló un pedido (OrderCancelled). Si ya estaba cobrado, se devuelve
 * el cobro (la compensación del paso de pago); si aún no, se ocupa su sitio con un «anulado» para que
 * un cobro que llegue tarde no se haga. Las dos cosas pasan por la misma clave que el cobro (SET NX):
 * o gana el cobro y aquí se devuelve, o gana la anulación y el cobro responde 409. Idempotente: un
 * OrderCancelled repetido encuentra refunded o voided y no hace nada.
 */
export class RefundOnOrderCancelled {
  private readonly payments: PaymentRepository;

  constructor(payments: PaymentRepository) {
    this.payments = payments;
  }

  async on(orderId: string, correlationId: string): Promise<CancellationOutcome> {
    const voided: Payment = { id: crypto.randomUUID(), orderId, customerEmail: '', amount: 0, currency: 'EUR', status: 'voided', createdAt: new Date().toISOString() };
    const { saved, payment } = await this.payments.saveIfAbsent(voided);
    if (saved) {
      console.log(`[${correlationId}] pedido ${orderId} cancelado antes de cobrarlo: ya no se cobrará`);
      return 'voided';
    }
    // Un rechazo no cobró nada, y refunded o voided ya están hechos.
    if (payment.status !== 'captured') return 'unchanged';
    // La pasarela simulada no mueve dinero: devolver es anotarlo. Con una de verdad, aquí iría su llamada de reembolso.
    await this.payments.update({ ...payment, status: 'refunded' });
    console.log(`[${correlationId}] pedido ${orderId} cancelado con el cobro ${payment.id} hecho: devueltos ${payment.amount.toFixed(2)} EUR`);
    return 'refunded';
  }
}
// #endregion refund-on-cancel
