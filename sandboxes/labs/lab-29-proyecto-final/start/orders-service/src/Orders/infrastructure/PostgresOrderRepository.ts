import type pg from 'pg';
import { ConcurrencyError } from '../../Shared/infrastructure/persistence/ConcurrencyError.ts';
import { Order } from '../domain/Order.ts';
import type { CancellationReason, OrderStatus } from '../domain/Order.ts';
import type { OrderRepository } from '../domain/OrderRepository.ts';

type OrderRow = {
  id: string;
  customer_email: string;
  status: OrderStatus;
  cancellation_reason: CancellationReason | null;
  created_at: Date;
  version: number;
  lines: Array<{ productId: string; name: string; unitPrice: number; quantity: number }>;
};

// #region select-orders
// Un pedido y sus líneas en una sola consulta: json_agg junta las líneas en orden. Las líneas
// salen de json_build_object, así que unit_price llega como número JSON y no como el string con el
// que pg entrega un numeric suelto.
const SELECT_ORDERS = `
  SELECT o.id, o.customer_email, o.status, o.cancellation_reason, o.created_at, o.version,
         coalesce(json_agg(json_build_object('productId', l.product_id, 'name', l.name, 'unitPrice', l.unit_price, 'quantity', l.quantity)
                  ORDER BY l.position) FILTER (WHERE l.order_id IS NOT NULL), '[]') AS lines
    FROM orders o
    LEFT JOIN order_lines l ON l.order_id = o.id`;
// #endregion select-orders

const UNIQUE_VIOLATION = '23505';

/** Adaptador PostgreSQL del puerto OrderRepository (pg, node-postgres). El dominio no sabe que existe. */
export class PostgresOrderRepository implements OrderRepository {
  private readonly pool: pg.Pool;
  /**
   * La versión con la que se leyó cada pedido. Vive en el adaptador, no en el agregado (como la
   * sesión de SQLAlchemy recuerda el estado con el que cargó cada objeto): el dominio no sabe nada
   * de bloqueos. WeakMap, para que un pedido que ya nadie usa no se quede aquí para siempre.
   */
  private readonly loadedVersions = new WeakMap<Order, number>();

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  // #region save
  async save(order: Order): Promise<void> {
    const data = order.toPrimitives();
    const loadedVersion = this.loadedVersions.get(order);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (loadedVersion === undefined) {
        // Un pedido nuevo: nace en la versión 1. Si el id ya existe, otro lo creó antes: conflicto.
        await client.query('INSERT INTO orders (id, customer_email, status, cancellation_reason, created_at, version) VALUES ($1, $2, $3, $4, $5, 1)', [
          data.id,
          data.customerEmail,
          data.status,
          data.cancellationReason ?? null,
          data.createdAt,
        ]);
      } else {
        // Solo escribe si nadie lo cambió desde que lo leímos: la versión es la de entonces.
        const updated = await client.query('UPDATE orders SET customer_email = $2, status = $3, cancellation_reason = $4, version = version + 1 WHERE id = $1 AND version = $5', [
          data.id,
          data.customerEmail,
          data.status,
          data.cancellationReason ?? null,
          loadedVersion,
        ]);
        if (updated.rowCount === 0) throw new ConcurrencyError(data.id, loadedVersion, await this.currentVersion(client, data.id));
      }
      await client.query('DELETE FROM order_lines WHERE order_id = $1', [data.id]);
      for (const [position, line] of data.lines.entries()) {
        await client.query('INSERT INTO order_lines (order_id, position, product_id, name, unit_price, quantity) VALUES ($1, $2, $3, $4, $5, $6)', [
          data.id,
          position,
          line.productId,
          line.name,
          line.unitPrice,
          line.quantity,
        ]);
      }
      // #region outbox-insert
      // El outbox: los eventos del pedido, en la MISMA transacción. O quedan el pedido y sus eventos, o nada.
      for (const event of order.peekDomainEvents()) {
        await client.query('INSERT INTO outbox (event_id, event_name, aggregate_id, payload, occurred_at) VALUES ($1, $2, $3, $4, $5)', [
          event.eventId,
          event.eventName,
          event.aggregateId,
          JSON.stringify(event),
          event.occurredOn,
        ]);
      }
      // #endregion outbox-insert
      await client.query('COMMIT');
      this.loadedVersions.set(order, (loadedVersion ?? 0) + 1);
    } catch (error) {
      await client.query('ROLLBACK');
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ConcurrencyError(data.id, 0, await this.currentVersion(this.pool, data.id));
      throw error;
    } finally {
      client.release();
    }
  }
  // #endregion save

  async search(id: string): Promise<Order | undefined> {
    const { rows } = await this.pool.query<OrderRow>(`${SELECT_ORDERS} WHERE o.id = $1 GROUP BY o.id`, [id]);
    return rows[0] ? this.toOrder(rows[0]) : undefined;
  }

  async searchAll(): Promise<Order[]> {
    const { rows } = await this.pool.query<OrderRow>(`${SELECT_ORDERS} GROUP BY o.id ORDER BY o.created_at, o.id`);
    return rows.map((row) => this.toOrder(row));
  }

  private async currentVersion(db: pg.Pool | pg.PoolClient, id: string): Promise<number> {
    const { rows } = await db.query<{ version: number }>('SELECT version FROM orders WHERE id = $1', [id]);
    return rows[0]?.version ?? 0;
  }

  /** De la fila al agregado: timestamptz llega como Date y el dominio guarda ISO 8601. */
  private toOrder(row: OrderRow): Order {
    const order = Order.fromPrimitives({
      id: row.id,
      customerEmail: row.customer_email,
      status: row.status,
      ...(row.cancellation_reason === null ? {} : { cancellationReason: row.cancellation_reason }),
      createdAt: row.created_at.toISOString(),
      lines: row.lines,
    });
    this.loadedVersions.set(order, row.version);
    return order;
  }
}
