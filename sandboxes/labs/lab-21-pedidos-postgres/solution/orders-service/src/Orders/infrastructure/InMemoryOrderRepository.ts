import { ConcurrencyError } from '../../Shared/infrastructure/persistence/EventStore.ts';
import { Order } from '../domain/Order.ts';
import type { OrderPrimitives } from '../domain/Order.ts';
import type { OrderRepository } from '../domain/OrderRepository.ts';

// #region in-memory-versions
/**
 * Adaptador en memoria: guarda copias planas (como haría una base de datos), no el objeto vivo, y
 * cumple el mismo contrato que el de PostgreSQL, versión incluida: un doble que no detectara
 * conflictos haría pasar tests que en producción fallan.
 */
export class InMemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, { data: OrderPrimitives; version: number }>();
  private readonly loadedVersions = new WeakMap<Order, number>();

  async save(order: Order): Promise<void> {
    const stored = this.orders.get(order.id);
    const loadedVersion = this.loadedVersions.get(order) ?? 0;
    const currentVersion = stored?.version ?? 0;
    if (currentVersion !== loadedVersion) throw new ConcurrencyError(order.id, loadedVersion, currentVersion);
    this.orders.set(order.id, { data: structuredClone(order.toPrimitives()), version: currentVersion + 1 });
    this.loadedVersions.set(order, currentVersion + 1);
  }
  // #endregion in-memory-versions

  async search(id: string): Promise<Order | undefined> {
    const stored = this.orders.get(id);
    return stored ? this.load(stored) : undefined;
  }

  /** Por fecha de creación, como el adaptador de PostgreSQL (ORDER BY created_at, id): lo exige el contrato. */
  async searchAll(): Promise<Order[]> {
    return [...this.orders.values()]
      .sort((a, b) => a.data.createdAt.localeCompare(b.data.createdAt) || a.data.id.localeCompare(b.data.id))
      .map((stored) => this.load(stored));
  }

  private load(stored: { data: OrderPrimitives; version: number }): Order {
    const order = Order.fromPrimitives(structuredClone(stored.data));
    this.loadedVersions.set(order, stored.version);
    return order;
  }
}
