/**
 * Evidence for the drizzle-orm decision: drizzle's node-postgres driver runs unchanged over the
 * sandbox's `pg` (it only calls Pool/Client.query and pool.connect), so a lab may use drizzle with
 * no driver of our own. Same suite against the real server and the emulation.
 */
import { and, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, jsonb, numeric, pgTable, serial, text } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessChannel } from '../channel.ts';
import { createPgModule } from './client.ts';
import { PostgresHost } from './host.ts';
import { realPostgresConfig } from '../testing/servers.ts';

const orders = pgTable('drizzle_orders', {
  id: serial('id').primaryKey(),
  customer: text('customer').notNull(),
  total: numeric('total', { precision: 10, scale: 2 }).notNull(),
  version: integer('version').notNull().default(1),
  lines: jsonb('lines').$type<{ sku: string; qty: number }[]>().notNull(),
});

const schema = `drizzle_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

const backings = [
  {
    name: 'real PostgreSQL server',
    async setup() {
      const admin = new pg.Client(realPostgresConfig());
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const pool = new pg.Pool(realPostgresConfig(schema));
      return {
        pool,
        teardown: async () => {
          await pool.end();
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
  },
  {
    name: 'sandbox emulation',
    async setup() {
      const host = new PostgresHost();
      const { Pool } = createPgModule(createInProcessChannel(host));
      const pool = new Pool({ connectionString: 'postgres://postgres@localhost/orders' }) as unknown as pg.Pool;
      return {
        pool,
        teardown: async () => {
          await pool.end();
          await host.close();
        },
      };
    },
  },
];

describe.each(backings)('drizzle-orm over $name', (backing) => {
  let db: ReturnType<typeof drizzle>;
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    const setup = await backing.setup();
    teardown = setup.teardown;
    db = drizzle(setup.pool);
    await db.execute(sql`CREATE TABLE drizzle_orders (
      id serial PRIMARY KEY, customer text NOT NULL, total numeric(10,2) NOT NULL,
      version int NOT NULL DEFAULT 1, lines jsonb NOT NULL)`);
  }, 60_000);
  afterAll(() => teardown?.());

  it('insert … returning, select with where, optimistic update', async () => {
    const [created] = await db
      .insert(orders)
      .values({ customer: 'ana', total: '25.00', lines: [{ sku: 'PIZ-1', qty: 2 }] })
      .returning();
    expect(created).toEqual({ id: 1, customer: 'ana', total: '25.00', version: 1, lines: [{ sku: 'PIZ-1', qty: 2 }] });
    const found = await db.select().from(orders).where(eq(orders.customer, 'ana'));
    expect(found).toHaveLength(1);
    const bump = () =>
      db
        .update(orders)
        .set({ total: '30.00', version: sql`${orders.version} + 1` })
        .where(and(eq(orders.id, 1), eq(orders.version, 1)));
    expect((await bump()).rowCount).toBe(1);
    expect((await bump()).rowCount).toBe(0);
  });

  it('db.transaction commits, and rolls back on throw', async () => {
    await db.transaction(async (tx) => {
      await tx.insert(orders).values({ customer: 'luis', total: '5.00', lines: [] });
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(orders).values({ customer: 'eva', total: '7.00', lines: [] });
        throw new Error('cancelado');
      }),
    ).rejects.toThrow('cancelado');
    const customers = (await db.select({ customer: orders.customer }).from(orders)).map((row) => row.customer).sort();
    expect(customers).toEqual(['ana', 'luis']);
  });

  it('a unique or missing-table error surfaces as pg’s DatabaseError', async () => {
    const error = (await db.execute(sql`SELECT * FROM nope`).catch((e: unknown) => e)) as Error & { cause?: unknown };
    const cause = (error.cause ?? error) as pg.DatabaseError;
    expect(cause).toBeInstanceOf(pg.DatabaseError);
    expect(cause.code).toBe('42P01');
  });
});
