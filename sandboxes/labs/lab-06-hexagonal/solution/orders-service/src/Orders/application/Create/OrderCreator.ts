import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import type { EventBus } from '../../../Shared/domain/EventBus.ts';
import { fail, ok } from '../../../Shared/domain/Result.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import { Order } from '../../domain/Order.ts';
import { outOfStock, productNotFound } from '../../domain/OrderErrors.ts';
import { OrderLine } from '../../domain/OrderLine.ts';
import type { OrderRepository } from '../../domain/OrderRepository.ts';
import type { ProductCatalog } from '../../domain/ProductCatalog.ts';
import { Quantity } from '../../domain/Quantity.ts';
import { toOrderResponse } from '../OrderResponse.ts';
import type { OrderResponse } from '../OrderResponse.ts';

export type CreateOrderRequest = { id?: string; customerEmail: string; items: Array<{ productId: string; quantity: number }> };

// #region order-creator
/** Caso de uso: crear un pedido con precios y stock del catálogo, guardarlo y publicar sus eventos. */
export class OrderCreator {
  private readonly repository: OrderRepository;
  private readonly catalog: ProductCatalog;
  private readonly eventBus: EventBus;

  constructor(repository: OrderRepository, catalog: ProductCatalog, eventBus: EventBus) {
    this.repository = repository;
    this.catalog = catalog;
    this.eventBus = eventBus;
  }

  async run(request: CreateOrderRequest): Promise<Result<OrderResponse, DomainError>> {
    const lines: OrderLine[] = [];
    for (const item of request.items) {
      const quantity = Quantity.create(item.quantity);
      if (!quantity.ok) return quantity;
      const product = await this.catalog.find(item.productId);
      if (!product) return fail(productNotFound(item.productId));
      if (product.stock < item.quantity) return fail(outOfStock(product.name, product.stock));
      lines.push(new OrderLine({ productId: product.id, name: product.name, unitPrice: product.price, quantity: quantity.value }));
    }
    const order = Order.create({ id: request.id ?? crypto.randomUUID(), customerEmail: request.customerEmail, lines });
    if (!order.ok) return order;
    await this.repository.save(order.value);
    await this.eventBus.publish(order.value.pullDomainEvents());
    return ok(toOrderResponse(order.value));
  }
}
// #endregion order-creator
