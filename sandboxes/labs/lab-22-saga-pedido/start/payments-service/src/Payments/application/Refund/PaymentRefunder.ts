import { withStatus } from '../../domain/Payment.ts';
import type { Payment } from '../../domain/Payment.ts';
import type { PaymentRepository } from '../../domain/PaymentRepository.ts';

// #region refund
/**
 * Caso de uso: la compensación del cobro. Devuelve un cobro hecho, anula uno pendiente y, si aún no
 * llegó ninguno, deja el pedido marcado para que un cobro tardío no se aplique. Repetirla no cambia nada.
 */
export class PaymentRefunder {
  private readonly repository: PaymentRepository;

  constructor(repository: PaymentRepository) {
    this.repository = repository;
  }

  async run(orderId: string): Promise<Payment> {
    const existing = await this.repository.find(orderId);
    if (existing?.status === 'refunded' || existing?.status === 'declined') return existing;
    const refunded = existing
      ? withStatus(existing, 'refunded')
      : { orderId, amount: 0, status: 'refunded' as const, updatedAt: new Date().toISOString() };
    await this.repository.save(refunded);
    console.log(`[pagos] ${orderId}: devuelto (${existing?.status ?? 'sin cobro previo'} → refunded)`);
    return refunded;
  }
}
// #endregion refund
