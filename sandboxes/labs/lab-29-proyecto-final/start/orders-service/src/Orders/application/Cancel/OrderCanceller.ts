import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import type { EventBus } from '../../../Shared/domain/EventBus.ts';
import { fail, ok } from '../../../Shared/domain/Result.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import { orderNotFound } from '../../domain/OrderErrors.ts';
import type { OrderRepository } from '../../domain/OrderRepository.ts';
import type { StockReservations } from '../../domain/StockReservations.ts';
import { toOrderResponse } from '../OrderResponse.ts';
import type { OrderResponse } from '../OrderResponse.ts';

/**
 * Caso de uso: el cliente cancela su pedido. La regla (no se cancela dos veces, ni uno pagado) la
 * decide el agregado; si el pedido tenía stock apartado, vuelve al catálogo (la compensación de la saga).
 */
export class OrderCanceller {
  private readonly repository: OrderRepository;
  private readonly stock: StockReservations;
  private readonly eventBus: EventBus;

  constructor(repository: OrderRepository, stock: StockReservations, eventBus: EventBus) {
    this.repository = repository;
    this.stock = stock;
    this.eventBus = eventBus;
  }

  async run(id: string): Promise<Result<OrderResponse, DomainError>> {
    const order = await this.repository.search(id);
    if (!order) return fail(orderNotFound(id));
    const hadStock = order.status === 'stock_reserved';
    const cancelled = order.cancel('CUSTOMER_REQUEST');
    if (!cancelled.ok) return cancelled;
    if (hadStock) await this.stock.release(order.id);
    await this.repository.save(order);
    await this.eventBus.publish(order.pullDomainEvents());
    return ok(toOrderResponse(order));
  }
}
