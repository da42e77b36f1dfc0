import type { OrderDomainEvent } from '../../domain/OrderDomainEvents.ts';

export type OrderHistoryEntry = { version: number; event: OrderDomainEvent };

/** Puerto de lectura de la historia de un pedido (lo implementa el repositorio basado en eventos). */
export type OrderHistory = {
  historyOf(orderId: string): Promise<OrderHistoryEntry[]>;
};
