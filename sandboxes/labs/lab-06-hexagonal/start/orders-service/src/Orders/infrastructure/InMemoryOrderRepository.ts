// Pedidos como objetos planos, sin reglas propias: cualquiera que tenga uno puede cambiarlo a su antojo.
export type OrderRecord = {
  id: string;
  customerEmail: string;
  lines: Array<{ productId: string; name: string; unitPrice: number; quantity: number }>;
  total: number;
  status: 'created' | 'cancelled';
  createdAt: string;
};

export class InMemoryOrderRepository {
  private readonly orders = new Map<string, OrderRecord>();

  async save(order: OrderRecord): Promise<void> {
    this.orders.set(order.id, structuredClone(order));
  }

  async search(id: string): Promise<OrderRecord | undefined> {
    const order = this.orders.get(id);
    return order ? structuredClone(order) : undefined;
  }

  async searchAll(): Promise<OrderRecord[]> {
    return [...this.orders.values()].map((order) => structuredClone(order));
  }
}
