// Lab 22 (the order saga). Two halves:
// - payments-service through app.request(): one charge per order, a refund is idempotent, and a
//   refund that arrives while a slow charge is still pending stops that charge from being captured
//   (the case the saga's timeout compensation relies on), the same in start and solution;
// - `npm run foodly -- lab-22-saga-pedido`: the learner's solution, started by the script a learner
//   runs (sandboxes/lib/foodly.ts, declared ports), with products-service's cache in the machine's
//   real Redis: a declined and a timed-out charge give the stock back (the cached entry is
//   invalidated, so the stock read after the compensation is the real one) and cancel with a reason.
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { typeStrippingNode } from '../lib/node-runner.ts';
import { json, materialize, settingsOf, until } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';

type App = { request(path: string, init?: RequestInit): Response | Promise<Response> };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const trees: MaterializedTree[] = [];
afterAll(async () => {
  await Promise.all(trees.map((tree) => tree.remove()));
});

async function paymentsApp(variant: 'start' | 'solution', env: Record<string, string>): Promise<App> {
  const tree = await materialize('lab-22-saga-pedido', variant);
  trees.push(tree);
  const { buildApp } = await tree.import<{ buildApp(settings: unknown): App }>('payments-service/src/app.ts');
  return buildApp(await settingsOf(tree, 'payments-service', env));
}

describe('lab-22 payments-service', () => {
  it.each(['start', 'solution'] as const)('%s: charges once per order, declines by token and by limit, refunds idempotently', async (variant) => {
    const app = await paymentsApp(variant, { PAYMENT_LIMIT_EUR: '100' });
    const charge = (orderId: string, amount: number, cardToken: string) => app.request('/payments', json({ orderId, amount, cardToken }));

    const first = await charge('o-1', 19, 'tok_visa');
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ orderId: 'o-1', amount: 19, status: 'captured' });
    expect((await charge('o-1', 19, 'tok_visa')).status, 'the same order again: the charge it already has').toBe(200);

    const declined = await charge('o-2', 19, 'tok_declined');
    expect(declined.status).toBe(402);
    expect(declined.headers.get('content-type')).toContain('application/problem+json');
    expect(await declined.json()).toMatchObject({ code: 'PAYMENT_DECLINED' });
    expect(await (await charge('o-3', 100.01, 'tok_visa')).json()).toMatchObject({ status: 402, detail: expect.stringContaining('límite') });

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refunded = await app.request('/payments/o-1/refund', { method: 'POST' });
      expect(await refunded.json()).toMatchObject({ orderId: 'o-1', amount: 19, status: 'refunded' });
    }
    const late = await charge('o-4', 5, 'tok_visa');
    expect(late.status).toBe(201);
    // A refund before any charge leaves a mark: a charge that arrives later is refused.
    expect((await (await app.request('/payments/o-5/refund', { method: 'POST' })).json()) as unknown).toMatchObject({ status: 'refunded', amount: 0 });
    const afterRefund = await charge('o-5', 5, 'tok_visa');
    expect(afterRefund.status).toBe(409);
    expect(await afterRefund.json()).toMatchObject({ code: 'PAYMENT_REFUNDED' });
  });

  it('a refund while a slow charge is pending stops it from being captured', async () => {
    const app = await paymentsApp('solution', { SLOW_CARD_DELAY_MS: '300' });
    const slow = Promise.resolve(app.request('/payments', json({ orderId: 'o-slow', amount: 10, cardToken: 'tok_slow' })));
    await sleep(50);
    expect(await (await app.request('/payments/o-slow')).json()).toMatchObject({ status: 'pending' });
    expect((await (await app.request('/payments/o-slow/refund', { method: 'POST' })).json()) as unknown).toMatchObject({ status: 'refunded', amount: 10 });
    const answer = await slow;
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ code: 'PAYMENT_REFUNDED' });
    expect(await (await app.request('/payments/o-slow')).json()).toMatchObject({ status: 'refunded' });
    // Without the refund, the same slow charge is captured: the test above is not passing by accident.
    const captured = await app.request('/payments', json({ orderId: 'o-slow-2', amount: 10, cardToken: 'tok_slow' }));
    expect(await captured.json()).toMatchObject({ status: 'captured' });
  });
});

const PRODUCTS = 'http://127.0.0.1:3102';
const ORDERS = 'http://127.0.0.1:3103';
const PAYMENTS = 'http://127.0.0.1:3106';

const getJson = async <T>(url: string) => (await (await fetch(url)).json()) as T;
async function placeOrder(productId: string, quantity: number, cardToken: string) {
  const response = await fetch(`${ORDERS}/orders`, json({ customerEmail: 'ana@foodly.test', items: [{ productId, quantity }], cardToken }));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; status: string; cancellationReason?: string };
}

describe('npm run foodly -- lab-22-saga-pedido, with the real Redis', () => {
  it('confirms a paid order and compensates a declined and a timed-out charge', { timeout: 240_000 }, async () => {
    const output: string[] = [];
    const foodly = spawn(typeStrippingNode(), ['sandboxes/lib/foodly.ts', 'lab-22-saga-pedido'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    foodly.stdout.on('data', collect);
    foodly.stderr.on('data', collect);
    const exited = new Promise<void>((resolve) => foodly.once('exit', () => resolve()));
    let redis: Redis | undefined;
    try {
      const redisUrl = await until('the Redis note', async () => /Redis: (\S+)/.exec(output.join('\n'))?.[1], 90_000);
      expect(redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:6379\/([1-9]|1[0-5])$/);
      redis = new Redis(redisUrl);
      for (const url of [PRODUCTS, ORDERS, PAYMENTS]) await until(`${url}/ping`, async () => ((await fetch(`${url}/ping`)).ok ? true : undefined));

      const stock = async (id: string) => (await getJson<{ stock: number }>(`${PRODUCTS}/products/${id}`)).stock;
      const initial = await stock('p-4');
      // The read put p-4 in the real Redis (cache-aside, lab 19).
      expect(JSON.parse((await redis.get('products:p-4')) ?? 'null')).toMatchObject({ id: 'p-4', stock: initial });

      const confirmed = await placeOrder('p-4', 2, 'tok_visa');
      expect(confirmed.status).toBe('confirmed');
      expect(await redis.exists('products:p-4'), 'the reservation invalidated the cached entry').toBe(0);
      expect(await stock('p-4')).toBe(initial - 2);

      const declined = await placeOrder('p-4', 2, 'tok_declined');
      expect(declined).toMatchObject({ status: 'cancelled', cancellationReason: 'PAYMENT_DECLINED' });
      expect(await stock('p-4'), 'the compensation gave the 2 units back').toBe(initial - 2);
      expect(await getJson(`${PRODUCTS}/reservations/${declined.id}`)).toMatchObject({ status: 'released' });

      const slow = await placeOrder('p-4', 1, 'tok_slow');
      expect(slow).toMatchObject({ status: 'cancelled', cancellationReason: 'PAYMENT_TIMEOUT' });
      expect(await stock('p-4')).toBe(initial - 2);
      expect(await getJson(`${PAYMENTS}/payments/${slow.id}`)).toMatchObject({ status: 'refunded' });
      await until('the late answer of the card network', async () => (output.some((line) => line.includes(`${slow.id}: la red contestó tarde`)) ? true : undefined), 15_000);
      expect(await getJson(`${PAYMENTS}/payments/${slow.id}`)).toMatchObject({ status: 'refunded' });
      expect(await getJson(`${ORDERS}/orders/${slow.id}`)).toMatchObject({ status: 'cancelled', cancellationReason: 'PAYMENT_TIMEOUT' });
    } finally {
      redis?.disconnect();
      foodly.kill('SIGTERM');
      await exited;
    }
  });
});
