export type OrderLine = { productId: string; name: string; unitPrice: number; quantity: number };
export type Order = {
  id: string;
  customerEmail: string;
  lines: OrderLine[];
  total: number;
  status: 'created' | 'cancelled';
  createdAt: string;
};

/** Almacenamiento en memoria de orders-service: sus datos son solo suyos. */
export class OrdersStore {
  private readonly orders = new Map<string, Order>();

  save(order: Order): void {
    this.orders.set(order.id, structuredClone(order));
  }

  find(id: string): Order | undefined {
    const order = this.orders.get(id);
    return order ? structuredClone(order) : undefined;
  }

  list(): Order[] {
    return [...this.orders.values()].map((order) => structuredClone(order));
  }
}
