// PostgreSQL in the WebContainer engine, on real Node 20 processes in a private network namespace
// (testing/process-container.ts: no PostgreSQL server is reachable, as in a real WebContainer).
// Two services import `pg` as lab code does; the engine runs PGlite in the container's
// infrastructure host process (one database per service) and maps `pg` to node-postgres over it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebContainerDependencies } from '../../../../scripts/webcontainer-deps.ts';
import { hasInfrastructure } from '../../contract/index.ts';
import { postgresFixture } from '../../infra/node/testing/postgres-fixture.ts';
import { pgliteFiles } from './testing/pglite-files.ts';
import { canIsolateNetwork, findNode20, ProcessContainer } from './testing/process-container.ts';
import { WebContainerEngine } from './webcontainer-engine.ts';

const available = Boolean(findNode20()) && canIsolateNetwork();
if (!available && process.env.REQUIRE_PROCESS_CONTAINER) throw new Error('The process-backed WebContainer needs Node 20 (/usr/bin/node or NODE20_BINARY), util-linux script/unshare/nsenter and iproute2.');

describe.skipIf(!available)('PostgreSQL in the WebContainer engine on real Node 20', () => {
  let container: ProcessContainer;
  let engine: WebContainerEngine;
  const fixture = postgresFixture();

  beforeAll(async () => {
    container = await ProcessContainer.create();
    engine = new WebContainerEngine({ container, dependencies: (await buildWebContainerDependencies()).tree as never, root: 'labs/pg-fixture', pglite: pgliteFiles });
    await engine.mount(fixture.tree, fixture.services, { infrastructure: fixture.infrastructure });
  }, 240_000);
  afterAll(async () => {
    await engine?.dispose();
    container?.teardown();
  });

  const json = async (service: string, method: string, path: string) => {
    const response = await engine.request({ service, method, path });
    return { status: response.status, body: JSON.parse(response.text) as Record<string, unknown> };
  };

  it('starts both services: their migrations run against a database of their own (DATABASE_URL)', { timeout: 120_000 }, async () => {
    await engine.start('orders');
    await engine.start('payments');
    expect(engine.status('orders'), engine.logs('orders').join('\n')).toMatchObject({ state: 'running' });
    expect(engine.status('payments'), engine.logs('payments').join('\n')).toMatchObject({ state: 'running' });
    // Both created a table named orders: each in its own database.
    expect((await json('payments', 'GET', '/tables')).body).toEqual({ tables: ['orders'], orderColumns: ['payment_id', 'order_id'] });
  });

  it('commits a transaction (order + outbox row) and rolls one back, with pg types as from a server', { timeout: 60_000 }, async () => {
    const placed = await json('orders', 'POST', '/orders?id=o-1&total=12.5');
    expect(placed).toEqual({ status: 201, body: { id: 'o-1', total: '12.50', totalType: 'string', createdAtIsDate: true } });
    const failed = await json('orders', 'POST', '/orders?id=o-2&total=3&fail=1');
    expect(failed.status).toBe(409);
    expect(failed.body).toMatchObject({ message: 'the broker is down', isDatabaseError: false });
    expect((await json('orders', 'GET', '/orders')).body).toEqual({ orders: [{ id: 'o-1', total: '12.50' }], outbox: 1, outboxIds: ['o-1'] });
  });

  it('answers bad SQL, a unique violation, a check violation and a missing database with pg DatabaseErrors as a server does', { timeout: 60_000 }, async () => {
    expect((await json('orders', 'GET', '/bad-sql')).body).toMatchObject({ name: 'DatabaseError', isDatabaseError: true, code: '42601', message: 'syntax error at or near "SELEC"', position: '1', severity: 'ERROR' });
    expect((await json('orders', 'POST', '/orders?id=o-1&total=1')).body).toMatchObject({
      isDatabaseError: true,
      code: '23505',
      message: 'duplicate key value violates unique constraint "orders_pkey"',
      constraint: 'orders_pkey',
      detail: 'Key (id)=(o-1) already exists.',
    });
    expect((await json('orders', 'POST', '/orders?id=o-3&total=-1')).body).toMatchObject({ isDatabaseError: true, code: '23514', constraint: 'orders_total_check' });
    expect((await json('orders', 'GET', '/other-database')).body).toMatchObject({ isDatabaseError: true, code: '3D000', message: 'database "no_such_database_here" does not exist' });
    // The failed transactions left nothing behind.
    expect((await json('orders', 'GET', '/orders')).body).toMatchObject({ orders: [{ id: 'o-1', total: '12.50' }], outbox: 1 });
  });

  it('keeps the data across a service restart; the migrations do not run twice', { timeout: 90_000 }, async () => {
    await engine.stop('orders');
    await engine.start('orders');
    expect(engine.status('orders'), engine.logs('orders').join('\n')).toMatchObject({ state: 'running' });
    expect((await json('orders', 'GET', '/orders')).body).toMatchObject({ orders: [{ id: 'o-1', total: '12.50' }], outbox: 1 });
  });

  it('shows each database\'s tables in the snapshot and empties them on reset', { timeout: 120_000 }, async () => {
    expect(hasInfrastructure(engine)).toBe(true);
    expect((await json('payments', 'POST', '/payments?order=o-1')).body).toEqual({ payment_id: 1 });
    const before = await engine.infrastructureSnapshot();
    expect(before.declared).toEqual(['postgres']);
    const ordersDb = before.postgres?.databases.find((database) => database.name === 'orders');
    expect(ordersDb?.owner).toBe('orders');
    expect(ordersDb?.tables.map((table) => table.name).sort()).toEqual(['orders', 'outbox', 'schema_migrations']);
    expect(ordersDb?.tables.find((table) => table.name === 'orders')).toMatchObject({ rowCount: 1, columns: ['id', 'total', 'created_at'] });
    expect(before.postgres?.databases.find((database) => database.name === 'payments')?.tables).toEqual([
      { name: 'orders', rowCount: 1, columns: ['payment_id', 'order_id'], rows: [['1', 'o-1']] },
    ]);

    await engine.resetInfrastructure();
    expect(engine.status('orders'), engine.logs('orders').join('\n')).toMatchObject({ state: 'running' });
    expect((await json('orders', 'GET', '/orders')).body).toEqual({ orders: [], outbox: 0, outboxIds: [] });
  });
});
