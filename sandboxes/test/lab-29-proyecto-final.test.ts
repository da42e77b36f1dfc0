// Lab 29 (the final project's reference system) with `npm run foodly`, as a learner runs it on their
// machine: the six services of the solution on their declared ports, against the machine's real
// RabbitMQ (this run's own vhost), Redis (this run's own DB) and PostgreSQL (orders' own database). The lab's checks, the "Recorrido"
// among them, pass against it; then the scenario runs once more step by step from outside (the live
// channel through the gateway: 401 without a token, the verified user and correlation id reaching
// notifications, close codes both ways; the order paid in orders), and an outside ioredis client
// proves the payment is a real key in that Redis DB. The second test runs the solution with the Node
// runner against the real PostgreSQL too: orders' rows, migrations, read model and outbox are in its
// database, a declined payment through the gateway compensates (stock back, order cancelled), and an
// OrderPlaced still pending in the outbox when orders-service stops is published after it restarts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sign } from 'hono/jwt';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { portFree, until } from './helpers.ts';
import checks from '../labs/lab-29-proyecto-final/checks.ts';
import { runCheckList } from '../lib/checks-core.ts';
import { loadLab, SANDBOXES_DIR } from '../lib/labs.ts';
import { createNodeCheckContext, startLabTree, typeStrippingNode } from '../lib/node-runner.ts';
import type { RunningLab } from '../lib/node-runner.ts';

const LAB = 'lab-29-proyecto-final';
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('lab 29 with npm run foodly, against the real RabbitMQ and Redis', () => {
  it('passes the checks, runs the Recorrido from outside and keeps the payment in the real Redis', { timeout: 180_000 }, async () => {
    const { meta } = await loadLab(LAB);
    const ports: Record<string, number> = Object.fromEntries(meta.services.map((service) => [service.name, service.port]));
    for (const [name, port] of Object.entries(ports)) expect(await portFree(port), `${name}: port ${port} is busy (another npm run foodly?)`).toBe(true);

    const child = spawn(typeStrippingNode(), [join(SANDBOXES_DIR, 'lib/foodly.ts'), LAB], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let redis: Redis | undefined;
    try {
      for (const port of Object.values(ports)) await until(`port ${port} answering /ping`, async () => ((await fetch(`http://127.0.0.1:${port}/ping`)).ok ? true : undefined), 60_000, 100);
      const log = () => output.join('');
      const redisUrl = /Redis: (\S+)/.exec(log())?.[1];
      expect(redisUrl, log()).toMatch(/^redis:\/\/127\.0\.0\.1:6379\/\d+$/);
      // Service-tagged logs: each line says which service printed it.
      const dirOf: Record<string, string> = Object.fromEntries(meta.services.map((service) => [service.name, service.dir]));
      for (const dir of Object.values(dirOf)) expect(log()).toMatch(new RegExp(`\\[${dir}\\s*\\]`));

      // The lab's checks, through the Node check context pointed at the declared ports; logs from foodly's tagged output.
      const logsOf = (name: string) => log().split('\n').filter((line) => new RegExp(`^\\[${dirOf[name] ?? name}\\s*\\]`).test(line));
      const running = { ports, baseUrl: (name: string) => `http://127.0.0.1:${ports[name]}`, logs: logsOf } as unknown as RunningLab;
      const ctx = createNodeCheckContext(running);
      const results = await runCheckList(checks, ctx, { timeoutMs: 15_000 });
      for (const result of results) expect(result, result.message).toMatchObject({ ok: true });

      // The Recorrido once more, step by step from outside, as a client of the gateway only.
      const gateway = `http://127.0.0.1:${ports.gateway}`;
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${gateway}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const email = `recorrido.${Date.now()}@foodly.test`;
      expect((await post('/auth/register', { email, password: 'secreta123', name: 'Recorrido' })).status).toBe(201);
      const { access_token: token } = (await (await post('/auth/login', { email, password: 'secreta123' })).json()) as { access_token: string };
      const auth = { authorization: `Bearer ${token}` };
      const catalogue = (await (await fetch(`${gateway}/products`)).json()) as { items: Array<{ id: string }> };
      expect(catalogue.items.length).toBeGreaterThan(0);
      // The live channel through the gateway too (the client knows no other port). Node's WebSocket can
      // send headers: a forged X-User-Id must not reach notifications-service, the token's sub must.
      const anonymous = new WebSocket(`ws://127.0.0.1:${ports.gateway}/notifications/live`);
      const refused = await new Promise<{ opened: boolean; code: number }>((resolve) => {
        let opened = false;
        anonymous.onopen = () => (opened = true);
        anonymous.onclose = (event) => resolve({ opened, code: event.code });
      });
      expect(refused).toEqual({ opened: false, code: 1006 });
      expect(log()).toMatch(/\[gateway\s*\] \[[^\]]+\] GET \/notifications\/live → 401/);
      const sub = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
      const socket = new (WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket)(
        `ws://127.0.0.1:${ports.gateway}/notifications/live?token=${encodeURIComponent(token)}`,
        { headers: { 'x-user-id': 'intruso', 'x-correlation-id': 'recorrido-canal-en-vivo' } },
      );
      const frames: Array<{ type?: string; orderId?: string; correlationId?: string }> = [];
      const texts: string[] = [];
      socket.addEventListener('message', (event) => {
        texts.push(String(event.data));
        if (String(event.data).startsWith('{')) frames.push(JSON.parse(String(event.data)));
      });
      await until('the welcome frame', async () => (frames.some((frame) => frame.type === 'welcome') ? true : undefined), 5000, 100);
      expect(log()).toContain(`[recorrido-canal-en-vivo] canal en vivo abierto para ${email} (usuario ${sub})`);
      expect(log()).not.toContain('usuario intruso');
      socket.send('ping');
      await until('the pong through the gateway', async () => (texts.includes('pong') ? true : undefined), 5000, 100);
      const order = (await (await post('/orders', { customerEmail: email, items: [{ productId: catalogue.items[0]!.id, quantity: 1 }] }, auth)).json()) as { id: string; total: number };
      const paid = await post('/payments', { orderId: order.id, cardNumber: '4242424242424242' }, { ...auth, 'x-correlation-id': 'recorrido-desde-fuera' });
      expect(paid.status).toBe(201);
      const notice = await until('the payment.captured notice', async () => frames.find((frame) => frame.type === 'payment.captured'), 10_000, 100);
      expect(notice).toMatchObject({ orderId: order.id, correlationId: 'recorrido-desde-fuera' });
      // The client closes: the gateway closes its own connection to notifications-service with the same code.
      socket.close(4000, 'adiós');
      await until('notifications-service seeing the close code', async () => (log().includes(`[recorrido-canal-en-vivo] canal en vivo cerrado para ${email} (4000)`) ? true : undefined), 5000, 100);
      // notifications-service closes (a well-signed token of a user auth does not know: 1008): the client gets that code and reason.
      const ghost = await sign({ sub: 'no-existe', email: 'fantasma@foodly.test', exp: Math.floor(Date.now() / 1000) + 60 }, meta.services.find((service) => service.name === 'gateway')!.env!.JWT_SECRET!, 'HS256');
      const haunted = new WebSocket(`ws://127.0.0.1:${ports.gateway}/notifications/live?token=${ghost}`);
      const ghostClose = await new Promise<{ code: number; reason: string }>((resolve) => (haunted.onclose = (event) => resolve({ code: event.code, reason: event.reason })));
      expect(ghostClose.code).toBe(1008);
      expect(ghostClose.reason).toMatch(/Token no válido/);
      // orders-service consumed PaymentCaptured from its own queue: the order and the history say paid.
      const status = await until('the order paid in orders-service', async () => {
        const found = (await (await fetch(`${gateway}/orders/${order.id}`, { headers: auth })).json()) as { status: string };
        return found.status === 'paid' ? found.status : undefined;
      }, 10_000, 100);
      expect(status).toBe('paid');
      const history = (await (await fetch(`${gateway}/customers/${encodeURIComponent(email)}/orders`, { headers: auth })).json()) as { orders: Array<{ orderId: string; status: string }> };
      expect(history.orders.find((entry) => entry.orderId === order.id)).toMatchObject({ status: 'paid' });

      // The payment is a key of this run's Redis DB (RedisPaymentRepository, SET NX), not a Map in the process.
      redis = new Redis(redisUrl!);
      expect(JSON.parse((await redis.get(`payment:${order.id}`)) ?? '{}')).toMatchObject({ orderId: order.id, amount: order.total, status: 'captured' });
      // The correlation id travelled gateway → payments (header) → RabbitMQ (CloudEvent) → notifications (log).
      expect(log()).toMatch(/\[gateway\s*\] \[recorrido-desde-fuera\] POST \/payments → 201/);
      expect(log()).toMatch(/\[notifications-service\s*\] \[recorrido-desde-fuera\] pago del pedido/);
    } finally {
      redis?.disconnect();
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('lab 29 orders-service against the real PostgreSQL (saga, outbox, read model)', () => {
  it('keeps orders, outbox and read model in its database, compensates a declined payment and relays the outbox after a restart', { timeout: 240_000 }, async () => {
    const lab = await loadLab(LAB);
    // The relay polls once a minute here (it always runs once at start): an event stays pending long
    // enough to stop orders-service with it in the outbox, and only the restart can publish it.
    const meta = { ...lab.meta, services: lab.meta.services.map((service) => (service.name === 'orders' ? { ...service, env: { ...service.env, OUTBOX_POLL_MS: '60000' } } : service)) };
    const running = await startLabTree({ id: LAB, meta, tree: lab.solution, variant: 'solution' });
    const database = /orders → (\S+)/.exec(running.infrastructureNotes.join('\n'))?.[1] ?? '';
    expect(database, running.infrastructureNotes.join('\n')).toMatch(/^foodly_/);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    try {
      const ctx = createNodeCheckContext(running);
      expect((await ctx.request('orders', '/status')).body).toMatchObject({ repository: 'postgres', persistent: true });
      expect((await client.query('SELECT id, name FROM schema_migrations ORDER BY id')).rows).toEqual([
        { id: 1, name: 'create-orders' },
        { id: 2, name: 'outbox' },
        { id: 3, name: 'customer-orders-view' },
      ]);
      const email = `saga.${Date.now()}@foodly.test`;
      expect((await ctx.request('gateway', '/auth/register', { method: 'POST', body: { email, password: 'secreta123', name: 'Saga' } })).status).toBe(201);
      const token = ((await ctx.request('gateway', '/auth/login', { method: 'POST', body: { email, password: 'secreta123' } })).body as { access_token: string }).access_token;
      const auth = { authorization: `Bearer ${token}` };
      const stock = async () => ((await ctx.request('gateway', '/products/p-4')).body as { stock: number }).stock;
      const before = await stock();

      // The saga's first step ran with the order's creation: the stock is reserved in products-service.
      const created = await ctx.request('gateway', '/orders', { method: 'POST', headers: auth, body: { customerEmail: email, items: [{ productId: 'p-4', quantity: 3 }] } });
      expect(created.status).toBe(201);
      const order = created.body as { id: string; status: string; total: number };
      expect(order.status).toBe('stock_reserved');
      expect(await stock()).toBe(before - 3);
      expect((await client.query('SELECT customer_email, status, version FROM orders WHERE id = $1', [order.id])).rows).toEqual([{ customer_email: email, status: 'stock_reserved', version: 2 }]);
      // The order's events went to the outbox in the same transactions, in order; OrderPlaced is still pending.
      const outbox = async () => (await client.query<{ event_name: string; sent: boolean }>('SELECT event_name, sent_at IS NOT NULL AS sent FROM outbox WHERE aggregate_id = $1 ORDER BY position', [order.id])).rows;
      expect(await outbox()).toEqual([
        { event_name: 'order.created', sent: false },
        { event_name: 'order.stock_reserved', sent: false },
      ]);

      // Restart orders-service with the events pending: the relay's first round publishes them, and
      // notifications-service (its own queue, the real RabbitMQ) sends the confirmation e-mail.
      await running.stop('orders');
      await running.start('orders');
      expect((await until('the outbox relayed after the restart', async () => ((await outbox()).every((row) => row.sent) ? await outbox() : undefined), 15_000, 200)).length).toBe(2);
      await until('the OrderPlaced e-mail in notifications', async () => (running.logs('notifications').some((line) => line.includes(`Confirmación del pedido ${order.id}`)) ? true : undefined), 15_000, 200);

      // A declined card through the gateway: payments-service publishes payment.declined, the saga
      // releases the stock in products-service and cancels the order with the reason.
      const declined = await ctx.request('gateway', '/payments', { method: 'POST', headers: { ...auth, 'x-correlation-id': 'saga-rechazada' }, body: { orderId: order.id, cardNumber: '4000000000000002' } });
      expect(declined.status).toBe(402);
      const row = await until('the order cancelled in PostgreSQL', async () => {
        const { rows } = await client.query<{ status: string; cancellation_reason: string }>('SELECT status, cancellation_reason FROM orders WHERE id = $1', [order.id]);
        return rows[0]?.status === 'cancelled' ? rows[0] : undefined;
      }, 15_000, 100);
      expect(row).toEqual({ status: 'cancelled', cancellation_reason: 'PAYMENT_DECLINED' });
      expect(await stock()).toBe(before);
      expect(running.logs('orders').some((line) => line.includes('[saga-rechazada] saga') && line.includes('compensando'))).toBe(true);
      expect((await ctx.request('gateway', `/orders/${order.id}`, { headers: auth })).body).toMatchObject({ status: 'cancelled', cancellationReason: 'PAYMENT_DECLINED' });
      // The read model is its own table, fed by the projection: the history says cancelled too.
      expect((await client.query('SELECT status, item_count FROM customer_orders WHERE order_id = $1', [order.id])).rows).toEqual([{ status: 'cancelled', item_count: 3 }]);
      const history = (await ctx.request('gateway', `/customers/${encodeURIComponent(email)}/orders`, { headers: auth })).body as { orders: Array<{ orderId: string; status: string }> };
      expect(history.orders).toEqual([expect.objectContaining({ orderId: order.id, status: 'cancelled' })]);
      // OrderCancelled waits in the outbox for the relay's next round (a minute here): it is there, pending.
      expect((await outbox()).map((entry) => entry.event_name)).toEqual(['order.created', 'order.stock_reserved', 'order.cancelled']);
    } finally {
      await client.end();
      await running.dispose();
    }
  });
});
