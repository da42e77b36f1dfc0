/** Una migración: un cambio del esquema con número fijo. Una vez aplicada en algún sitio, no se edita nunca: se añade otra. */
export type Migration = { id: number; name: string; sql: string };

// #region migrations
// El esquema de orders-service en el proyecto final. Solo orders-service lee y escribe estas tablas
// (database per service): nadie más hace JOIN con ellas, se enteran por la API o por eventos.
export const migrations: Migration[] = [
  {
    // El lado de escritura: el pedido (con su versión, para el bloqueo optimista) y sus líneas.
    id: 1,
    name: 'create-orders',
    sql: `
      CREATE TABLE orders (
        id text PRIMARY KEY,
        customer_email text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'stock_reserved', 'paid', 'cancelled')),
        cancellation_reason text,
        created_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      );
      CREATE TABLE order_lines (
        order_id text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        position integer NOT NULL,
        product_id text NOT NULL,
        name text NOT NULL,
        unit_price numeric(10, 2) NOT NULL CHECK (unit_price >= 0),
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
        PRIMARY KEY (order_id, position)
      );`,
  },
  {
    // El outbox: los eventos que hay que publicar, escritos en la misma transacción que el cambio que
    // los produce. position da el orden; sent_at nula = pendiente; el índice parcial solo guarda esas.
    id: 2,
    name: 'outbox',
    sql: `
      CREATE TABLE outbox (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL UNIQUE,
        event_name text NOT NULL,
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0
      );
      CREATE INDEX outbox_pending_idx ON outbox (position) WHERE sent_at IS NULL;`,
  },
  {
    // El lado de lectura (CQRS): una fila por pedido con lo que pide «mis pedidos», ya calculado.
    id: 3,
    name: 'customer-orders-view',
    sql: `
      CREATE TABLE customer_orders (
        order_id text PRIMARY KEY,
        customer_email text NOT NULL,
        status text NOT NULL,
        total numeric(10, 2) NOT NULL,
        item_count integer NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX customer_orders_email_idx ON customer_orders (customer_email, created_at);`,
  },
];
// #endregion migrations
