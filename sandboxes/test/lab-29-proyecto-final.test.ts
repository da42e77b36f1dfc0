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
import amqp from 'amqplib';
import { sign } from 'hono/jwt';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { portFree, until } from './helpers.ts';
import checks from '../labs/lab-29-proyecto-final/checks.ts';
import { runCheckList } from '../lib/checks-core.ts';
import { SERVER_URLS } from '../lib/infrastructure.ts';
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

describe('lab 29: the Recorrido again and again, a cancel that crosses a payment, no event without a consumer', () => {
  /** The solution with the Node runner on the real servers, an AMQP connection to this run's vhost, and the gateway as a client. */
  async function withLab(body: (ctx: ReturnType<typeof createNodeCheckContext>, running: RunningLab, connection: Awaited<ReturnType<typeof amqp.connect>>, meta: Awaited<ReturnType<typeof loadLab>>['meta']) => Promise<void>) {
    const lab = await loadLab(LAB);
    const running = await startLabTree({ id: LAB, meta: lab.meta, tree: lab.solution, variant: 'solution' });
    try {
      const vhost = /RabbitMQ: vhost (\S+)/.exec(running.infrastructureNotes.join('\n'))?.[1];
      expect(vhost, running.infrastructureNotes.join('\n')).toBeTruthy();
      const amqpUrl = new URL(SERVER_URLS.amqp);
      amqpUrl.pathname = `/${encodeURIComponent(vhost!)}`;
      const connection = await amqp.connect(amqpUrl.href);
      try {
        await body(createNodeCheckContext(running), running, connection, lab.meta);
      } finally {
        await connection.close();
      }
    } finally {
      await running.dispose();
    }
  }

  async function customer(ctx: ReturnType<typeof createNodeCheckContext>) {
    const email = `cancela.${Date.now()}@foodly.test`;
    expect((await ctx.request('gateway', '/auth/register', { method: 'POST', body: { email, password: 'secreta123', name: 'Cancela' } })).status).toBe(201);
    const token = ((await ctx.request('gateway', '/auth/login', { method: 'POST', body: { email, password: 'secreta123' } })).body as { access_token: string }).access_token;
    const auth = { authorization: `Bearer ${token}` };
    const order = async () => {
      const created = await ctx.request('gateway', '/orders', { method: 'POST', headers: auth, body: { customerEmail: email, items: [{ productId: 'p-3', quantity: 1 }] } });
      expect(created.body).toMatchObject({ status: 'stock_reserved' });
      return (created.body as { id: string }).id;
    };
    const pay = (orderId: string) => ctx.request('gateway', '/payments', { method: 'POST', headers: auth, body: { orderId, cardNumber: '4242424242424242' } });
    const cancel = (orderId: string) => ctx.request('gateway', `/orders/${orderId}/cancel`, { method: 'POST', headers: auth });
    const paymentOf = async (orderId: string) => (await ctx.request('gateway', `/payments/${orderId}`, { headers: auth })).body as { status?: string };
    const statusOf = async (orderId: string) => ((await ctx.request('gateway', `/orders/${orderId}`, { headers: auth })).body as { status: string }).status;
    return { auth, order, pay, cancel, paymentOf, statusOf };
  }

  it('runs the Recorrido\'s requests eleven times in a row: the restock step keeps p-1 from running out', { timeout: 180_000 }, () =>
    withLab(async (ctx, _running, _connection, meta) => {
      // The Recorrido's HTTP steps exactly as lab.yaml declares them ({{captures}} included), eleven
      // times: each one sells 2 × p-1 (20 in the seed), so without a restock the 11th order has no stock.
      // The restock is a catalogue write: it goes with the administrator's token, never Ana's.
      const restock = meta.scenario!.steps.find((step) => step.request?.method === 'PATCH' && step.request.path === '/products/p-1');
      expect(restock?.request?.headers).toEqual({ Authorization: 'Bearer {{adminToken}}' });
      for (let round = 1; round <= 11; round += 1) {
        const values: Record<string, string> = {};
        const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
        const fillDeep = (value: unknown): unknown =>
          typeof value === 'string' ? fill(value) : Array.isArray(value) ? value.map(fillDeep) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fillDeep(inner)])) : value;
        for (const step of meta.scenario!.steps) {
          if (!step.request) continue;
          const { service, method, path, headers, body } = step.request;
          const expected = step.expect;
          const statuses = expected?.status === undefined ? undefined : [expected.status].flat();
          const send = () => ctx.request(service, fill(path), { method, headers: fillDeep(headers) as Record<string, string>, ...(body === undefined ? {} : { body: fillDeep(body) }) });
          const matches = (response: Awaited<ReturnType<typeof send>>) =>
            (statuses ? statuses.includes(response.status) : response.status < 400) && (expected?.contains ?? []).every((text) => response.text.includes(fill(text)));
          const response = expected?.withinMs
            ? ((await until(`round ${round}, «${step.label}»`, async () => { const answer = await send(); return matches(answer) ? answer : undefined; }, expected.withinMs, 250).catch(() => send())))
            : await send();
          expect(matches(response), `round ${round}, «${step.label}»: ${response.status} ${response.text}`).toBe(true);
          for (const [name, dotPath] of Object.entries(step.capture ?? {})) values[name] = String(dotPath.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], response.body));
        }
      }
    }));

  it('voids the payment of an order cancelled before paying and refunds one whose capture crossed the cancel; a paid order is not cancelled', { timeout: 180_000 }, () =>
    withLab(async (ctx, running, connection) => {
      const { order, pay, cancel, paymentOf, statusOf } = await customer(ctx);
      // Cancelled before anyone paid: payments-service hears OrderCancelled and voids the order's slot, so a late charge is refused.
      const early = await order();
      expect((await cancel(early)).status).toBe(200);
      await until('payments voiding the cancelled order', async () => ((await paymentOf(early)).status === 'voided' ? true : undefined), 15_000, 100);
      const late = await pay(early);
      expect(late.status).toBe(409);
      expect(late.text).toContain('cancelado');

      // The cancel crosses a capture: payment.captured has not reached orders-service yet (its binding is
      // held back here), the customer cancels the still stock_reserved order, and the money must come back.
      const channel = await connection.createChannel();
      await channel.unbindQueue('orders.payments', 'foodly.events', 'payment.captured');
      const crossed = await order();
      expect((await pay(crossed)).status).toBe(201);
      expect(await statusOf(crossed)).toBe('stock_reserved');
      expect((await cancel(crossed)).body).toMatchObject({ status: 'cancelled', cancellationReason: 'CUSTOMER_REQUEST' });
      await until('payments refunding the captured payment of the cancelled order', async () => ((await paymentOf(crossed)).status === 'refunded' ? true : undefined), 15_000, 100);
      expect(running.logs('payments').some((line) => line.includes(`pedido ${crossed} cancelado con el cobro`) && line.includes('devueltos'))).toBe(true);
      // The customer heard «Pago recibido»: payment.refunded reaches notifications-service, which tells them the money comes back.
      await until('notifications pushing the refund', async () => (running.logs('notifications').some((line) => line.includes(`devolución del pedido ${crossed} avisada`)) ? true : undefined), 15_000, 100);

      // A paid order is not cancelled: 409, and its payment stays captured.
      await channel.bindQueue('orders.payments', 'foodly.events', 'payment.captured');
      const kept = await order();
      expect((await pay(kept)).status).toBe(201);
      await until('the order paid', async () => ((await statusOf(kept)) === 'paid' ? true : undefined), 15_000, 100);
      const refused = await cancel(kept);
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('ORDER_ALREADY_PAID');
      expect((await paymentOf(kept)).status).toBe('captured');
    }));

  it('publishes no event that no queue receives: paid and cancelled orders leave no "nadie recibió" warning', { timeout: 180_000 }, () =>
    withLab(async (ctx, running) => {
      const { order, pay, cancel, statusOf } = await customer(ctx);
      const paid = await order();
      expect((await pay(paid)).status).toBe(201);
      await until('the order paid', async () => ((await statusOf(paid)) === 'paid' ? true : undefined), 15_000, 100);
      const cancelled = await order();
      expect((await cancel(cancelled)).status).toBe(200);
      // The relay polls every 200 ms: wait until it has published the cancel (its log line), then a little more.
      await until('order.cancelled relayed', async () => (running.logs('orders').some((line) => line.includes('publicado com.foodly.order.cancelled')) ? true : undefined), 15_000, 100);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(running.logs('orders').filter((line) => line.includes('nadie recibió'))).toEqual([]);
    }));
});

describe('lab 29 payments-service: a cancel while a charge is in flight', () => {
  it('lets OrderCancelled take the order\'s slot between reading the order and charging it: the charge is refused and nothing is captured', async () => {
    const base = '../labs/lab-29-proyecto-final/start/payments-service/src/Payments';
    const { PaymentCharger } = await import(`${base}/application/PaymentCharger.ts`);
    const { RefundOnOrderCancelled } = await import(`${base}/application/RefundOnOrderCancelled.ts`);
    const { InMemoryPaymentRepository } = await import(`${base}/infrastructure/InMemoryPaymentRepository.ts`);
    const payments = new InMemoryPaymentRepository();
    const published: string[] = [];
    const events = { captured: async () => void published.push('captured'), declined: async () => void published.push('declined'), refunded: async () => void published.push('refunded') };
    const refunds = new RefundOnOrderCancelled(payments, events);
    // orders-service answers "stock_reserved", and the customer's cancel reaches payments before the charge is written.
    const orders = {
      find: async (id: string) => {
        await refunds.on(id, 'carrera');
        return { id, customerEmail: 'ana@foodly.test', total: 19, status: 'stock_reserved' };
      },
    };
    const outcome = await new PaymentCharger(orders, payments, events).charge({ orderId: 'o-carrera', cardNumber: '4242424242424242' }, 'carrera');
    expect(outcome).toMatchObject({ kind: 'order-cancelled', payment: { status: 'voided' } });
    expect(published).toEqual([]);
    expect(await payments.findByOrder('o-carrera')).toMatchObject({ status: 'voided' });
    // And a second OrderCancelled (at-least-once delivery) changes nothing.
    expect(await refunds.on('o-carrera', 'carrera')).toBe('unchanged');
  });
});

describe('lab 29: a refund reaches the customer once', () => {
  const payments = '../labs/lab-29-proyecto-final/start/payments-service/src/Payments';
  const notifications = '../labs/lab-29-proyecto-final/start/notifications-service/src/Notifications';

  it('publishes payment.refunded when it refunds, and again (the same payment) when OrderCancelled comes back', async () => {
    const { RefundOnOrderCancelled } = await import(`${payments}/application/RefundOnOrderCancelled.ts`);
    const { InMemoryPaymentRepository } = await import(`${payments}/infrastructure/InMemoryPaymentRepository.ts`);
    const repository = new InMemoryPaymentRepository();
    await repository.saveIfAbsent({ id: 'pay-1', orderId: 'o-1', customerEmail: 'ana@foodly.test', amount: 19, currency: 'EUR', status: 'captured', createdAt: new Date().toISOString() });
    const refunded: Array<{ id: string; status: string }> = [];
    let brokerDown = true;
    const events = {
      captured: async () => undefined,
      declined: async () => undefined,
      refunded: async (payment: { id: string; status: string }) => {
        // The first publish fails after the refund was written: the redelivered OrderCancelled must publish it.
        if (brokerDown) throw new Error('broker caído');
        refunded.push(payment);
      },
    };
    const refunds = new RefundOnOrderCancelled(repository, events);
    await expect(refunds.on('o-1', 'c-1')).rejects.toThrow('broker caído');
    expect(await repository.findByOrder('o-1')).toMatchObject({ status: 'refunded' });
    brokerDown = false;
    expect(await refunds.on('o-1', 'c-1')).toBe('unchanged');
    expect(await refunds.on('o-1', 'c-1')).toBe('unchanged');
    expect(refunded).toMatchObject([{ id: 'pay-1', status: 'refunded' }, { id: 'pay-1', status: 'refunded' }]);
  });

  it('pushes the refund to the customer\'s connections once per event id', async () => {
    const { PaymentRefundedNotifier } = await import(`${notifications}/application/PaymentRefundedNotifier.ts`);
    const pushed: Array<{ email: string; notification: { type: string; orderId: string; message: string } }> = [];
    const live = { push: (email: string, notification: { type: string; orderId: string; message: string }) => pushed.push({ email, notification }) };
    const seen = new Set<string>();
    const processed = { claim: async (id: string) => !seen.has(id) && Boolean(seen.add(id)) };
    const notifier = new PaymentRefundedNotifier(live, processed);
    const refund = { eventId: 'refund-pay-1', correlationId: 'c-1', orderId: 'o-1', customerEmail: 'ana@foodly.test', amount: 19 };
    expect(await notifier.notify(refund)).toBe('pushed');
    expect(await notifier.notify(refund)).toBe('duplicate');
    expect(pushed).toEqual([{ email: 'ana@foodly.test', notification: expect.objectContaining({ type: 'payment.refunded', orderId: 'o-1', message: expect.stringContaining('19.00 €') }) }]);
  });
});
