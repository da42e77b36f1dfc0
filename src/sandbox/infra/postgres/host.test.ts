/**
 * What only the emulation has: databases per service, persistence across service restarts and
 * host restarts (a data directory on disk in Node; IndexedDB behind the same interface in the
 * browser), reset, the panel's snapshot, and the one-transaction-at-a-time rule.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessChannel } from '../channel.ts';
import { createPgModule } from './client.ts';
import { PostgresHost } from './host.ts';
import { nodeStorage } from './node-storage.ts';
import { createTemplate } from './template.ts';
import { realPostgresUrl } from '../testing/servers.ts';

let root: string;
let template: Blob;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pg-host-test-'));
  template = await createTemplate('none');
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function connect(host: PostgresHost, database: string, options: pg.PoolConfig = {}) {
  const { Pool } = createPgModule(createInProcessChannel(host));
  return new Pool({ connectionString: `postgres://postgres@localhost:5432/${database}`, ...options });
}

describe('PostgresHost', () => {
  it('starts from the trimmed template (short WAL segment, no template databases), writes past it and reopens', async () => {
    const storage = nodeStorage(path.join(root, 'lab-wal'));
    const options = { storage, template: async () => template, databases: ['orders'] };
    let host = new PostgresHost(options);
    let pool = connect(host, 'orders');
    await pool.query('CREATE TABLE filler (id serial PRIMARY KEY, body text)');
    const { rows: [before] } = await pool.query('SELECT pg_current_wal_lsn()::text AS lsn');
    // About 24 MB of WAL: past the kept pages and into the next segments.
    for (let i = 0; i < 24; i++) await pool.query("INSERT INTO filler (body) SELECT repeat('x', 1000) FROM generate_series(1, 1000)");
    const { rows: [after] } = await pool.query('SELECT pg_current_wal_lsn()::text AS lsn');
    const segment = (lsn: string) => Number.parseInt(lsn.split('/')[1]!, 16) >> 24;
    expect(segment(after.lsn)).toBeGreaterThan(segment(before.lsn));
    await pool.end();
    await host.close();
    host = new PostgresHost(options);
    pool = connect(host, 'orders');
    expect((await pool.query('SELECT count(*)::int AS n FROM filler')).rows).toEqual([{ n: 24_000 }]);
    await pool.end();
    await host.close();
  }, 120_000);

  it('in memory, each database gets its own copy of the template’s files (written in place, grown, reset)', async () => {
    // The gzip dump, as the browser downloads it: the host gunzips it itself.
    const gzipped = await createTemplate('gzip');
    const host = new PostgresHost({ template: async () => gzipped, databases: ['orders', 'products'] });
    const orders = connect(host, 'orders');
    await orders.query('CREATE TABLE orders (id serial PRIMARY KEY, total numeric NOT NULL)');
    await orders.query("INSERT INTO orders (total) SELECT 1.5 FROM generate_series(1, 5000)");
    // The catalog pages go back to the files that came from the template: in place and past their end.
    await orders.query('CHECKPOINT');
    const products = connect(host, 'products');
    await expect(products.query('SELECT * FROM orders')).rejects.toMatchObject({ code: '42P01' });
    expect((await products.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'orders'")).rows).toEqual([{ n: 0 }]);
    expect((await orders.query('SELECT count(*)::int AS n, sum(total)::text AS sum FROM orders')).rows).toEqual([{ n: 5000, sum: '7500.0' }]);
    await orders.end();
    await host.reset('orders');
    const again = connect(host, 'orders');
    await expect(again.query('SELECT * FROM orders')).rejects.toMatchObject({ code: '42P01' });
    await Promise.all([again.end(), products.end()]);
    await host.close();
  }, 60_000);

  it('keeps data across service restarts and host restarts, per database, until reset', async () => {
    const storage = nodeStorage(path.join(root, 'lab-a'));
    const options = { storage, template: async () => template, databases: ['orders', 'products'] };
    let host = new PostgresHost(options);

    let orders = connect(host, 'orders');
    await orders.query('CREATE TABLE orders (id serial PRIMARY KEY, total numeric NOT NULL)');
    await orders.query('INSERT INTO orders (total) VALUES ($1)', ['10.5']);
    await orders.end(); // the service stops

    orders = connect(host, 'orders'); // …and starts again
    expect((await orders.query('SELECT total FROM orders')).rows).toEqual([{ total: '10.5' }]);
    await orders.end();

    // Database per service: products cannot see the orders table.
    const products = connect(host, 'products');
    await expect(products.query('SELECT * FROM orders')).rejects.toMatchObject({ code: '42P01' });
    await products.end();

    await host.close(); // the page reloads
    host = new PostgresHost(options);
    orders = connect(host, 'orders');
    expect((await orders.query('SELECT total FROM orders')).rows).toEqual([{ total: '10.5' }]);
    await orders.end();

    await host.reset('orders');
    orders = connect(host, 'orders');
    await expect(orders.query('SELECT * FROM orders')).rejects.toMatchObject({
      code: '42P01',
      message: 'relation "orders" does not exist',
    });
    await orders.end();
    await host.close();
  }, 60_000);

  it('prepare applies a service’s pending migrations at start, once, and they survive restarts', async () => {
    const storage = nodeStorage(path.join(root, 'lab-migrations'));
    const migrations = [
      { id: '001_orders', sql: 'CREATE TABLE orders (id serial PRIMARY KEY, status text NOT NULL); CREATE INDEX ON orders (status)' },
      { id: '002_outbox', sql: 'CREATE TABLE outbox (id serial PRIMARY KEY, payload jsonb NOT NULL)' },
    ];
    let host = new PostgresHost({ storage, template: async () => template });
    expect(await host.prepare('orders', migrations)).toEqual(['001_orders', '002_outbox']);
    const pool = connect(host, 'orders');
    await pool.query("INSERT INTO orders (status) VALUES ('CREATED')");
    await pool.end();
    await host.close();

    host = new PostgresHost({ storage, template: async () => template });
    const more = [...migrations, { id: '003_total', sql: 'ALTER TABLE orders ADD COLUMN total numeric NOT NULL DEFAULT 0' }];
    expect(await host.prepare('orders', more)).toEqual(['003_total']);
    const after = connect(host, 'orders');
    expect((await after.query('SELECT status, total FROM orders')).rows).toEqual([{ status: 'CREATED', total: '0' }]);
    await expect(host.prepare('orders', [{ id: '004_bad', sql: 'ALTER TABLE nope ADD x int' }])).rejects.toThrow(
      'Migration 004_bad failed: relation "nope" does not exist',
    );
    // A failed migration leaves the database usable and the session free.
    expect((await after.query('SELECT count(*)::int AS n FROM orders')).rows).toEqual([{ n: 1 }]);
    await after.end();
    await host.close();
  }, 120_000);

  it('an undeclared database fails to connect with the server’s 3D000 error', async () => {
    const host = new PostgresHost({ template: async () => template, databases: ['orders'] });
    const emulated = connect(host, 'nadie');
    const missing = new URL(realPostgresUrl);
    missing.pathname = '/nadie_no_existe';
    const real = new pg.Pool({ connectionString: missing.href });
    const [fromEmulation, fromServer] = (await Promise.all([
      emulated.query('SELECT 1').catch((e: unknown) => e),
      real.query('SELECT 1').catch((e: unknown) => e),
    ])) as pg.DatabaseError[];
    expect(fromEmulation).toBeInstanceOf(pg.DatabaseError);
    expect(fromEmulation.code).toBe(fromServer.code);
    expect(fromEmulation.code).toBe('3D000');
    expect(fromEmulation.message).toBe('database "nadie" does not exist');
    expect(fromServer.message).toBe('database "nadie_no_existe" does not exist');
    await Promise.all([emulated.end(), real.end(), host.close()]);
  }, 60_000);

  it('snapshot lists tables with row counts and first rows as text', async () => {
    const host = new PostgresHost({ template: async () => template });
    const pool = connect(host, 'orders');
    await pool.query(`CREATE TABLE orders (id serial PRIMARY KEY, total numeric(6,2), placed_at timestamptz, meta jsonb);
      CREATE TABLE empty_table (x int)`);
    await pool.query("INSERT INTO orders (total, placed_at, meta) VALUES (12.5, '2026-01-02T03:04:05Z', '{\"a\":1}'), (3, NULL, NULL)");
    const snapshot = await host.snapshot('orders', 1);
    expect(snapshot).toEqual([
      { schema: 'public', table: 'empty_table', rowCount: 0, columns: ['x'], rows: [] },
      {
        schema: 'public',
        table: 'orders',
        rowCount: 2,
        columns: ['id', 'total', 'placed_at', 'meta'],
        rows: [['1', '12.50', '2026-01-02 03:04:05+00', '{"a": 1}']],
      },
    ]);
    await pool.end();
    await host.close();
  }, 60_000);

  it('a connection that ends inside a transaction is rolled back and frees the database', async () => {
    const host = new PostgresHost({ template: async () => template });
    const pool = connect(host, 'orders');
    await pool.query('CREATE TABLE t (x int)');
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES (1)');
    client.release(true); // destroys the connection without COMMIT
    expect((await pool.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    await pool.end();
    await host.close();
  }, 60_000);

  it('a query that waits on another connection’s open transaction fails after the limit, saying why', async () => {
    const host = new PostgresHost({ template: async () => template, lockWaitTimeoutMs: 300 });
    const pool = connect(host, 'orders', { max: 2 });
    await pool.query('CREATE TABLE t (x int)');
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES (1)');
    const error = (await pool.query('SELECT count(*) FROM t').catch((e: unknown) => e)) as pg.DatabaseError;
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect(error.code).toBe('55P03');
    expect(error.message).toMatch(/one transaction at a time per database/);
    await client.query('COMMIT');
    client.release();
    expect((await pool.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 1 }]);
    await pool.end();
    await host.close();
  }, 60_000);
});
