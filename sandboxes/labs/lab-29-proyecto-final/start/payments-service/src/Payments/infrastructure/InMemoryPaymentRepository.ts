import type { Payment } from '../domain/Payment.ts';
import type { PaymentRepository } from '../domain/PaymentRepository.ts';

/** Los cobros en un Map: vale para una réplica (y para los tests); con dos, cada una cobraría por su lado. */
export class InMemoryPaymentRepository implements PaymentRepository {
  private readonly byOrder = new Map<string, Payment>();

  async saveIfAbsent(payment: Payment) {
    const existing = this.byOrder.get(payment.orderId);
    if (existing) return { saved: false, payment: existing };
    this.byOrder.set(payment.orderId, payment);
    return { saved: true, payment };
  }

  async findByOrder(orderId: string) {
    return this.byOrder.get(orderId);
  }

  async update(payment: Payment) {
    this.byOrder.set(payment.orderId, payment);
  }
}
