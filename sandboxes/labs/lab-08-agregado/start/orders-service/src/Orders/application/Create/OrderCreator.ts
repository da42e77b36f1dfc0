import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import type { EventBus } from '../../../Shared/domain/EventBus.ts';
import { fail, ok } from '../../../Shared/domain/Result.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import { Order } from '../../domain/Order.ts';
import { outOfStock, productNotFound } from '../../domain/OrderErrors.ts';
import { OrderLine } from '../../domain/OrderLine.ts';
import type { OrderRepository } from '../../domain/OrderRepository.ts';
import type { CatalogProduct, ProductCatalog } from '../../domain/ProductCatalog.ts';
import { Quantity } from '../../domain/Quantity.ts';
import { toOrderResponse } from '../OrderResponse.ts';
import type { OrderResponse } from '../OrderResponse.ts';

export type CreateOrderRequest = { id?: string; customerEmail: string; items: Array<{ productId: string; quantity: number }> };

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
    const products = new Map<string, CatalogProduct>();
    const lines: OrderLine[] = [];
    for (const item of request.items) {
      const quantity = Quantity.create(item.quantity);
      if (!quantity.ok) return quantity;
      const product = products.get(item.productId) ?? (await this.catalog.find(item.productId));
      if (!product) return fail(productNotFound(item.productId));
      products.set(product.id, product);
      lines.push(new OrderLine({ productId: product.id, name: product.name, unitPrice: product.price, quantity: quantity.value }));
    }
    // #region stock-check
    const order = Order.create({ id: request.id ?? crypto.randomUUID(), customerEmail: request.customerEmail, lines });
    if (!order.ok) return order;
    // El stock se comprueba sobre las líneas del pedido ya creado, no sobre las de la petición: si el
    // agregado junta dos líneas del mismo producto, lo que hay que servir es la suma. Si no llega,
    // el pedido se descarta: ni se guarda ni se publica su evento.
    for (const line of order.value.lines) {
      const stock = products.get(line.productId)?.stock ?? 0;
      if (line.quantity.value > stock) return fail(outOfStock(line.name, stock));
    }
    // #endregion stock-check
    await this.repository.save(order.value);
    await this.eventBus.publish(order.value.pullDomainEvents());
    return ok(toOrderResponse(order.value));
  }
}
