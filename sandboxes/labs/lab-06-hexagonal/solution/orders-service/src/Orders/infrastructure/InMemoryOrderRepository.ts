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

  async searchAll(): Promise<Order[]> {
    return [...this.orders.values()].map((data) => Order.fromPrimitives(structuredClone(data)));
  }
}
