// Lab 21's learner code (the solution's orders-service) against the machine's real PostgreSQL,
// provisioned as `npm run foodly` does (./infrastructure.ts: a database of its own): the lab's checks
// pass, the migrations left their rows and the version column, the rows are where the API says, and
// the lab's own contract suite (orderRepositoryContract.ts) passes against the in-memory adapter and
// against PostgreSQL, SQL-only atomicity test included. The start's naive save (no version) is
// checked to lose the concurrent update, so the lab's failure is real and not the delay's doing.
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadLab, materializeLab } from '../lib/labs.ts';
import { createNodeCheckContext, loadChecks, startLab, startLabTree } from '../lib/node-runner.ts';
import { runCheckList } from '../lib/checks-core.ts';
import { runVitest } from '../lib/vitest-run.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('lab-21-pedidos-postgres against the real PostgreSQL', () => {
  it('checks pass; migrations, version column and rows are in the database', { timeout: 240_000 }, async () => {
    const lab = await startLab('lab-21-pedidos-postgres', 'solution');
    const database = /orders → (\S+)/.exec(lab.infrastructureNotes.join('\n'))?.[1] ?? '';
    expect(database).toMatch(/^foodly_/);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    try {
      const results = await runCheckList(await loadChecks('lab-21-pedidos-postgres'), createNodeCheckContext(lab), { timeoutMs: 60_000 });
      for (const result of results) expect(result, result.message).toMatchObject({ ok: true });

      const migrations = await client.query<{ id: number; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id');
      expect(migrations.rows).toEqual([
        { id: 1, name: 'create-orders' },
        { id: 2, name: 'orders-version' },
      ]);
      // The checks' orders, with their lines; the ones cancelled twice at once went from version 1 to 2 only.
      const ctx = createNodeCheckContext(lab);
      const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'luis@foodly.test', items: [{ productId: 'p-1', quantity: 3 }] } });
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      const row = await client.query('SELECT customer_email, status, version FROM orders WHERE id = $1', [id]);
      expect(row.rows).toEqual([{ customer_email: 'luis@foodly.test', status: 'created', version: 1 }]);
      const lines = await client.query('SELECT position, product_id, quantity, unit_price FROM order_lines WHERE order_id = $1', [id]);
      expect(lines.rows).toEqual([{ position: 0, product_id: 'p-1', quantity: 3, unit_price: expect.stringMatching(/^\d+\.\d{2}$/) }]);
      const race = await ctx.request('orders', `/_simulate/concurrent-cancel/${id}`, { method: 'POST' });
      expect(race.body).toEqual({ statuses: [200, 409] });
      expect((await client.query('SELECT status, version FROM orders WHERE id = $1', [id])).rows).toEqual([{ status: 'cancelled', version: 2 }]);
    } finally {
      await client.end();
      await lab.dispose();
    }
  });

  it('without the version condition, two concurrent cancellations both win (the lost update the lab provokes)', { timeout: 240_000 }, async () => {
    const lab = await loadLab('lab-21-pedidos-postgres');
    const file = 'orders-service/src/Orders/infrastructure/PostgresOrderRepository.ts';
    const solution = lab.solution[file]!;
    expect(solution).toContain('WHERE id = $1 AND version = $4');
    // The learner's step 2 (a save that writes whatever it read): the same UPDATE, with the version check gone.
    const tree = { ...lab.solution, [file]: solution.replace('WHERE id = $1 AND version = $4', 'WHERE id = $1 AND $4::int IS NOT NULL') };
    const running = await startLabTree({ id: 'lab-21-pedidos-postgres', meta: lab.meta, tree, variant: 'naive' });
    try {
      const ctx = createNodeCheckContext(running);
      const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-2', quantity: 1 }] } });
      expect(created.status).toBe(201);
      const race = await ctx.request('orders', `/_simulate/concurrent-cancel/${(created.body as { id: string }).id}`, { method: 'POST' });
      expect(race.body).toEqual({ statuses: [200, 200] });
    } finally {
      await running.dispose();
    }
  });

  it("the lab's contract suite passes on the in-memory adapter and on PostgreSQL", { timeout: 120_000 }, async () => {
    const dir = await materializeLab('lab-21-pedidos-postgres', 'solution', join(process.cwd(), 'sandboxes/.labs/lab-21-contract'));
    const result = await runVitest(dir, ['orders-service/test/Orders/infrastructure'], { env: { DATABASE_URL: ADMIN_URL }, limitMs: 90_000 });
    const tests = result.files.flatMap((file) => file.tests.map((test) => ({ file: file.file, name: test.name, state: test.state })));
    expect(result.failed, JSON.stringify(result.files, null, 1).slice(0, 3000)).toBe(0);
    // 6 contract cases per adapter, plus the SQL-only atomicity case: none skipped (DATABASE_URL reached the suite).
    const passed = (file: string) => tests.filter((test) => test.file.endsWith(file) && test.state === 'pass').length;
    expect(passed('InMemoryOrderRepository.test.ts')).toBe(6);
    expect(passed('PostgresOrderRepository.test.ts')).toBe(7);
  });
});
