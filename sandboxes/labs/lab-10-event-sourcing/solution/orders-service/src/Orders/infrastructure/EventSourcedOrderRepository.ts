import type { EventStore } from '../../Shared/infrastructure/persistence/EventStore.ts';
import type { OrderHistory, OrderHistoryEntry } from '../application/History/OrderHistory.ts';
import { Order } from '../domain/Order.ts';
import type { OrderDomainEvent } from '../domain/OrderDomainEvents.ts';
import type { OrderRepository } from '../domain/OrderRepository.ts';

// #region event-sourced-order-repository
/**
 * Repositorio basado en eventos: no guarda el estado del pedido, sino lo que le ha pasado.
 * Guardar = añadir los eventos nuevos al stream; cargar = reconstruir con Order.fromEvents.
 */
export class EventSourcedOrderRepository implements OrderRepository, OrderHistory {
  private readonly store: EventStore;

  constructor(store: EventStore) {
    this.store = store;
  }

  /**
   * Añade los eventos pendientes esperando la versión con la que se cargó el pedido. Si otra petición
   * escribió entretanto, el almacén lanza ConcurrencyError y no se guarda nada (no se relee el stream
   * aquí: con su versión de ahora, la comprobación nunca fallaría).
   */
  async save(order: Order): Promise<void> {
    const pending = order.peekDomainEvents();
    if (pending.length === 0) return;
    await this.store.append(order.id, pending, order.expectedVersion);
  }

  async search(id: string): Promise<Order | undefined> {
    const history = await this.historyOf(id);
    return history.length === 0 ? undefined : Order.fromEvents(history.map((entry) => entry.event));
  }
// #endregion event-sourced-order-repository

  async searchAll(): Promise<Order[]> {
    const orders: Order[] = [];
    for (const id of await this.store.streams()) {
      const order = await this.search(id);
      if (order) orders.push(order);
    }
    return orders;
  }

  async historyOf(orderId: string): Promise<OrderHistoryEntry[]> {
    return (await this.store.load(orderId)).map((stored) => ({ version: stored.version, event: stored.event as OrderDomainEvent }));
  }
}
