import type { DomainEvent } from '../../Shared/domain/DomainEvent.ts';
import type { CancellationReason } from './Order.ts';
import type { OrderLinePrimitives } from './OrderLine.ts';

export type OrderCreatedDomainEvent = DomainEvent & {
  readonly eventName: 'order.created';
  readonly customerEmail: string;
  readonly lines: OrderLinePrimitives[];
  readonly total: number;
};

export type OrderStockReservedDomainEvent = DomainEvent & {
  readonly eventName: 'order.stock_reserved';
};

export type OrderPaidDomainEvent = DomainEvent & {
  readonly eventName: 'order.paid';
  readonly paymentId: string;
};

export type OrderConfirmedDomainEvent = DomainEvent & {
  readonly eventName: 'order.confirmed';
  readonly customerEmail: string;
  readonly total: number;
};

export type OrderCancelledDomainEvent = DomainEvent & {
  readonly eventName: 'order.cancelled';
  readonly reason: CancellationReason;
};

export type OrderDomainEvent =
  | OrderCreatedDomainEvent
  | OrderStockReservedDomainEvent
  | OrderPaidDomainEvent
  | OrderConfirmedDomainEvent
  | OrderCancelledDomainEvent;
