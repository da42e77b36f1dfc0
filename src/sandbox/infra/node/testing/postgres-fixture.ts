// Two tiny services that use `pg` (node-postgres) the way labs 21-23 do: a Pool on DATABASE_URL,
// migrations at start, a transaction (order + outbox row) that commits or rolls back, and errors
// read as pg's DatabaseError. Each owns its database (database per service) and both create a
// table named `orders`: with a shared database the second migration would clash. Used by the
// WebContainer engine's PostgreSQL test (PGlite in the container's host process) and the Node
// runner's (the real server, or PGlite when it does not answer): the same code and answers.
//   orders     POST /orders?id=…&total=…[&fail=1]  BEGIN; INSERT order; INSERT outbox; COMMIT (fail: ROLLBACK)
//              GET /orders → { orders: [{ id, total }], outbox }; GET /bad-sql; GET /other-database
//   payments   GET /tables → its own tables; POST /payments?order=… → its own `orders` table
import type { FileTree } from '../../../contract/index.ts';

const prelude = `import { createServer } from 'node:http';
import pg from 'pg';
const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
/** What a learner reads from a failed query. */
const describe = (error: unknown) => {
  const e = error as { code?: string; message: string; constraint?: string; detail?: string; position?: string; severity?: string };
  return { name: (error as Error).constructor.name, isDatabaseError: error instanceof pg.DatabaseError, code: e.code, message: e.message, constraint: e.constraint, detail: e.detail, position: e.position, severity: e.severity };
};
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
`;

const orders = `${prelude}
// Migrations at start, each once (a table of applied ids), as a lab's migrate.ts does.
const migrations: Array<[string, string]> = [
  ['001_orders', 'CREATE TABLE orders (id text PRIMARY KEY, total numeric(10,2) NOT NULL CHECK (total >= 0), created_at timestamptz NOT NULL DEFAULT now())'],
  ['002_outbox', 'CREATE TABLE outbox (id bigserial PRIMARY KEY, type text NOT NULL, payload jsonb NOT NULL)'],
];
await pool.query('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY)');
for (const [id, sql] of migrations) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const done = await client.query('SELECT 1 FROM schema_migrations WHERE id = $1', [id]);
    if (done.rowCount === 0) {
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [id]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    if (req.method === 'POST' && url.pathname === '/orders') {
      const id = url.searchParams.get('id')!;
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const inserted = await client.query<{ id: string; total: string; created_at: Date }>('INSERT INTO orders (id, total) VALUES ($1, $2) RETURNING id, total, created_at', [id, url.searchParams.get('total')]);
        await client.query('INSERT INTO outbox (type, payload) VALUES ($1, $2)', ['OrderPlaced', { id, total: inserted.rows[0]!.total }]);
        if (url.searchParams.get('fail')) throw new Error('the broker is down');
        await client.query('COMMIT');
        const row = inserted.rows[0]!;
        return json(res, 201, { id: row.id, total: row.total, totalType: typeof row.total, createdAtIsDate: row.created_at instanceof Date });
      } catch (error) {
        await client.query('ROLLBACK');
        return json(res, 409, describe(error));
      } finally {
        client.release();
      }
    }
    if (req.method === 'GET' && url.pathname === '/orders') {
      const rows = await pool.query('SELECT id, total FROM orders ORDER BY id');
      const outbox = await pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox');
      const payloads = await pool.query<{ payload: { id: string } }>('SELECT payload FROM outbox ORDER BY id');
      return json(res, 200, { orders: rows.rows, outbox: Number(outbox.rows[0]!.n), outboxIds: payloads.rows.map((row) => row.payload.id) });
    }
    if (url.pathname === '/bad-sql') {
      try {
        await pool.query('SELEC id FROM orders');
        return json(res, 200, { ran: true });
      } catch (error) {
        return json(res, 400, describe(error));
      }
    }
    if (url.pathname === '/other-database') {
      const other = new pg.Client({ connectionString: process.env.DATABASE_URL!.replace(/[^/]+$/, 'no_such_database_here') });
      try {
        await other.connect();
        return json(res, 200, { connected: true });
      } catch (error) {
        return json(res, 400, describe(error));
      } finally {
        await other.end().catch(() => undefined);
      }
    }
    json(res, 404, { error: 'not found' });
  } catch (error) {
    json(res, 500, describe(error));
  }
}).listen(Number(process.env.PORT));
`;

const payments = `${prelude}
// Its own table named orders: only possible because this database is not the orders service's.
await pool.query('CREATE TABLE IF NOT EXISTS orders (payment_id serial PRIMARY KEY, order_id text NOT NULL)');

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    if (url.pathname === '/tables') {
      const tables = await pool.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1");
      const columns = await pool.query<{ name: string }>("SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'orders' ORDER BY ordinal_position");
      return json(res, 200, { tables: tables.rows.map((row) => row.name), orderColumns: columns.rows.map((row) => row.name) });
    }
    if (req.method === 'POST' && url.pathname === '/payments') {
      const result = await pool.query('INSERT INTO orders (order_id) VALUES ($1) RETURNING payment_id', [url.searchParams.get('order')]);
      return json(res, 201, result.rows[0]);
    }
    json(res, 404, { error: 'not found' });
  } catch (error) {
    json(res, 500, describe(error));
  }
}).listen(Number(process.env.PORT));
`;

export function postgresFixture(ports = { orders: 3311, payments: 3312 }) {
  const tree: FileTree = {
    'package.json': JSON.stringify({ name: 'pg-fixture', private: true, type: 'module' }),
    'orders/src/server.ts': orders,
    'payments/src/server.ts': payments,
  };
  const services = [
    { name: 'orders', dir: 'orders', port: ports.orders, env: {} as Record<string, string> },
    { name: 'payments', dir: 'payments', port: ports.payments, env: {} as Record<string, string> },
  ];
  return { tree, services, infrastructure: { postgres: { databases: { orders: 'orders', payments: 'payments' } } } };
}
