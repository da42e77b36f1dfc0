import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import { fail, ok } from '../../../Shared/domain/Result.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import { Order } from '../../domain/Order.ts';
import { orderNotFound } from '../../domain/OrderErrors.ts';
import { toOrderResponse } from '../OrderResponse.ts';
import type { OrderResponse } from '../OrderResponse.ts';
import type { OrderHistory } from './OrderHistory.ts';

export type OrderEventView = { version: number; eventName: string; occurredOn: string };

/** Consultas sobre la historia: la lista de eventos y el pedido tal como era en una versión. */
export class OrderHistoryFinder {
  private readonly history: OrderHistory;

  constructor(history: OrderHistory) {
    this.history = history;
  }

  async events(orderId: string): Promise<Result<OrderEventView[], DomainError>> {
    const entries = await this.history.historyOf(orderId);
    if (entries.length === 0) return fail(orderNotFound(orderId));
    return ok(entries.map(({ version, event }) => ({ version, eventName: event.eventName, occurredOn: event.occurredOn })));
  }

  /** "Viaje en el tiempo": reconstruye el pedido aplicando solo sus primeros `version` eventos. */
  async atVersion(orderId: string, version: number): Promise<Result<OrderResponse & { version: number }, DomainError>> {
    const entries = (await this.history.historyOf(orderId)).filter((entry) => entry.version <= version);
    if (entries.length === 0) return fail(orderNotFound(orderId));
    const order = Order.fromEvents(entries.map((entry) => entry.event));
    return ok({ ...toOrderResponse(order), version: order.version });
  }
}
