import type { DomainEvent } from '../../Shared/domain/DomainEvent.ts';
import type { CancellationReason } from './Order.ts';
import type { OrderLinePrimitives } from './OrderLine.ts';

export type OrderCreatedDomainEvent = DomainEvent & {
  readonly eventName: 'order.created';
  readonly customerEmail: string;
  readonly lines: OrderLinePrimitives[];
  readonly total: number;
};

/** Paso 1 de la saga: el stock de todas las líneas está apartado en products-service. */
export type OrderStockReservedDomainEvent = DomainEvent & {
  readonly eventName: 'order.stock_reserved';
};

export type OrderCancelledDomainEvent = DomainEvent & {
  readonly eventName: 'order.cancelled';
  readonly reason: CancellationReason;
};

/** payments-service cobró el pedido: el id del cobro queda en la historia del pedido. */
export type OrderPaidDomainEvent = DomainEvent & {
  readonly eventName: 'order.paid';
  readonly paymentId: string;
};

export type OrderDomainEvent = OrderCreatedDomainEvent | OrderStockReservedDomainEvent | OrderCancelledDomainEvent | OrderPaidDomainEvent;
