/**
 * One suite, three backings: node-postgres against the PostgreSQL server on 127.0.0.1:5432
 * (database `test`, a schema of its own per run, dropped afterwards), the sandbox's `pg` against
 * PostgresHost (PGlite) over a structured-clone channel (the browser engine), and the same over TCP
 * through the Node infrastructure host (what the WebContainer engine and the Node runner's
 * emulation run). A case where they disagree fails.
 */
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectInfrastructure, createInfrastructureServer } from '../port.ts';
import { createPgModule } from './client.ts';
import { PostgresHost } from './host.ts';
import { applyMigrations } from './migrations.ts';
import { realPostgresConfig } from '../testing/servers.ts';
import { startInfrastructureHost } from '../node/host.ts';
import { socketPort } from '../node/socket-port.ts';
import type { PortLike } from '../port.ts';

interface Backing {
  name: string;
  setup(): Promise<{ Pool: typeof pg.Pool; config: pg.PoolConfig; teardown(): Promise<void> }>;
}

const runId = `contract_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

const realServer: Backing = {
  name: 'real PostgreSQL server',
  async setup() {
    const admin = new pg.Client(realPostgresConfig());
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${runId}`);
    return {
      Pool: pg.Pool,
      config: realPostgresConfig(runId),
      async teardown() {
        await admin.query(`DROP SCHEMA ${runId} CASCADE`);
        await admin.end();
      },
    };
  },
};

const emulation: Backing = {
  name: 'sandbox emulation (PostgresHost + PGlite, over a MessagePort)',
  async setup() {
    const host = new PostgresHost({ databases: ['orders'] });
    await host.prepare('orders');
    // A real MessageChannel, as between a service worker and the page that hosts the database.
    const server = createInfrastructureServer({ postgres: host });
    const { port1, port2 } = new MessageChannel();
    server.connect(port1);
    const { Pool } = createPgModule(connectInfrastructure(port2).postgres);
    return {
      Pool: Pool as unknown as typeof pg.Pool,
      config: { connectionString: 'postgres://postgres@localhost:5432/orders' },
      async teardown() {
        await server.disconnect(port1);
        port1.close();
        port2.close();
        await host.close();
      },
    };
  },
};

const overTcp: Backing = {
  name: 'sandbox emulation over TCP (the Node infrastructure host: WebContainer, Node runner)',
  async setup() {
    const host = await startInfrastructureHost({ kinds: ['postgres'], databases: { orders: 'orders-service' } });
    // What infra/node/link.ts's dial('data') does inside a service process.
    const socket = connect({ host: '127.0.0.1', port: host.port });
    socket.write(`${JSON.stringify({ dial: 'data' })}\n`);
    const { Pool } = createPgModule(connectInfrastructure(socketPort(socket, '', { closeMessage: false }) as unknown as PortLike).postgres);
    return {
      Pool: Pool as unknown as typeof pg.Pool,
      config: { connectionString: 'postgres://postgres:postgres@localhost:5432/orders' },
      async teardown() {
        socket.destroy();
        await host.close();
      },
    };
  },
};

/** A config like `config` that names a database nobody created. */
function otherDatabase(config: pg.PoolConfig): pg.ClientConfig {
  const url = new URL(config.connectionString!);
  url.pathname = '/no_such_database_contract';
  return { ...config, connectionString: url.href };
}

describe.each([realServer, emulation, overTcp])('PostgreSQL contract: $name', (backing) => {
  let config: pg.PoolConfig;
  let Client: typeof pg.Client;
  let pool: pg.Pool;
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    const setup = await backing.setup();
    pool = new setup.Pool({ ...setup.config, max: 5 });
    config = setup.config;
    // The Client class of this backing's pg module (the pool's own).
    Client = (pool as unknown as { Client: typeof pg.Client }).Client;
    teardown = setup.teardown;
    await pool.query(`
      CREATE TABLE products (
        id serial PRIMARY KEY,
        sku text NOT NULL UNIQUE,
        name text NOT NULL,
        price numeric(10, 2) NOT NULL,
        stock bigint NOT NULL DEFAULT 0,
        version int NOT NULL DEFAULT 1,
        attributes jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE orders (id serial PRIMARY KEY, product_id int NOT NULL REFERENCES products(id), quantity int NOT NULL);
      CREATE TABLE outbox (id serial PRIMARY KEY, event text NOT NULL, payload jsonb NOT NULL);
      CREATE TABLE counters (name text PRIMARY KEY, value int NOT NULL);
    `);
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await teardown?.();
  });

  it('INSERT … RETURNING answers rows, rowCount and fields', async () => {
    const result = await pool.query(
      'INSERT INTO products (sku, name, price) VALUES ($1, $2, $3) RETURNING id, sku, name',
      ['PIZ-1', "Pizza 'napolitana'", '12.50'],
    );
    expect(result.rowCount).toBe(1);
    expect(result.command).toBe('INSERT');
    expect(result.rows).toEqual([{ id: 1, sku: 'PIZ-1', name: "Pizza 'napolitana'" }]);
    expect(result.fields.map((field) => field.name)).toEqual(['id', 'sku', 'name']);
  });

  it('parameterised SELECT, UPDATE and DELETE report rowCount', async () => {
    await pool.query('INSERT INTO products (sku, name, price) VALUES ($1, $2, $3), ($4, $5, $6)', [
      'EMP-1', 'Empanada', '3.10', 'EMP-2', 'Empanada de queso', '3.40',
    ]);
    const found = await pool.query('SELECT sku FROM products WHERE name LIKE $1 ORDER BY sku', ['Empanada%']);
    expect(found.rows).toEqual([{ sku: 'EMP-1' }, { sku: 'EMP-2' }]);
    expect((await pool.query('UPDATE products SET stock = stock + 1 WHERE sku LIKE $1', ['EMP-%'])).rowCount).toBe(2);
    expect((await pool.query('DELETE FROM products WHERE sku = $1', ['EMP-2'])).rowCount).toBe(1);
    expect((await pool.query('SELECT * FROM products WHERE sku = $1', ['nada'])).rows).toEqual([]);
  });

  it('a unique violation is a DatabaseError 23505 with the constraint, detail and message', async () => {
    const error = (await pool
      .query('INSERT INTO products (sku, name, price) VALUES ($1, $2, $3)', ['PIZ-1', 'Otra', '1'])
      .catch((e: unknown) => e)) as pg.DatabaseError;
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect(error.code).toBe('23505');
    expect(error.constraint).toBe('products_sku_key');
    expect(error.table).toBe('products');
    expect(error.message).toBe('duplicate key value violates unique constraint "products_sku_key"');
    expect(error.detail).toBe('Key (sku)=(PIZ-1) already exists.');
  });

  it('a missing table is 42P01 and a syntax error 42601, with the server message and position', async () => {
    const missing = (await pool.query('SELECT * FROM nope').catch((e: unknown) => e)) as pg.DatabaseError;
    expect(missing).toBeInstanceOf(pg.DatabaseError);
    expect(missing.code).toBe('42P01');
    expect(missing.message).toBe('relation "nope" does not exist');
    expect(missing.position).toBe('15');
    const syntax = (await pool.query('SELEC 1').catch((e: unknown) => e)) as pg.DatabaseError;
    expect(syntax.code).toBe('42601');
    expect(syntax.message).toBe('syntax error at or near "SELEC"');
    const foreign = (await pool
      .query('INSERT INTO orders (product_id, quantity) VALUES (999, 1)')
      .catch((e: unknown) => e)) as pg.DatabaseError;
    expect(foreign.code).toBe('23503');
    expect(foreign.constraint).toBe('orders_product_id_fkey');
    // The pool is still usable after errors.
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('a transaction on one pooled client commits an order and its outbox event together', async () => {
    const client = await pool.connect();
    let orderId: number;
    try {
      await client.query('BEGIN');
      const order = await client.query('INSERT INTO orders (product_id, quantity) VALUES ($1, $2) RETURNING id', [1, 2]);
      await client.query('INSERT INTO outbox (event, payload) VALUES ($1, $2)', [
        'OrderCreated',
        { orderId: order.rows[0].id },
      ]);
      orderId = order.rows[0].id;
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const events = await pool.query("SELECT payload FROM outbox WHERE event = 'OrderCreated'");
    // The failed foreign-key insert above consumed a sequence value on both backings.
    expect(events.rows).toEqual([{ payload: { orderId: orderId! } }]);
    expect(orderId!).toBe(2);
  });

  it('ROLLBACK undoes both writes, and an error aborts the transaction (25P02) until ROLLBACK', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO orders (product_id, quantity) VALUES (1, 99)');
      await client.query("INSERT INTO outbox (event, payload) VALUES ('Rolled', '{}')");
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await expect(client.query('SELECT * FROM nope')).rejects.toMatchObject({ code: '42P01' });
      await expect(client.query('SELECT 1')).rejects.toMatchObject({
        code: '25P02',
        message: 'current transaction is aborted, commands ignored until end of transaction block',
      });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await pool.query('SELECT count(*) FROM orders WHERE quantity = 99')).rows).toEqual([{ count: '0' }]);
    expect((await pool.query("SELECT count(*) FROM outbox WHERE event = 'Rolled'")).rows).toEqual([{ count: '0' }]);
  });

  it('concurrent transactions on separate clients each commit their work', async () => {
    const insertInTransaction = async (n: number) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO outbox (event, payload) VALUES ($1, $2)', ['Concurrent', { n }]);
        await client.query('INSERT INTO outbox (event, payload) VALUES ($1, $2)', ['Concurrent', { n, second: true }]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    await Promise.all([1, 2, 3, 4].map(insertInTransaction));
    const rows = await pool.query("SELECT count(*)::int AS n FROM outbox WHERE event = 'Concurrent'");
    expect(rows.rows[0].n).toBe(8);
  });

  it('SELECT … FOR UPDATE in concurrent transactions loses no increment', async () => {
    await pool.query("INSERT INTO counters VALUES ('visits', 0)");
    const increment = async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query("SELECT value FROM counters WHERE name = 'visits' FOR UPDATE");
        await client.query("UPDATE counters SET value = $1 WHERE name = 'visits'", [rows[0].value + 1]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: 5 }, increment));
    expect((await pool.query("SELECT value FROM counters WHERE name = 'visits'")).rows[0].value).toBe(5);
  });

  it('optimistic locking: UPDATE … WHERE version = $n answers rowCount 0 to the stale writer', async () => {
    const { rows } = await pool.query("SELECT id, version FROM products WHERE sku = 'PIZ-1'");
    const { id, version } = rows[0];
    const first = await pool.query('UPDATE products SET price = $1, version = version + 1 WHERE id = $2 AND version = $3', [
      '13.00', id, version,
    ]);
    const stale = await pool.query('UPDATE products SET price = $1, version = version + 1 WHERE id = $2 AND version = $3', [
      '14.00', id, version,
    ]);
    expect(first.rowCount).toBe(1);
    expect(stale.rowCount).toBe(0);
  });

  it('types come back as pg parses them: jsonb objects, timestamptz Dates, numeric and bigint strings', async () => {
    const when = new Date('2026-03-01T10:15:30.123Z');
    const attributes = { vegano: true, alergenos: ['gluten'], kcal: 850, nota: 'ñandú "x"' };
    await pool.query(
      'INSERT INTO products (sku, name, price, stock, attributes, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      ['BIG-1', 'Grande', '1234.5', '9007199254740993', attributes, when],
    );
    const { rows } = await pool.query(
      "SELECT price, stock, attributes, created_at, count(*) OVER () AS total, 1.5::float8 AS ratio FROM products WHERE sku = 'BIG-1'",
    );
    expect(rows[0]).toEqual({
      price: '1234.50',
      stock: '9007199254740993',
      attributes,
      created_at: when,
      total: '1',
      ratio: 1.5,
    });
    expect(rows[0].created_at).toBeInstanceOf(Date);
  });

  it('named prepared statements on several clients at once', async () => {
    const lookUp = async () => {
      const client = await pool.connect();
      try {
        const first = await client.query({ name: 'product-by-sku', text: 'SELECT name FROM products WHERE sku = $1', values: ['PIZ-1'] });
        const again = await client.query({ name: 'product-by-sku', text: 'SELECT name FROM products WHERE sku = $1', values: ['EMP-1'] });
        return [first.rows[0].name, again.rows[0].name];
      } finally {
        client.release();
      }
    };
    const results = await Promise.all([lookUp(), lookUp(), lookUp()]);
    for (const result of results) expect(result).toEqual(["Pizza 'napolitana'", 'Empanada']);
  });

  it('many pool.query calls in parallel all answer', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.query('SELECT $1::int * 2 AS doubled', [i])));
    expect(answers.map((answer) => answer.rows[0].doubled)).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it('applyMigrations applies each migration once, in order, and rolls back a failing one', async () => {
    const migrations = [
      { id: '002_add_notes', sql: 'ALTER TABLE customers ADD COLUMN notes text' },
      { id: '001_create_customers', sql: 'CREATE TABLE customers (id serial PRIMARY KEY, email text UNIQUE NOT NULL)' },
    ];
    const client = await pool.connect();
    try {
      expect(await applyMigrations(client, migrations)).toEqual(['001_create_customers', '002_add_notes']);
      expect(await applyMigrations(client, migrations)).toEqual([]);
      const broken = [...migrations, { id: '003_broken', sql: 'ALTER TABLE nope ADD COLUMN x int' }];
      await expect(applyMigrations(client, broken)).rejects.toThrow('Migration 003_broken failed: relation "nope" does not exist');
      const applied = await client.query('SELECT id FROM schema_migrations ORDER BY id');
      expect(applied.rows.map((row) => row.id)).toEqual(['001_create_customers', '002_add_notes']);
    } finally {
      client.release();
    }
  });

  it('NOT NULL (23502), CHECK (23514) and division by zero (22012) answer the server\'s code, constraint and message', async () => {
    const notNull = (await pool.query('INSERT INTO products (sku, price) VALUES ($1, $2)', ['NN-1', '1']).catch((e: unknown) => e)) as pg.DatabaseError;
    expect(notNull).toBeInstanceOf(pg.DatabaseError);
    expect(notNull).toMatchObject({ code: '23502', column: 'name', table: 'products', message: 'null value in column "name" of relation "products" violates not-null constraint' });
    await pool.query('CREATE TABLE payments (id serial PRIMARY KEY, amount numeric(10, 2) NOT NULL CHECK (amount > 0))');
    const check = (await pool.query('INSERT INTO payments (amount) VALUES ($1)', ['-5']).catch((e: unknown) => e)) as pg.DatabaseError;
    expect(check).toMatchObject({ code: '23514', constraint: 'payments_amount_check', message: 'new row for relation "payments" violates check constraint "payments_amount_check"' });
    const zero = (await pool.query('SELECT 1 / 0').catch((e: unknown) => e)) as pg.DatabaseError;
    expect(zero).toMatchObject({ code: '22012', message: 'division by zero' });
  });

  it('ON CONFLICT DO NOTHING is an idempotent insert (rowCount 0 the second time); DO UPDATE returns the new row', async () => {
    await pool.query('CREATE TABLE processed_messages (message_id text PRIMARY KEY, seen int NOT NULL DEFAULT 1)');
    const insert = 'INSERT INTO processed_messages (message_id) VALUES ($1) ON CONFLICT (message_id) DO NOTHING';
    expect((await pool.query(insert, ['m-1'])).rowCount).toBe(1);
    expect((await pool.query(insert, ['m-1'])).rowCount).toBe(0);
    const upsert = await pool.query(
      'INSERT INTO processed_messages (message_id) VALUES ($1) ON CONFLICT (message_id) DO UPDATE SET seen = processed_messages.seen + 1 RETURNING message_id, seen',
      ['m-1'],
    );
    expect(upsert.rows).toEqual([{ message_id: 'm-1', seen: 2 }]);
  });

  it('ROLLBACK TO SAVEPOINT undoes only the work after the savepoint', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("INSERT INTO outbox (event, payload) VALUES ('Kept', '{}')");
      await client.query('SAVEPOINT before_risky');
      await expect(client.query('INSERT INTO orders (product_id, quantity) VALUES (999, 1)')).rejects.toMatchObject({ code: '23503' });
      await client.query('ROLLBACK TO SAVEPOINT before_risky');
      await client.query("INSERT INTO outbox (event, payload) VALUES ('AfterSavepoint', '{}')");
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const events = await pool.query("SELECT event FROM outbox WHERE event IN ('Kept', 'AfterSavepoint') ORDER BY id");
    expect(events.rows.map((row) => row.event)).toEqual(['Kept', 'AfterSavepoint']);
  });

  it('serialises parameters and parses results of other types the same: boolean, arrays, uuid, bytea, null, date', async () => {
    const { rows } = await pool.query(
      'SELECT $1::boolean AS flag, $2::text[] AS tags, $3::int[] AS ids, gen_random_uuid() AS id, $4::bytea AS raw, $5::text AS missing, $6::date AS day, $7::timestamptz AS at',
      [true, ['a', 'b,c', 'ñ'], [1, 2, 3], Buffer.from([0, 1, 255]), null, '2026-03-01', new Date('2026-03-01T10:00:00.000Z')],
    );
    const [row] = rows;
    expect(row.flag).toBe(true);
    expect(row.tags).toEqual(['a', 'b,c', 'ñ']);
    expect(row.ids).toEqual([1, 2, 3]);
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Buffer.isBuffer(row.raw) && [...row.raw]).toEqual([0, 1, 255]);
    expect(row.missing).toBeNull();
    expect(row.day).toBeInstanceOf(Date);
    expect(row.at).toEqual(new Date('2026-03-01T10:00:00.000Z'));
  });

  it('connecting to a database that does not exist is 3D000 with the server\'s message', async () => {
    const client = new Client(otherDatabase(config));
    const error = (await client.connect().catch((e: unknown) => e)) as pg.DatabaseError;
    await client.end().catch(() => undefined);
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect(error).toMatchObject({ code: '3D000', message: 'database "no_such_database_contract" does not exist' });
  });
});
