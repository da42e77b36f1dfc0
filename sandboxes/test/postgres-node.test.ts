// `pg` in the Node runner and the Node engine (checks in CI, tests, `npm run foodly`): the same two
// services the WebContainer engine's test runs over PGlite (infra/node/testing/postgres-fixture.ts)
// against the real PostgreSQL (127.0.0.1:5432: a database of this run's own per declared database)
// and against PGlite when emulated (FOODLY_INFRA=memory, or no server answering). The answers the
// services give — rows, types, committed and rolled-back transactions, DatabaseErrors with the
// server's code, message, constraint and detail — are asserted identically in all of them.
import { describe, expect, it } from 'vitest';
import { labSchema } from '../../src/content/schemas.ts';
import { postgresFixture } from '../../src/sandbox/infra/node/testing/postgres-fixture.ts';
import { NodeEngine } from '../lib/node-engine.ts';
import { startLabTree } from '../lib/node-runner.ts';

const fixture = postgresFixture();
const meta = labSchema.parse({
  title: 'PostgreSQL por servicio',
  topic: 1,
  summary: 'Fixture de pg en el runner de Node',
  services: fixture.services,
  open: ['orders/src/server.ts'],
  requests: [{ label: 'Pedidos', service: 'orders', method: 'GET', path: '/orders' }],
  infrastructure: fixture.infrastructure,
});

type Json = (service: string, method: string, path: string) => Promise<{ status: number; body: Record<string, unknown> }>;

/** What every engine must answer (the WebContainer test asserts the same over PGlite). */
async function exercise(json: Json, restartOrders: () => Promise<void>, logs: () => string) {
  expect((await json('payments', 'GET', '/tables')).body, logs()).toEqual({ tables: ['orders'], orderColumns: ['payment_id', 'order_id'] });
  expect(await json('orders', 'POST', '/orders?id=o-1&total=12.5')).toEqual({ status: 201, body: { id: 'o-1', total: '12.50', totalType: 'string', createdAtIsDate: true } });
  const failed = await json('orders', 'POST', '/orders?id=o-2&total=3&fail=1');
  expect(failed).toMatchObject({ status: 409, body: { message: 'the broker is down', isDatabaseError: false } });
  expect((await json('orders', 'GET', '/orders')).body).toEqual({ orders: [{ id: 'o-1', total: '12.50' }], outbox: 1, outboxIds: ['o-1'] });
  expect((await json('orders', 'GET', '/bad-sql')).body).toMatchObject({ name: 'DatabaseError', isDatabaseError: true, code: '42601', message: 'syntax error at or near "SELEC"', position: '1', severity: 'ERROR' });
  expect((await json('orders', 'POST', '/orders?id=o-1&total=1')).body).toMatchObject({
    name: 'DatabaseError',
    code: '23505',
    message: 'duplicate key value violates unique constraint "orders_pkey"',
    constraint: 'orders_pkey',
    detail: 'Key (id)=(o-1) already exists.',
  });
  expect((await json('orders', 'POST', '/orders?id=o-3&total=-1')).body).toMatchObject({ code: '23514', constraint: 'orders_total_check' });
  expect((await json('orders', 'GET', '/other-database')).body).toMatchObject({ isDatabaseError: true, code: '3D000', message: 'database "no_such_database_here" does not exist' });
  await restartOrders();
  expect((await json('orders', 'GET', '/orders')).body, logs()).toEqual({ orders: [{ id: 'o-1', total: '12.50' }], outbox: 1, outboxIds: ['o-1'] });
  expect((await json('payments', 'POST', '/payments?order=o-1')).body).toEqual({ payment_id: 1 });
}

describe('pg in the Node runner and the Node engine', () => {
  for (const mode of ['real', 'emulated'] as const) {
    it(`Node runner, ${mode === 'real' ? 'real PostgreSQL (a database per declared database)' : 'PGlite (FOODLY_INFRA=memory)'}`, { timeout: 180_000 }, async () => {
      const lab = await startLabTree({ id: `pg-${mode}`, meta, tree: fixture.tree }, { emulate: mode === 'emulated' ? ['postgres'] : [] });
      const json: Json = async (service, method, path) => {
        const response = await fetch(`${lab.baseUrl(service)}${path}`, { method });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      try {
        expect(lab.infrastructureNotes.join('\n')).toMatch(mode === 'real' ? /PostgreSQL: orders → foodly_pg_real_.*_orders, payments → foodly_pg_real_.*_payments/ : /PostgreSQL: emulado con PGlite \(127\.0\.0\.1:\d+; FOODLY_INFRA=memory\)/);
        await exercise(json, async () => {
          await lab.stop('orders');
          await lab.start('orders');
        }, () => lab.logs('orders').concat(lab.logs('payments')).join('\n'));
      } finally {
        await lab.dispose();
      }
    });
  }

  it('Node engine (mount with infrastructure), real PostgreSQL', { timeout: 180_000 }, async () => {
    const engine = new NodeEngine({ emulate: [] });
    const json: Json = async (service, method, path) => {
      const response = await engine.request({ service, method, path });
      return { status: response.status, body: JSON.parse(response.text) as Record<string, unknown> };
    };
    try {
      await engine.mount(fixture.tree, fixture.services, { infrastructure: fixture.infrastructure });
      await engine.start('orders');
      await engine.start('payments');
      await exercise(json, async () => {
        await engine.stop('orders');
        await engine.start('orders');
      }, () => engine.logs('orders').concat(engine.logs('payments')).join('\n'));
    } finally {
      await engine.dispose();
    }
  });
});
