/**
 * Worker script for pg-browser.test.ts: a "service" that imports node-postgres (bundled for the
 * browser) and talks to the page's PostgresHost through the MessagePort it is given.
 */
import { createPgModule } from '../postgres/client.ts';
import { connectInfrastructure, type PortLike } from '../port.ts';

self.addEventListener('message', async (event: MessageEvent<{ port: MessagePort }>) => {
  const channels = connectInfrastructure(event.data.port as unknown as PortLike);
  const pg = createPgModule(channels.postgres);
  const pool = new pg.Pool({ connectionString: 'postgres://postgres@localhost:5432/orders' });
  const report: Record<string, unknown> = {};
  try {
    await pool.query(
      'CREATE TABLE products (id serial PRIMARY KEY, sku text UNIQUE NOT NULL, price numeric(8,2) NOT NULL, stock bigint NOT NULL, meta jsonb)',
    );
    const inserted = await pool.query('INSERT INTO products (sku, price, stock, meta) VALUES ($1, $2, $3, $4) RETURNING *', [
      'PIZ-1', '12.5', '9007199254740993', { vegano: true },
    ]);
    report.inserted = inserted.rows;
    report.rowCount = inserted.rowCount;
    const duplicate = (await pool
      .query('INSERT INTO products (sku, price, stock) VALUES ($1, 1, 1)', ['PIZ-1'])
      .catch((error: unknown) => error)) as Record<string, unknown>;
    report.duplicate = {
      isDatabaseError: duplicate instanceof pg.DatabaseError,
      code: duplicate.code,
      constraint: duplicate.constraint,
      message: duplicate.message,
      detail: duplicate.detail,
    };
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query("INSERT INTO products (sku, price, stock) VALUES ('TMP', 1, 1)");
    await client.query('ROLLBACK');
    client.release();
    report.afterRollback = (await pool.query('SELECT sku FROM products ORDER BY sku')).rows;
  } catch (error) {
    report.failure = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
  } finally {
    await pool.end();
  }
  self.postMessage(report);
});
