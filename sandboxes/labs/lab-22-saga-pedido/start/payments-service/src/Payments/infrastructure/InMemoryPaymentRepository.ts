import type { Payment } from '../domain/Payment.ts';
import type { PaymentRepository } from '../domain/PaymentRepository.ts';

export class InMemoryPaymentRepository implements PaymentRepository {
  private readonly payments = new Map<string, Payment>();

  async find(orderId: string): Promise<Payment | undefined> {
    const payment = this.payments.get(orderId);
    return payment ? { ...payment } : undefined;
  }

  async save(payment: Payment): Promise<void> {
    this.payments.set(payment.orderId, { ...payment });
  }

  async all(): Promise<Payment[]> {
    return [...this.payments.values()].map((payment) => ({ ...payment }));
  }
}
