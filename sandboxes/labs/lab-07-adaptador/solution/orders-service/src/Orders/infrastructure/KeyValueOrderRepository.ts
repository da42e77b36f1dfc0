import type { KeyValueStore } from '../../Shared/infrastructure/persistence/KeyValueStore.ts';
import { Order } from '../domain/Order.ts';
import type { OrderPrimitives } from '../domain/Order.ts';
import type { OrderRepository } from '../domain/OrderRepository.ts';

const PREFIX = 'orders:';

// #region key-value-order-repository
/**
 * Otro adaptador del mismo puerto: cada pedido es un documento JSON bajo la clave orders:<id>.
 * El dominio y los casos de uso no cambian: solo la raíz de composición elige este adaptador.
 */
export class KeyValueOrderRepository implements OrderRepository {
  private readonly store: KeyValueStore;

  constructor(store: KeyValueStore) {
    this.store = store;
  }

  async save(order: Order): Promise<void> {
    await this.store.set(PREFIX + order.id, JSON.stringify(order.toPrimitives()));
  }

  async search(id: string): Promise<Order | undefined> {
    const document = await this.store.get(PREFIX + id);
    return document === undefined ? undefined : Order.fromPrimitives(JSON.parse(document) as OrderPrimitives);
  }

  async searchAll(): Promise<Order[]> {
    const orders: Order[] = [];
    for (const key of (await this.store.keys(PREFIX)).sort()) {
      const order = await this.search(key.slice(PREFIX.length));
      if (order) orders.push(order);
    }
    return orders.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
// #endregion key-value-order-repository
