// Labs 13 and 14 (topic 9) with `npm run foodly`: the learner's solution code, started by the same
// script a learner runs (sandboxes/lib/foodly.ts, on the declared ports), against the machine's real
// RabbitMQ (its own vhost). Proves that what passes in the sandbox's emulated broker also works on
// a real server: the order reaches notifications through the topic exchange, a duplicate is
// ignored, a transient failure is retried through the TTL queue, and a poison message ends in the
// DLQ, which rabbitmqctl reads on the real server.
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { until } from './helpers.ts';
import { typeStrippingNode } from '../lib/node-runner.ts';

const run = promisify(execFile);
const ORDERS = 'http://127.0.0.1:3103';
const NOTIFICATIONS = 'http://127.0.0.1:3104';

type Sent = { orderId: string; to: string };
const sentFor = async (orderId: string): Promise<Sent[]> =>
  ((await (await fetch(`${NOTIFICATIONS}/notifications`)).json()) as { sent: Sent[] }).sent.filter((email) => email.orderId === orderId);

async function placeOrder(customerEmail: string): Promise<string> {
  const response = await fetch(`${ORDERS}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerEmail, items: [{ productId: 'p-2', quantity: 1 }] }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('npm run foodly -- lab-14-consumidor-idempotente, against the real RabbitMQ', () => {
  it('delivers, deduplicates, retries with delay and dead-letters on the real server', { timeout: 240_000 }, async () => {
    const output: string[] = [];
    const foodly = spawn(typeStrippingNode(), ['sandboxes/lib/foodly.ts', 'lab-14-consumidor-idempotente'], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    foodly.stdout.on('data', collect);
    foodly.stderr.on('data', collect);
    const exited = new Promise<void>((resolve) => foodly.once('exit', () => resolve()));
    const log = () => output.join('\n');
    try {
      // A vhost of its own on the real server (not the emulation, which has no vhosts).
      const vhost = await until('the vhost note', async () => /RabbitMQ: vhost (\S+)/.exec(log())?.[1], 90_000);
      await until('notifications consuming', async () => (/\[notifications-service\] .*consumiendo notifications\.order-placed/.test(log()) ? true : undefined), 60_000);
      await until('orders listening', async () => ((await fetch(`${ORDERS}/ping`)).ok ? true : undefined), 60_000);

      // Lab 13: OrderPlaced travels through the topic exchange to notifications, as a CloudEvent.
      const orderId = await placeOrder('ana@foodly.test');
      const [email] = await until('the e-mail', async () => ((await sentFor(orderId)).length > 0 ? sentFor(orderId) : undefined));
      expect(email).toMatchObject({ orderId, to: 'ana@foodly.test', event: { specversion: '1.0', type: 'com.foodly.order.placed', source: '/foodly/orders-service' } });
      expect(log()).toMatch(new RegExp(`\\[notifications-service\\] \\[email\\] Para: ana@foodly\\.test · Asunto: Confirmación del pedido ${orderId}`));

      // Lab 14: the same event id again is recognised and ignored.
      const republished = (await (await fetch(`${ORDERS}/_simulate/messages/republish-last`, { method: 'POST' })).json()) as { republished: string };
      await until('the duplicate log line', async () => (log().includes(`[idempotencia] ${republished.republished} ya procesado`) ? true : undefined));
      expect(await sentFor(orderId)).toHaveLength(1);

      // A transient failure goes through the TTL retry queue twice, then succeeds.
      const slow = await placeOrder('luis@lento.test');
      await until('the retried e-mail', async () => ((await sentFor(slow)).length > 0 ? true : undefined));
      expect(output.filter((line) => line.includes('[reintento]') && line.includes(slow))).toHaveLength(2);

      // A poison message is dead-lettered at once; the real server holds it in the DLQ.
      const poison = (await (await fetch(`${ORDERS}/_simulate/messages/poison`, { method: 'POST' })).json()) as { published: string };
      await until('the poison message in the DLQ', async () => (log().includes(`[dlq] ${poison.published}`) ? true : undefined));
      const deadLetters = (await (await fetch(`${NOTIFICATIONS}/dead-letters`)).json()) as { messages: number };
      expect(deadLetters.messages).toBe(1);
      const { stdout } = await run('rabbitmqctl', ['list_queues', '-p', vhost, '-q', 'name', 'messages', 'arguments'], { timeout: 60_000 });
      expect(stdout).toMatch(/notifications\.order-placed\.dlq\s+1/);
      expect(stdout).toMatch(/notifications\.order-placed\.retry\s+0\s+.*x-message-ttl/);
      expect(stdout).toMatch(/notifications\.order-placed\s+0\s+.*x-dead-letter-exchange/);
    } finally {
      foodly.kill('SIGTERM');
      await exited;
    }
  });
});
