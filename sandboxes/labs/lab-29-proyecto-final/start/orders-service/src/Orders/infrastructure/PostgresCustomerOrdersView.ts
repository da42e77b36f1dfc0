import type pg from 'pg';
import type { OrderStatus } from '../domain/Order.ts';
import type { CustomerOrderSummary, CustomerOrdersView } from '../application/SearchByCustomer/CustomerOrdersView.ts';

type SummaryRow = { order_id: string; customer_email: string; status: OrderStatus; total: string; item_count: number; created_at: Date };

/**
 * El modelo de lectura de «mis pedidos» en su propia tabla (customer_orders): la proyección la
 * mantiene con los eventos del pedido y la consulta no toca las tablas del agregado. Sobrevive a un
 * reinicio de orders-service, como los pedidos.
 */
export class PostgresCustomerOrdersView implements CustomerOrdersView {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async upsert(summary: CustomerOrderSummary): Promise<void> {
    await this.pool.query(
      `INSERT INTO customer_orders (order_id, customer_email, status, total, item_count, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, total = EXCLUDED.total, item_count = EXCLUDED.item_count`,
      [summary.orderId, summary.customerEmail, summary.status, summary.total, summary.itemCount, summary.createdAt],
    );
  }

  async byOrderId(orderId: string): Promise<CustomerOrderSummary | undefined> {
    const { rows } = await this.pool.query<SummaryRow>('SELECT * FROM customer_orders WHERE order_id = $1', [orderId]);
    return rows[0] ? toSummary(rows[0]) : undefined;
  }

  async byCustomer(customerEmail: string): Promise<CustomerOrderSummary[]> {
    const { rows } = await this.pool.query<SummaryRow>('SELECT * FROM customer_orders WHERE customer_email = $1 ORDER BY created_at, order_id', [customerEmail]);
    return rows.map(toSummary);
  }
}

/** numeric llega de pg como string (para no perder decimales): el total es un importe con dos. */
const toSummary = (row: SummaryRow): CustomerOrderSummary => ({
  orderId: row.order_id,
  customerEmail: row.customer_email,
  status: row.status,
  total: Number(row.total),
  itemCount: row.item_count,
  createdAt: row.created_at.toISOString(),
});
