// Migrations applied at start, each once and in its own transaction (the same code runs against a
// PostgreSQL server and against the sandbox's).
import type pg from 'pg';

const migrations = [
  {
    id: 1,
    sql: `CREATE TABLE orders (
      id serial PRIMARY KEY,
      item text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      status text NOT NULL DEFAULT 'placed',
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
  },
  { id: 2, sql: 'CREATE TABLE order_events (id serial PRIMARY KEY, order_id integer NOT NULL REFERENCES orders (id), type text NOT NULL)' },
];

export async function migrate(pool: pg.Pool): Promise<void> {
  await pool.query('CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const { rows } = await pool.query<{ id: number }>('SELECT id FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.id));
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      await client.query('COMMIT');
      console.log(`migración ${migration.id} aplicada`);
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
}
