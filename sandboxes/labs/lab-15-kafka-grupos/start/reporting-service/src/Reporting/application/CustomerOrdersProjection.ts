import type { LogPosition, OrderEvent } from './OrderEvent.ts';

export type OrderRow = {
  orderId: string;
  /** null si llegó la cancelación de un pedido cuyo OrderPlaced no hemos visto. */
  customerEmail: string | null;
  status: 'placed' | 'cancelled';
  total: number;
  /** Particiones de las que llegaron sus eventos: con la clave bien puesta, siempre una. */
  partitions: number[];
  /** Tipos de sus eventos en el orden en que se aplicaron. */
  events: string[];
};

export type CustomerSummary = { orders: number; cancelled: number; active: number; activeTotal: number };

// #region projection
/**
 * El modelo de lectura «pedidos por cliente», construido solo con eventos. Aplica cada evento tal
 * como llega: si los eventos de un pedido llegan desordenados (la cancelación antes que el alta) o
 * los lee otra réplica, el resultado es incorrecto, y eso es lo que el laboratorio hace ver.
 */
export class CustomerOrdersProjection {
  private readonly orders = new Map<string, OrderRow>();
  private applied = 0;

  apply(event: OrderEvent, position: LogPosition): void {
    this.applied++;
    const row = this.orders.get(event.orderId);
    if (event.type === 'com.foodly.order.placed') {
      const next: OrderRow = row ?? { orderId: event.orderId, customerEmail: null, status: 'placed', total: 0, partitions: [], events: [] };
      next.customerEmail = event.customerEmail;
      next.total = event.total;
      next.status = 'placed';
      this.track(next, event.type, position);
      this.orders.set(event.orderId, next);
      return;
    }
    if (!row) {
      console.warn(`[reporting] cancelación del pedido ${event.orderId} sin haber visto su alta (partición ${position.partition}, offset ${position.offset})`);
    }
    const next: OrderRow = row ?? { orderId: event.orderId, customerEmail: null, status: 'cancelled', total: 0, partitions: [], events: [] };
    next.status = 'cancelled';
    this.track(next, event.type, position);
    this.orders.set(event.orderId, next);
  }
  // #endregion projection

  private track(row: OrderRow, type: string, position: LogPosition): void {
    if (!row.partitions.includes(position.partition)) row.partitions.push(position.partition);
    row.events.push(type.replace(/^com\.foodly\./, ''));
  }

  get eventsApplied(): number {
    return this.applied;
  }

  /** Pedidos por cliente (ordenados por email) y pedidos de cliente desconocido. */
  snapshot() {
    const customers: Record<string, CustomerSummary> = {};
    const orders = [...this.orders.values()].sort((a, b) => a.orderId.localeCompare(b.orderId));
    for (const row of orders) {
      if (row.customerEmail === null) continue;
      const summary = (customers[row.customerEmail] ??= { orders: 0, cancelled: 0, active: 0, activeTotal: 0 });
      summary.orders++;
      if (row.status === 'cancelled') summary.cancelled++;
      else {
        summary.active++;
        summary.activeTotal += row.total;
      }
    }
    const sorted = Object.fromEntries(Object.entries(customers).sort(([a], [b]) => a.localeCompare(b)));
    return {
      customers: sorted,
      orders: orders.map((row) => ({ ...row, partitions: [...row.partitions], events: [...row.events] })),
      unknownOrders: orders.filter((row) => row.customerEmail === null).map((row) => row.orderId),
    };
  }
}
