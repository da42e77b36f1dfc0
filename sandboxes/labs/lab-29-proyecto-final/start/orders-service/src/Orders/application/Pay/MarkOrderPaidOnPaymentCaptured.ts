import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import type { EventBus } from '../../../Shared/domain/EventBus.ts';
import { fail, ok } from '../../../Shared/domain/Result.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import { orderNotFound } from '../../domain/OrderErrors.ts';
import type { OrderRepository } from '../../domain/OrderRepository.ts';

/** Lo que orders necesita del evento PaymentCaptured de payments-service. */
export type PaymentCaptured = { paymentId: string; orderId: string; correlationId: string };

/**
 * Caso de uso: payments-service cobró un pedido y orders lo anota como pagado. Así el historial del
 * cliente (y GET /orders) muestran el resultado del pago. La regla (idempotente, un cancelado no se
 * paga) la decide el agregado; un mensaje repetido no añade nada a la historia del pedido.
 */
export class MarkOrderPaidOnPaymentCaptured {
  private readonly repository: OrderRepository;
  private readonly eventBus: EventBus;

  constructor(repository: OrderRepository, eventBus: EventBus) {
    this.repository = repository;
    this.eventBus = eventBus;
  }

  async run(payment: PaymentCaptured): Promise<Result<'paid' | 'already-paid', DomainError>> {
    const order = await this.repository.search(payment.orderId);
    if (!order) return fail(orderNotFound(payment.orderId));
    const marked = order.markPaid(payment.paymentId);
    if (!marked.ok || marked.value === 'already-paid') return marked;
    await this.repository.save(order);
    await this.eventBus.publish(order.pullDomainEvents());
    console.log(`[${payment.correlationId}] pedido ${order.id} pagado (cobro ${payment.paymentId})`);
    return marked;
  }
}
