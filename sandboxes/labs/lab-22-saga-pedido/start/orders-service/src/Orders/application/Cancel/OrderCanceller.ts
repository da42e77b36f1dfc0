import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import type { EventBus } from '../../../Shared/domain/EventBus.ts';
import { fail, ok } from '../../../Shared/domain/Result.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import { orderNotFound } from '../../domain/OrderErrors.ts';
import type { OrderRepository } from '../../domain/OrderRepository.ts';
import { toOrderResponse } from '../OrderResponse.ts';
import type { OrderResponse } from '../OrderResponse.ts';

/** Caso de uso: cancelar un pedido. La regla (no se cancela dos veces) la decide el agregado. */
export class OrderCanceller {
  private readonly repository: OrderRepository;
  private readonly eventBus: EventBus;

  constructor(repository: OrderRepository, eventBus: EventBus) {
    this.repository = repository;
    this.eventBus = eventBus;
  }

  async run(id: string): Promise<Result<OrderResponse, DomainError>> {
    const order = await this.repository.search(id);
    if (!order) return fail(orderNotFound(id));
    const cancelled = order.cancel('CUSTOMER_REQUEST');
    if (!cancelled.ok) return cancelled;
    await this.repository.save(order);
    await this.eventBus.publish(order.pullDomainEvents());
    return ok(toOrderResponse(order));
  }
}
