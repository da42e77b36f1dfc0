import type { DomainEvent } from '../../Shared/domain/DomainEvent.ts';
import type { OrderLinePrimitives } from './OrderLine.ts';

export type OrderCreatedDomainEvent = DomainEvent & {
  readonly eventName: 'order.created';
  readonly customerEmail: string;
  readonly lines: OrderLinePrimitives[];
  readonly total: number;
};

export type OrderCancelledDomainEvent = DomainEvent & {
  readonly eventName: 'order.cancelled';
};

/** payments-service cobró el pedido: el id del cobro queda en la historia del pedido. */
export type OrderPaidDomainEvent = DomainEvent & {
  readonly eventName: 'order.paid';
  readonly paymentId: string;
};

export type OrderDomainEvent = OrderCreatedDomainEvent | OrderCancelledDomainEvent | OrderPaidDomainEvent;
