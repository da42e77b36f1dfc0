import { Order } from '../domain/Order.ts';
import type { OrderPrimitives } from '../domain/Order.ts';
import type { OrderRepository } from '../domain/OrderRepository.ts';

/** Adaptador en memoria: guarda copias planas (como haría una base de datos), no el objeto vivo. */
export class InMemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, OrderPrimitives>();

  async save(order: Order): Promise<void> {
    this.orders.set(order.id, structuredClone(order.toPrimitives()));
  }

  async search(id: string): Promise<Order | undefined> {
    const data = this.orders.get(id);
    return data ? Order.fromPrimitives(structuredClone(data)) : undefined;
  }

  /** Por fecha de creación, como el adaptador de PostgreSQL (ORDER BY created_at, id): lo exige el contrato. */
  async searchAll(): Promise<Order[]> {
    return [...this.orders.values()]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((data) => Order.fromPrimitives(structuredClone(data)));
  }
}
