// One behaviour suite for "an amqplib module connected to a RabbitMQ": run against the real
// amqplib + the real RabbitMQ and against our shim + the emulated broker
// (amqp.contract.test.ts). Any behaviour where the two disagree fails here. Names carry a random
// suffix and are deleted after each test, so parallel runs on one server do not collide.

import { afterEach, describe, expect, it } from 'vitest';
import type * as amqplib from 'amqplib';

type Amqp = Pick<typeof amqplib, 'connect'>;
type ChannelModel = amqplib.ChannelModel;
type Channel = amqplib.Channel;
type Message = amqplib.ConsumeMessage;

export interface AmqpContractTarget {
  /** The amqplib module under test (real, or the sandbox shim). */
  amqp: Amqp;
  url: string;
}

const text = (value: string) => Buffer.from(value);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function once<T = unknown>(emitter: { once(event: string, listener: (value: T) => void): unknown }, event: string, timeoutMs = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' event within ${timeoutMs} ms`)), timeoutMs);
    emitter.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export function defineAmqpContract(label: string, target: () => AmqpContractTarget | Promise<AmqpContractTarget>): void {
  describe(`amqplib contract: ${label}`, () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    let counter = 0;
    let connections: ChannelModel[] = [];
    let queues: string[] = [];
    let exchanges: string[] = [];

    const name = (kind: 'q' | 'x', what: string) => {
      const full = `contract-${suffix}-${++counter}-${what}`;
      (kind === 'q' ? queues : exchanges).push(full);
      return full;
    };

    async function connect(): Promise<ChannelModel> {
      const { amqp, url } = await target();
      const connection = await amqp.connect(url);
      connections.push(connection);
      return connection;
    }

    async function channel(): Promise<Channel> {
      return (await connect()).createChannel();
    }

    /** Consumes into an array, acking each message unless told not to. */
    async function collect(ch: Channel, queue: string, options: { ack?: boolean } = {}): Promise<Message[]> {
      const received: Message[] = [];
      await ch.consume(queue, (message) => {
        if (!message) return;
        received.push(message);
        if (options.ack !== false) ch.ack(message);
      });
      return received;
    }

    afterEach(async () => {
      for (const connection of connections) await connection.close().catch(() => undefined);
      connections = [];
      const { amqp, url } = await target();
      const cleanup = await amqp.connect(url);
      const ch = await cleanup.createChannel();
      for (const queue of queues) await ch.deleteQueue(queue);
      for (const exchange of exchanges) await ch.deleteExchange(exchange);
      await cleanup.close();
      queues = [];
      exchanges = [];
    });

    describe('routing', () => {
      it('a direct exchange delivers to the queues bound with the exact routing key', async () => {
        const ch = await channel();
        const exchange = name('x', 'direct');
        const paid = name('q', 'paid');
        const created = name('q', 'created');
        await ch.assertExchange(exchange, 'direct', { durable: false });
        await ch.assertQueue(paid, { durable: false });
        await ch.assertQueue(created, { durable: false });
        await ch.bindQueue(paid, exchange, 'order.paid');
        await ch.bindQueue(created, exchange, 'order.created');
        const paidMessages = await collect(ch, paid);
        const createdMessages = await collect(ch, created);
        expect(ch.publish(exchange, 'order.paid', text('1'))).toBe(true);
        ch.publish(exchange, 'order.created', text('2'));
        ch.publish(exchange, 'order.unknown', text('3'));
        ch.publish(exchange, 'order.paid', text('4'));
        await waitUntil(() => paidMessages.length === 2 && createdMessages.length === 1, 'deliveries');
        await sleep(30);
        expect(paidMessages.map((m) => m.content.toString())).toEqual(['1', '4']);
        expect(createdMessages.map((m) => m.content.toString())).toEqual(['2']);
        expect(paidMessages[0]!.fields).toMatchObject({ exchange, routingKey: 'order.paid', redelivered: false });
      });

      it('a topic exchange matches * (one word) and # (zero or more words)', async () => {
        const ch = await channel();
        const exchange = name('x', 'topic');
        await ch.assertExchange(exchange, 'topic', { durable: false });
        const patterns = ['order.*', 'order.#', '*.created', '#', 'order.*.late'];
        const received = new Map<string, Message[]>();
        for (const pattern of patterns) {
          const queue = name('q', `topic-${pattern.replaceAll('*', 'star').replaceAll('#', 'hash')}`);
          await ch.assertQueue(queue, { durable: false });
          await ch.bindQueue(queue, exchange, pattern);
          received.set(pattern, await collect(ch, queue));
        }
        const keys = ['order.created', 'order.paid.late', 'order', 'user.created'];
        for (const key of keys) ch.publish(exchange, key, text(key));
        const expected: Record<string, string[]> = {
          'order.*': ['order.created'],
          'order.#': ['order.created', 'order.paid.late', 'order'],
          '*.created': ['order.created', 'user.created'],
          '#': keys,
          'order.*.late': ['order.paid.late'],
        };
        await waitUntil(() => patterns.every((p) => received.get(p)!.length >= expected[p]!.length), 'topic deliveries');
        await sleep(30);
        for (const pattern of patterns) {
          expect(received.get(pattern)!.map((m) => m.content.toString()), pattern).toEqual(expected[pattern]);
        }
      });

      it('a fanout exchange copies every message to every bound queue, ignoring the routing key', async () => {
        const ch = await channel();
        const exchange = name('x', 'fanout');
        await ch.assertExchange(exchange, 'fanout', { durable: false });
        const inboxes: Message[][] = [];
        for (const label of ['a', 'b', 'c']) {
          const queue = name('q', `fanout-${label}`);
          await ch.assertQueue(queue, { durable: false });
          await ch.bindQueue(queue, exchange, label === 'a' ? 'ignored' : '');
          inboxes.push(await collect(ch, queue));
        }
        ch.publish(exchange, 'anything', text('hello'));
        await waitUntil(() => inboxes.every((inbox) => inbox.length === 1), 'fanout deliveries');
        expect(inboxes.map((inbox) => inbox[0]!.content.toString())).toEqual(['hello', 'hello', 'hello']);
      });

      it('sendToQueue goes through the default exchange; unbinding stops delivery', async () => {
        const ch = await channel();
        const exchange = name('x', 'unbind');
        const queue = name('q', 'unbind');
        await ch.assertExchange(exchange, 'direct', { durable: false });
        await ch.assertQueue(queue, { durable: false });
        await ch.bindQueue(queue, exchange, 'k');
        await ch.unbindQueue(queue, exchange, 'k');
        ch.publish(exchange, 'k', text('dropped'));
        ch.sendToQueue(queue, text('direct'));
        await waitUntil(async () => (await ch.checkQueue(queue)).messageCount === 1, 'one message');
        const message = await ch.get(queue);
        expect(message && message.content.toString()).toBe('direct');
        expect(message && message.fields).toMatchObject({ exchange: '', routingKey: queue, redelivered: false, messageCount: 0 });
      });
      it('a headers exchange matches on x-match all / any', async () => {
        const ch = await channel();
        const exchange = name('x', 'headers');
        await ch.assertExchange(exchange, 'headers', { durable: false });
        const all = name('q', 'all');
        const any = name('q', 'any');
        await ch.assertQueue(all, { durable: false });
        await ch.assertQueue(any, { durable: false });
        await ch.bindQueue(all, exchange, '', { 'x-match': 'all', type: 'order', region: 'eu' });
        await ch.bindQueue(any, exchange, '', { 'x-match': 'any', type: 'order', region: 'eu' });
        const fromAll = await collect(ch, all);
        const fromAny = await collect(ch, any);
        ch.publish(exchange, '', text('both'), { headers: { type: 'order', region: 'eu' } });
        ch.publish(exchange, '', text('one'), { headers: { type: 'order', region: 'us' } });
        ch.publish(exchange, '', text('none'), { headers: { type: 'user' } });
        await waitUntil(() => fromAll.length === 1 && fromAny.length === 2, 'header-routed deliveries');
        await sleep(30);
        expect(fromAll.map((m) => m.content.toString())).toEqual(['both']);
        expect(fromAny.map((m) => m.content.toString())).toEqual(['both', 'one']);
      });

      it('an exchange bound to another exchange forwards what matches', async () => {
        const ch = await channel();
        const upstream = name('x', 'upstream');
        const downstream = name('x', 'downstream');
        const queue = name('q', 'e2e');
        await ch.assertExchange(upstream, 'topic', { durable: false });
        await ch.assertExchange(downstream, 'fanout', { durable: false });
        await ch.bindExchange(downstream, upstream, 'order.#');
        await ch.assertQueue(queue, { durable: false });
        await ch.bindQueue(queue, downstream, '');
        const received = await collect(ch, queue);
        ch.publish(upstream, 'order.created', text('yes'));
        ch.publish(upstream, 'user.created', text('no'));
        await waitUntil(() => received.length === 1, 'the forwarded message');
        await sleep(30);
        expect(received.map((m) => [m.content.toString(), m.fields.exchange, m.fields.routingKey])).toEqual([['yes', upstream, 'order.created']]);
      });

      it('an unroutable mandatory message comes back as a return (312 NO_ROUTE)', async () => {
        const ch = await channel();
        const exchange = name('x', 'mandatory');
        await ch.assertExchange(exchange, 'direct', { durable: false });
        const returned = once<Message>(ch, 'return');
        ch.publish(exchange, 'nobody', text('bounce'), { mandatory: true, messageId: 'r-1' });
        const message = await returned;
        expect(message.fields).toEqual({ replyCode: 312, replyText: 'NO_ROUTE', exchange, routingKey: 'nobody' });
        expect([message.content.toString(), message.properties.messageId]).toEqual(['bounce', 'r-1']);
      });
    });

    describe('queues and messages', () => {
      it('a server-named exclusive queue gets an amq.gen- name; check/purge/delete report counts', async () => {
        const ch = await channel();
        const reply = await ch.assertQueue('', { exclusive: true });
        expect(reply).toEqual({ queue: expect.stringMatching(/^amq\.gen-[\w-]{22}$/), messageCount: 0, consumerCount: 0 });
        ch.sendToQueue(reply.queue, text('a'));
        ch.sendToQueue(reply.queue, text('b'));
        await waitUntil(async () => (await ch.checkQueue(reply.queue)).messageCount === 2, 'two messages');
        expect(await ch.purgeQueue(reply.queue)).toEqual({ messageCount: 2 });
        ch.sendToQueue(reply.queue, text('c'));
        await waitUntil(async () => (await ch.checkQueue(reply.queue)).messageCount === 1, 'one message');
        expect(await ch.deleteQueue(reply.queue)).toEqual({ messageCount: 1 });
        expect(await ch.deleteQueue(reply.queue)).toEqual({ messageCount: 0 });
      });

      it('a durable queue keeps persistent messages with their properties and headers', async () => {
        const ch = await channel();
        const queue = name('q', 'durable');
        await ch.assertQueue(queue, { durable: true });
        const body = { orderId: 'o-1', total: 12.5 };
        ch.sendToQueue(queue, Buffer.from(JSON.stringify(body)), {
          persistent: true,
          headers: { 'x-trace-id': 't-1', attempt: 1 },
          messageId: 'm-1',
          contentType: 'application/json',
          correlationId: 'c-1',
          timestamp: 1_700_000_000,
        });
        await waitUntil(async () => (await ch.checkQueue(queue)).messageCount === 1, 'the message');
        const message = await ch.get(queue, { noAck: true });
        expect(message).not.toBe(false);
        if (!message) return;
        expect(Buffer.isBuffer(message.content)).toBe(true);
        expect(JSON.parse(message.content.toString())).toEqual(body);
        expect(message.properties).toEqual({
          contentType: 'application/json',
          contentEncoding: undefined,
          headers: { 'x-trace-id': 't-1', attempt: 1 },
          deliveryMode: 2,
          priority: undefined,
          correlationId: 'c-1',
          replyTo: undefined,
          expiration: undefined,
          messageId: 'm-1',
          timestamp: 1_700_000_000,
          type: undefined,
          userId: undefined,
          appId: undefined,
          clusterId: undefined,
        });
        expect(await ch.get(queue)).toBe(false);
      });

      it('competing consumers share a queue: every message goes to exactly one of them', async () => {
        const connection = await connect();
        const queue = name('q', 'competing');
        const a = await connection.createChannel();
        const b = await connection.createChannel();
        await a.assertQueue(queue, { durable: false });
        await a.prefetch(1);
        await b.prefetch(1);
        const fromA = await collect(a, queue);
        const fromB = await collect(b, queue);
        for (let i = 0; i < 20; i++) a.sendToQueue(queue, text(String(i)));
        await waitUntil(() => fromA.length + fromB.length === 20, '20 deliveries');
        await sleep(30);
        const all = [...fromA, ...fromB].map((m) => Number(m.content.toString())).sort((x, y) => x - y);
        expect(all).toEqual(Array.from({ length: 20 }, (_, i) => i));
        expect(fromA.length).toBeGreaterThan(0);
        expect(fromB.length).toBeGreaterThan(0);
      });

      it('prefetch limits unacknowledged deliveries; acking lets the next one through', async () => {
        const ch = await channel();
        const queue = name('q', 'prefetch');
        await ch.assertQueue(queue, { durable: false });
        await ch.prefetch(2);
        const received = await collect(ch, queue, { ack: false });
        for (let i = 0; i < 5; i++) ch.sendToQueue(queue, text(String(i)));
        await waitUntil(() => received.length === 2, 'two deliveries');
        await sleep(80);
        expect(received.map((m) => m.content.toString())).toEqual(['0', '1']);
        expect((await ch.checkQueue(queue)).messageCount).toBe(3);
        ch.ack(received[0]!);
        await waitUntil(() => received.length === 3, 'a third delivery');
        await sleep(50);
        expect(received.length).toBe(3);
        ch.ack(received[2]!, true); // multiple: acks 1 and 2 as well
        await waitUntil(() => received.length === 5, 'the rest');
        expect(received.map((m) => m.content.toString())).toEqual(['0', '1', '2', '3', '4']);
      });

      it('prefetch applies to consumers started after it, not to earlier ones', async () => {
        const ch = await channel();
        const early = name('q', 'early');
        const late = name('q', 'late');
        await ch.assertQueue(early, { durable: false });
        await ch.assertQueue(late, { durable: false });
        const fromEarly = await collect(ch, early, { ack: false });
        await ch.prefetch(1);
        const fromLate = await collect(ch, late, { ack: false });
        for (let i = 0; i < 3; i++) {
          ch.sendToQueue(early, text(`e${i}`));
          ch.sendToQueue(late, text(`l${i}`));
        }
        await waitUntil(() => fromEarly.length === 3 && fromLate.length === 1, 'deliveries');
        await sleep(50);
        expect([fromEarly.length, fromLate.length]).toEqual([3, 1]);
        ch.ackAll();
        await waitUntil(() => fromLate.length === 2, 'the next one after ackAll');
      });

      it('a basic.get left unacked comes back when its channel closes', async () => {
        const ch = await channel();
        const queue = name('q', 'get-unacked');
        await ch.assertQueue(queue, { durable: false });
        ch.sendToQueue(queue, text('peek'));
        await waitUntil(async () => (await ch.checkQueue(queue)).messageCount === 1, 'the message');
        const taken = await ch.get(queue);
        expect(taken && taken.fields.redelivered).toBe(false);
        expect((await ch.checkQueue(queue)).messageCount).toBe(0);
        await ch.close();
        const other = await channel();
        await waitUntil(async () => (await other.checkQueue(queue)).messageCount === 1, 'the requeued message');
        const again = await other.get(queue, { noAck: true });
        expect(again && [again.content.toString(), again.fields.redelivered]).toEqual(['peek', true]);
      });

      it('nack with requeue redelivers the message with redelivered=true', async () => {
        const ch = await channel();
        const queue = name('q', 'requeue');
        await ch.assertQueue(queue, { durable: false });
        const seen: Message[] = [];
        await ch.consume(queue, (message) => {
          if (!message) return;
          seen.push(message);
          if (seen.length === 1) ch.nack(message);
          else ch.ack(message);
        });
        ch.sendToQueue(queue, text('retry me'));
        await waitUntil(() => seen.length === 2, 'a redelivery');
        expect(seen.map((m) => [m.content.toString(), m.fields.redelivered])).toEqual([
          ['retry me', false],
          ['retry me', true],
        ]);
      });

      it('reject without requeue dead-letters to the DLX with an x-death header', async () => {
        const ch = await channel();
        const dlx = name('x', 'dlx');
        const dlq = name('q', 'dlq');
        const work = name('q', 'work');
        const exchange = name('x', 'orders');
        await ch.assertExchange(dlx, 'fanout', { durable: false });
        await ch.assertQueue(dlq, { durable: false });
        await ch.bindQueue(dlq, dlx, '');
        await ch.assertExchange(exchange, 'topic', { durable: false });
        await ch.assertQueue(work, { durable: false, deadLetterExchange: dlx });
        await ch.bindQueue(work, exchange, 'order.*');
        const dead = await collect(ch, dlq);
        await ch.consume(work, (message) => message && ch.nack(message, false, false));
        ch.publish(exchange, 'order.created', text('poison'), { headers: { source: 'test' }, messageId: 'p-1' });
        await waitUntil(() => dead.length === 1, 'a dead letter');
        const [message] = dead;
        expect(message!.content.toString()).toBe('poison');
        expect(message!.fields).toMatchObject({ exchange: dlx, routingKey: 'order.created', redelivered: false });
        expect(message!.properties.messageId).toBe('p-1');
        expect(message!.properties.headers).toEqual({
          source: 'test',
          'x-death': [
            {
              count: 1,
              reason: 'rejected',
              queue: work,
              time: { '!': 'timestamp', value: expect.any(Number) },
              exchange,
              'routing-keys': ['order.created'],
            },
          ],
          'x-first-death-exchange': exchange,
          'x-first-death-queue': work,
          'x-first-death-reason': 'rejected',
        });
      });

      it('dead-lettering twice from the same queue counts 2 in one x-death entry', async () => {
        const ch = await channel();
        const retry = name('x', 'retry-now');
        const work = name('q', 'work');
        await ch.assertExchange(retry, 'fanout', { durable: false });
        await ch.assertQueue(work, { durable: false, deadLetterExchange: retry });
        await ch.bindQueue(work, retry, '');
        const seen: Message[] = [];
        await ch.consume(work, (message) => {
          if (!message) return;
          seen.push(message);
          if (seen.length < 3) ch.reject(message, false);
          else ch.ack(message);
        });
        ch.sendToQueue(work, text('job'));
        await waitUntil(() => seen.length === 3, 'the third attempt');
        const deaths = seen[2]!.properties.headers!['x-death'] as unknown as Array<Record<string, unknown>>;
        expect(deaths.map((death) => [death.queue, death.reason, death.count, death.exchange])).toEqual([[work, 'rejected', 2, '']]);
        expect(seen[2]!.fields).toMatchObject({ exchange: retry, redelivered: false });
      });

      it('a queue TTL with a DLX gives a delayed retry; x-death records both deaths', async () => {
        const ch = await channel();
        const workExchange = name('x', 'work');
        const retryExchange = name('x', 'retry');
        const work = name('q', 'work');
        const retry = name('q', 'retry-100ms');
        await ch.assertExchange(workExchange, 'direct', { durable: false });
        await ch.assertExchange(retryExchange, 'direct', { durable: false });
        await ch.assertQueue(work, { durable: false, deadLetterExchange: retryExchange });
        await ch.bindQueue(work, workExchange, 'task');
        await ch.assertQueue(retry, { durable: false, messageTtl: 100, deadLetterExchange: workExchange });
        await ch.bindQueue(retry, retryExchange, 'task');
        const attempts: Array<{ at: number; message: Message }> = [];
        await ch.consume(work, (message) => {
          if (!message) return;
          attempts.push({ at: Date.now(), message });
          if (attempts.length === 1) ch.nack(message, false, false);
          else ch.ack(message);
        });
        ch.publish(workExchange, 'task', text('flaky job'));
        await waitUntil(() => attempts.length === 2, 'the retried delivery');
        const [first, second] = attempts;
        expect(second!.at - first!.at).toBeGreaterThanOrEqual(90);
        expect(second!.message.fields).toMatchObject({ exchange: workExchange, routingKey: 'task', redelivered: false });
        const deaths = second!.message.properties.headers!['x-death'] as unknown as Array<Record<string, unknown>>;
        expect(deaths.map((death) => [death.queue, death.reason, death.count])).toEqual([
          [retry, 'expired', 1],
          [work, 'rejected', 1],
        ]);
        expect(second!.message.properties.headers!['x-first-death-reason']).toBe('rejected');
      });

      it('a per-message expiration dead-letters with original-expiration and no expiration property', async () => {
        const ch = await channel();
        const dlx = name('x', 'dlx');
        const dlq = name('q', 'dlq');
        const parking = name('q', 'parking');
        await ch.assertExchange(dlx, 'fanout', { durable: false });
        await ch.assertQueue(dlq, { durable: false });
        await ch.bindQueue(dlq, dlx, '');
        await ch.assertQueue(parking, { durable: false, deadLetterExchange: dlx });
        const dead = await collect(ch, dlq);
        ch.sendToQueue(parking, text('late'), { expiration: 50 });
        await waitUntil(() => dead.length === 1, 'the expired message');
        expect(dead[0]!.properties.expiration).toBeUndefined();
        const [death] = dead[0]!.properties.headers!['x-death'] as unknown as Array<Record<string, unknown>>;
        expect(death).toMatchObject({ reason: 'expired', queue: parking, 'original-expiration': '50', count: 1 });
      });

      it('requeued messages go back to their original position, flagged redelivered', async () => {
        const ch = await channel();
        const queue = name('q', 'order');
        await ch.assertQueue(queue, { durable: false });
        await ch.prefetch(3);
        const first = await collect(ch, queue, { ack: false });
        for (const id of ['1', '2', '3', '4']) ch.sendToQueue(queue, text(id));
        await waitUntil(() => first.length === 3, 'three deliveries');
        await ch.cancel(first[0]!.fields.consumerTag);
        ch.nack(first[2]!, true, true); // all up to the third, requeued
        await waitUntil(async () => (await ch.checkQueue(queue)).messageCount === 4, 'four ready messages');
        const again: Array<[string, boolean]> = [];
        for (let i = 0; i < 4; i++) {
          const message = await ch.get(queue, { noAck: true });
          if (message) again.push([message.content.toString(), message.fields.redelivered]);
        }
        expect(again).toEqual([
          ['1', true],
          ['2', true],
          ['3', true],
          ['4', false],
        ]);
      });

      it('a global prefetch is shared by all consumers of the channel', async () => {
        const ch = await channel();
        const a = name('q', 'global-a');
        const b = name('q', 'global-b');
        await ch.assertQueue(a, { durable: false });
        await ch.assertQueue(b, { durable: false });
        await ch.prefetch(1, true);
        const fromA = await collect(ch, a, { ack: false });
        const fromB = await collect(ch, b, { ack: false });
        ch.sendToQueue(a, text('a1'));
        ch.sendToQueue(b, text('b1'));
        await waitUntil(() => fromA.length + fromB.length >= 1, 'one delivery');
        await sleep(80);
        expect(fromA.length + fromB.length).toBe(1);
        const [only] = [...fromA, ...fromB];
        ch.ack(only!);
        await waitUntil(() => fromA.length + fromB.length === 2, 'the second delivery');
        expect([...fromA, ...fromB].map((m) => m.content.toString()).sort()).toEqual(['a1', 'b1']);
      });

      it('x-max-length drops (and dead-letters) the oldest messages with reason maxlen', async () => {
        const ch = await channel();
        const dlx = name('x', 'dlx');
        const dlq = name('q', 'dlq');
        const bounded = name('q', 'bounded');
        await ch.assertExchange(dlx, 'fanout', { durable: false });
        await ch.assertQueue(dlq, { durable: false });
        await ch.bindQueue(dlq, dlx, '');
        await ch.assertQueue(bounded, { durable: false, maxLength: 2, deadLetterExchange: dlx });
        for (const id of ['1', '2', '3', '4']) ch.sendToQueue(bounded, text(id));
        const dropped = await collect(ch, dlq);
        await waitUntil(() => dropped.length === 2, 'two dropped messages');
        expect(dropped.map((m) => m.content.toString())).toEqual(['1', '2']);
        expect((dropped[0]!.properties.headers!['x-death'] as unknown as Array<Record<string, unknown>>)[0]).toMatchObject({ reason: 'maxlen', queue: bounded });
        const kept: string[] = [];
        for (let i = 0; i < 2; i++) {
          const message = await ch.get(bounded, { noAck: true });
          if (message) kept.push(message.content.toString());
        }
        expect(kept).toEqual(['3', '4']);
      });

      it('a dead-letter cycle with only expiries drops the message instead of looping', async () => {
        const ch = await channel();
        const toB = name('x', 'to-b');
        const toA = name('x', 'to-a');
        const a = name('q', 'cycle-a');
        const b = name('q', 'cycle-b');
        await ch.assertExchange(toA, 'fanout', { durable: false });
        await ch.assertExchange(toB, 'fanout', { durable: false });
        await ch.assertQueue(a, { durable: false, messageTtl: 30, deadLetterExchange: toB });
        await ch.assertQueue(b, { durable: false, messageTtl: 30, deadLetterExchange: toA });
        await ch.bindQueue(a, toA, '');
        await ch.bindQueue(b, toB, '');
        ch.sendToQueue(a, text('ping'));
        await sleep(250);
        expect([(await ch.checkQueue(a)).messageCount, (await ch.checkQueue(b)).messageCount]).toEqual([0, 0]);
      });

      it('an auto-delete queue disappears when its last consumer is cancelled', async () => {
        const ch = await channel();
        const queue = name('q', 'auto-delete');
        await ch.assertQueue(queue, { durable: false, autoDelete: true });
        const { consumerTag } = await ch.consume(queue, () => undefined);
        await ch.cancel(consumerTag);
        const errors: Error[] = [];
        ch.on('error', (error: Error) => errors.push(error));
        await expect(ch.checkQueue(queue)).rejects.toThrow(`NOT_FOUND - no queue '${queue}' in vhost '/'`);
      });

      it('a consumer whose channel closes before ack: the message is redelivered to another consumer', async () => {
        const first = await channel();
        const second = await channel();
        const queue = name('q', 'crash');
        await first.assertQueue(queue, { durable: false });
        const unacked = await collect(first, queue, { ack: false });
        first.sendToQueue(queue, text('order-42'));
        await waitUntil(() => unacked.length === 1, 'the first delivery');
        const redelivered = await collect(second, queue);
        await sleep(30);
        expect(redelivered).toHaveLength(0);
        await first.close();
        await waitUntil(() => redelivered.length === 1, 'the redelivery');
        expect(redelivered[0]!.content.toString()).toBe('order-42');
        expect(redelivered[0]!.fields.redelivered).toBe(true);
      });

      it('a crashed service (connection gone) gets its unacked messages redelivered', async () => {
        const crashing = await connect();
        const survivor = await channel();
        const queue = name('q', 'crash-conn');
        const ch = await crashing.createChannel();
        await ch.assertQueue(queue, { durable: false });
        await ch.prefetch(10);
        const unacked = await collect(ch, queue, { ack: false });
        for (const id of ['a', 'b', 'c']) ch.sendToQueue(queue, text(id));
        await waitUntil(() => unacked.length === 3, 'three deliveries');
        await crashing.close();
        const redelivered = await collect(survivor, queue);
        await waitUntil(() => redelivered.length === 3, 'three redeliveries');
        expect(redelivered.map((m) => [m.content.toString(), m.fields.redelivered])).toEqual([
          ['a', true],
          ['b', true],
          ['c', true],
        ]);
      });

      it('a consumer callback that throws closes the channel with the error; the message comes back', async () => {
        const failing = await channel();
        const queue = name('q', 'throws');
        await failing.assertQueue(queue, { durable: false });
        const errors: Error[] = [];
        failing.on('error', (error: Error) => errors.push(error));
        const closed = once(failing, 'close');
        await failing.consume(queue, () => {
          throw new Error('handler bug');
        });
        failing.sendToQueue(queue, text('boom'));
        await closed;
        expect(errors.map((e) => [e.message, (e as Error & { code?: number }).code])).toEqual([['handler bug', 541]]);
        const other = await channel();
        await waitUntil(async () => (await other.checkQueue(queue)).messageCount === 1, 'the requeued message');
        const message = await other.get(queue);
        expect(message && [message.content.toString(), message.fields.redelivered]).toEqual(['boom', true]);
      });

      it('cancel stops deliveries; deleting the queue cancels its consumers with null', async () => {
        const ch = await channel();
        const queue = name('q', 'cancel');
        await ch.assertQueue(queue, { durable: false });
        const received: Array<Message | null> = [];
        const { consumerTag } = await ch.consume(queue, (message) => {
          received.push(message);
          if (message) ch.ack(message);
        });
        expect(consumerTag).toMatch(/^amq\.ctag-[\w-]{22}$/);
        expect(await ch.cancel(consumerTag)).toEqual({ consumerTag });
        ch.sendToQueue(queue, text('after cancel'));
        await waitUntil(async () => (await ch.checkQueue(queue)).messageCount === 1, 'a ready message');
        expect(received).toEqual([]);
        const second = await ch.consume(queue, (message) => received.push(message), { noAck: true });
        await waitUntil(() => received.length === 1, 'the delivery');
        const cancelled = once<{ consumerTag: string }>(ch, 'cancel');
        await ch.deleteQueue(queue);
        expect(await cancelled).toEqual({ consumerTag: second.consumerTag, nowait: true });
        expect(received.at(-1)).toBeNull();
      });

      it('a confirm channel confirms publishes; waitForConfirms resolves', async () => {
        const connection = await connect();
        const ch = await connection.createConfirmChannel();
        const queue = name('q', 'confirms');
        await ch.assertQueue(queue, { durable: false });
        const confirmations: unknown[] = [];
        for (let i = 0; i < 3; i++) ch.sendToQueue(queue, text(String(i)), {}, (error) => confirmations.push(error));
        await ch.waitForConfirms();
        expect(confirmations).toEqual([null, null, null]);
        expect((await ch.checkQueue(queue)).messageCount).toBe(3);
      });
    });

    describe('errors, as the real client reports them', () => {
      async function expectChannelClosedBy(ch: Channel, operation: () => Promise<unknown>, expected: { rejection: string; close: string; code: number; classId: number; methodId: number }) {
        const errors: Array<Error & { code?: number; classId?: number; methodId?: number }> = [];
        ch.on('error', (error: Error) => errors.push(error));
        const closed = once(ch, 'close');
        const failure = await operation().then(
          () => null,
          (error: Error & { code?: number }) => error,
        );
        await closed;
        expect(failure?.message).toBe(expected.rejection);
        expect(failure?.code).toBe(expected.code);
        expect(errors.map((e) => [e.message, e.code, e.classId, e.methodId])).toEqual([[expected.close, expected.code, expected.classId, expected.methodId]]);
        // The channel is closed, as amqplib's is: every later call fails fast.
        expect(() => ch.publish('', 'x', text('x'))).toThrow(expect.objectContaining({ name: 'IllegalOperationError', message: 'Channel closed' }));
        await expect(ch.assertQueue('')).rejects.toThrow('Channel closed');
        await expect(ch.close()).rejects.toThrow('Channel closed');
      }

      it('checkExchange on a missing exchange: 404 NOT_FOUND, channel closed', async () => {
        const ch = await channel();
        const missing = `contract-${suffix}-missing-exchange`;
        const server = `404 (NOT-FOUND) with message "NOT_FOUND - no exchange '${missing}' in vhost '/'"`;
        await expectChannelClosedBy(ch, () => ch.checkExchange(missing), {
          rejection: `Operation failed: ExchangeDeclare; ${server}`,
          close: `Channel closed by server: ${server}`,
          code: 404,
          classId: 40,
          methodId: 10,
        });
      });

      it('publishing to a missing exchange: publish returns, then the channel closes with 404', async () => {
        const ch = await channel();
        const missing = `contract-${suffix}-nowhere`;
        const errors: Array<Error & { code?: number; classId?: number; methodId?: number }> = [];
        ch.on('error', (error: Error) => errors.push(error));
        const closed = once(ch, 'close');
        expect(ch.publish(missing, 'k', text('lost'))).toBe(true);
        await closed;
        expect(errors.map((e) => [e.message, e.code, e.classId, e.methodId])).toEqual([
          [`Channel closed by server: 404 (NOT-FOUND) with message "NOT_FOUND - no exchange '${missing}' in vhost '/'"`, 404, 60, 40],
        ]);
        expect(() => ch.publish(missing, 'k', text('again'))).toThrow(expect.objectContaining({ name: 'IllegalOperationError', message: 'Channel closed' }));
      });

      it('checkQueue and consume on a missing queue: 404 with the queue name', async () => {
        const missing = `contract-${suffix}-missing-queue`;
        const server = `404 (NOT-FOUND) with message "NOT_FOUND - no queue '${missing}' in vhost '/'"`;
        const a = await channel();
        await expectChannelClosedBy(a, () => a.checkQueue(missing), {
          rejection: `Operation failed: QueueDeclare; ${server}`,
          close: `Channel closed by server: ${server}`,
          code: 404,
          classId: 50,
          methodId: 10,
        });
        const b = await channel();
        await expectChannelClosedBy(b, () => b.consume(missing, () => undefined), {
          rejection: `Operation failed: BasicConsume; ${server}`,
          close: `Channel closed by server: ${server}`,
          code: 404,
          classId: 60,
          methodId: 20,
        });
      });

      it('binding to a missing exchange: 404 from QueueBind', async () => {
        const ch = await channel();
        const queue = name('q', 'bind');
        await ch.assertQueue(queue, { durable: false });
        const missing = `contract-${suffix}-no-source`;
        const server = `404 (NOT-FOUND) with message "NOT_FOUND - no exchange '${missing}' in vhost '/'"`;
        await expectChannelClosedBy(ch, () => ch.bindQueue(queue, missing, 'k'), {
          rejection: `Operation failed: QueueBind; ${server}`,
          close: `Channel closed by server: ${server}`,
          code: 404,
          classId: 50,
          methodId: 20,
        });
      });

      it('redeclaring with other settings: 406 PRECONDITION_FAILED naming the argument', async () => {
        const ch = await channel();
        const exchange = name('x', 'typed');
        await ch.assertExchange(exchange, 'direct', { durable: false });
        const server = `406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - inequivalent arg 'type' for exchange '${exchange}' in vhost '/': received 'topic' but current is 'direct'"`;
        await expectChannelClosedBy(ch, () => ch.assertExchange(exchange, 'topic', { durable: false }), {
          rejection: `Operation failed: ExchangeDeclare; ${server}`,
          close: `Channel closed by server: ${server}`,
          code: 406,
          classId: 40,
          methodId: 10,
        });
        const other = await channel();
        const queue = name('q', 'ttl');
        await other.assertQueue(queue, { durable: false, messageTtl: 100 });
        const queueServer = `406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for queue '${queue}' in vhost '/': received none but current is the value '100' of type 'byte'"`;
        await expectChannelClosedBy(other, () => other.assertQueue(queue, { durable: false }), {
          rejection: `Operation failed: QueueDeclare; ${queueServer}`,
          close: `Channel closed by server: ${queueServer}`,
          code: 406,
          classId: 50,
          methodId: 10,
        });
      });

      it("the reserved 'amq.' prefix: 403 ACCESS_REFUSED for queues and exchanges", async () => {
        const a = await channel();
        const queueServer = `403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - queue name 'amq.${suffix}' contains reserved prefix 'amq.*'"`;
        await expectChannelClosedBy(a, () => a.assertQueue(`amq.${suffix}`, { durable: false }), {
          rejection: `Operation failed: QueueDeclare; ${queueServer}`,
          close: `Channel closed by server: ${queueServer}`,
          code: 403,
          classId: 50,
          methodId: 10,
        });
        const b = await channel();
        const exchangeServer = `403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - exchange name 'amq.${suffix}' contains reserved prefix 'amq.*'"`;
        await expectChannelClosedBy(b, () => b.assertExchange(`amq.${suffix}`, 'direct', { durable: false }), {
          rejection: `Operation failed: ExchangeDeclare; ${exchangeServer}`,
          close: `Channel closed by server: ${exchangeServer}`,
          code: 403,
          classId: 40,
          methodId: 10,
        });
      });

      it('system exchanges: redeclaring amq.direct as is works, deleting it is refused', async () => {
        const ch = await channel();
        expect(await ch.assertExchange('amq.direct', 'direct')).toEqual({ exchange: 'amq.direct' });
        expect(await ch.checkExchange('amq.topic')).toEqual({});
        const server = `403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - deletion of system exchange 'amq.direct' in vhost '/' not allowed"`;
        await expectChannelClosedBy(ch, () => ch.deleteExchange('amq.direct'), {
          rejection: `Operation failed: ExchangeDelete; ${server}`,
          close: `Channel closed by server: ${server}`,
          code: 403,
          classId: 40,
          methodId: 20,
        });
      });

      it('an unknown exchange type closes the whole connection with 503 COMMAND_INVALID', async () => {
        const connection = await connect();
        const ch = await connection.createChannel();
        const events: string[] = [];
        connection.on('error', (error: Error & { code?: number }) => events.push(`connection error ${error.code} ${error.message}`));
        ch.on('close', () => events.push('channel close'));
        connection.on('close', (error?: Error) => events.push(`connection close ${error ? 'with error' : 'clean'}`));
        const failure = await ch.assertExchange(`contract-${suffix}-odd`, 'nonsense', { durable: false }).then(
          () => null,
          (error: Error) => error.message,
        );
        await waitUntil(() => events.length === 3, 'close events');
        const server = `503 (COMMAND-INVALID) with message "COMMAND_INVALID - unknown exchange type 'nonsense'"`;
        expect(failure).toBe('Channel ended, no reply will be forthcoming');
        expect(events).toEqual([`connection error 503 Connection closed: ${server}`, 'channel close', 'connection close with error']);
        await expect(connection.createChannel()).rejects.toThrow(`Connection closed (Error: Connection closed: ${server})`);
      });

      it("another connection's exclusive queue: 405 RESOURCE_LOCKED", async () => {
        const owner = await channel();
        const { queue } = await owner.assertQueue('', { exclusive: true });
        const intruder = await channel();
        const server = `405 (RESOURCE-LOCKED) with message "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '${queue}' in vhost '/'. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration."`;
        await expectChannelClosedBy(intruder, () => intruder.checkQueue(queue), {
          rejection: `Operation failed: QueueDeclare; ${server}`,
          close: `Channel closed by server: ${server}`,
          code: 405,
          classId: 50,
          methodId: 10,
        });
      });

      it('acking an unknown delivery tag: 406 and the channel closes', async () => {
        const ch = await channel();
        const errors: Array<Error & { code?: number }> = [];
        ch.on('error', (error: Error) => errors.push(error));
        const closed = once(ch, 'close');
        ch.ack({ fields: { deliveryTag: 99 } } as Message);
        await closed;
        expect(errors.map((e) => [e.message, e.code])).toEqual([
          ['Channel closed by server: 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - unknown delivery tag 99"', 406],
        ]);
      });

      it('using a channel after close() throws IllegalOperationError("Channel closed")', async () => {
        const ch = await channel();
        const closed = once(ch, 'close');
        await ch.close();
        await closed;
        expect(() => ch.sendToQueue('q', text('x'))).toThrow(expect.objectContaining({ name: 'IllegalOperationError', message: 'Channel closed' }));
        expect(() => ch.ack({ fields: { deliveryTag: 1 } } as Message)).toThrow('Channel closed');
        await expect(ch.checkQueue('q')).rejects.toThrow('Channel closed');
      });

      it('using a connection after close() fails with "Connection closed (by client)"', async () => {
        const connection = await connect();
        const ch = await connection.createChannel();
        const events: string[] = [];
        ch.on('close', () => events.push('channel close'));
        connection.on('close', (error?: Error) => events.push(`connection close ${error ? error.message : 'clean'}`));
        await connection.close();
        await waitUntil(() => events.length === 2, 'close events');
        expect(events).toEqual(['channel close', 'connection close clean']);
        await expect(connection.close()).rejects.toThrow('Connection closed (by client)');
        await expect(connection.createChannel()).rejects.toThrow('Connection closed (by client)');
        expect(() => ch.publish('', 'q', text('x'))).toThrow('Channel closed');
      });

      it('content must be a Buffer: anything else throws TypeError', async () => {
        const ch = await channel();
        expect(() => ch.sendToQueue('q', 'plain string' as never)).toThrow(new TypeError('content is not a buffer'));
        expect(() => ch.sendToQueue('q', { id: 1 } as never)).toThrow('content is not a buffer');
      });
    });
  });
}
