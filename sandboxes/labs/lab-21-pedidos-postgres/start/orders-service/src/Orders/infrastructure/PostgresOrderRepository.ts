import type pg from 'pg';
import { Order } from '../domain/Order.ts';
import type { OrderRepository } from '../domain/OrderRepository.ts';

type OrderRow = {
  id: string;
  customer_email: string;
  status: 'created' | 'cancelled';
  created_at: Date;
  lines: Array<{ productId: string; name: string; unitPrice: number; quantity: number }>;
};

// #region select-orders
// Un pedido y sus líneas en una sola consulta: json_agg junta las líneas en orden. Las líneas
// salen de json_build_object, así que unit_price llega como número JSON y no como el string con el
// que pg entrega un numeric suelto.
const SELECT_ORDERS = `
  SELECT o.id, o.customer_email, o.status, o.created_at,
         coalesce(json_agg(json_build_object('productId', l.product_id, 'name', l.name, 'unitPrice', l.unit_price, 'quantity', l.quantity)
                  ORDER BY l.position) FILTER (WHERE l.order_id IS NOT NULL), '[]') AS lines
    FROM orders o
    LEFT JOIN order_lines l ON l.order_id = o.id`;
// #endregion select-orders

/** Adaptador PostgreSQL del puerto OrderRepository (pg, node-postgres). El dominio no sabe que existe. */
export class PostgresOrderRepository implements OrderRepository {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async save(order: Order): Promise<void> {
    // Paso 2 del laboratorio: guarda el pedido (fila de orders) y sus líneas (order_lines) en UNA
    // transacción, con un cliente del pool: BEGIN, INSERT … ON CONFLICT (id) DO UPDATE, DELETE de las
    // líneas, un INSERT por línea con su position, COMMIT; ROLLBACK si algo falla; release() siempre.
    throw new Error(`PostgresOrderRepository.save aún no guarda el pedido ${order.id}: escríbelo (paso 2)`);
  }

  async search(id: string): Promise<Order | undefined> {
    const { rows } = await this.pool.query<OrderRow>(`${SELECT_ORDERS} WHERE o.id = $1 GROUP BY o.id`, [id]);
    return rows[0] ? toOrder(rows[0]) : undefined;
  }

  async searchAll(): Promise<Order[]> {
    const { rows } = await this.pool.query<OrderRow>(`${SELECT_ORDERS} GROUP BY o.id ORDER BY o.created_at, o.id`);
    return rows.map(toOrder);
  }
}

/** De la fila al agregado: timestamptz llega como Date y el dominio guarda ISO 8601. */
function toOrder(row: OrderRow): Order {
  return Order.fromPrimitives({
    id: row.id,
    customerEmail: row.customer_email,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    lines: row.lines,
  });
}
