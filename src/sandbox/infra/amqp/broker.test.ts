// Unit tests of the broker core's own rules (the contract suite covers behaviour shared with
// RabbitMQ; this covers the matcher in depth and what only the sandbox can provoke, such as a
// service worker terminated mid-delivery).
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AmqpBroker, topicMatches } from './broker.ts';
import { createAmqplib } from './client.ts';
import { createInProcessLink, type FrameLink } from '../shared/transport.ts';
import type { ClientFrame, ServerFrame } from './protocol.ts';

/** The AMQP topic rule, written as its definition: '*' one word, '#' zero or more words. */
function reference(pattern: string[], key: string[]): boolean {
  if (pattern.length === 0) return key.length === 0;
  const [head, ...rest] = pattern;
  if (head === '#') return reference(rest, key) || (key.length > 0 && reference(pattern, key.slice(1)));
  if (key.length === 0) return false;
  return (head === '*' || head === key[0]) && reference(rest, key.slice(1));
}

describe('topic matching', () => {
  it('agrees with the definition on known cases', () => {
    const cases: Array<[string, string, boolean]> = [
      ['order.*', 'order.created', true],
      ['order.*', 'order', false],
      ['order.*', 'order.paid.late', false],
      ['order.#', 'order', true],
      ['order.#', 'order.paid.late', true],
      ['#', '', true],
      ['#.late', 'order.paid.late', true],
      ['*.*.late', 'order.late', false],
      ['order.#.late', 'order.late', true],
      ['order.#.#.late', 'order.x.late', true],
      ['*', '', true], // an empty key is one empty word
    ];
    for (const [pattern, key, expected] of cases) expect(topicMatches(pattern.split('.'), key.split('.')), `${pattern} ~ ${key}`).toBe(expected);
  });

  it('agrees with the definition on random patterns and keys', () => {
    const word = fc.constantFrom('a', 'b', 'order', '');
    const patternWord = fc.oneof(word, fc.constant('*'), fc.constant('#'));
    fc.assert(
      fc.property(fc.array(patternWord, { minLength: 1, maxLength: 6 }), fc.array(word, { minLength: 1, maxLength: 6 }), (pattern, key) =>
        topicMatches(pattern, key) === reference(pattern, key),
      ),
      { numRuns: 3000 },
    );
  });
});

describe('broker core', () => {
  let broker: AmqpBroker;
  let clientLinks: Array<FrameLink<ClientFrame, ServerFrame>>;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  function amqp() {
    broker = new AmqpBroker();
    clientLinks = [];
    const shim = createAmqplib(() => {
      const { client, server } = createInProcessLink<ClientFrame, ServerFrame>();
      broker.accept(server);
      clientLinks.push(client);
      return client;
    });
    // Dropped links and the broker's shutdown emit connection errors, as amqplib does; a real
    // service would log them, these tests expect them.
    const connect = async (url: string) => (await shim.connect(url)).on('error', () => undefined);
    return { connect };
  }

  afterEach(() => broker.shutdown());

  it('a service whose worker is terminated (link dropped, no close) gets its deliveries requeued', async () => {
    const { connect } = amqp();
    const doomed = await connect('amqp://localhost');
    const ch = await doomed.createChannel();
    await ch.assertQueue('orders', { durable: true });
    const seen: string[] = [];
    await ch.consume('orders', (message) => message && seen.push(message.content.toString()));
    ch.sendToQueue('orders', Buffer.from('order-1'));
    while (seen.length === 0) await sleep(1);
    clientLinks[0]!.close(); // what the page sees when it terminates the worker
    await sleep(5);
    expect(broker.queues.get('orders')!.ready.length - broker.queues.get('orders')!.head).toBe(1);
    const survivor = await (await connect('amqp://localhost')).createChannel();
    const message = await survivor.get('orders');
    expect(message && [message.content.toString(), message.fields.redelivered]).toEqual(['order-1', true]);
  });

  it("an exclusive queue goes away with its connection's link", async () => {
    const { connect } = amqp();
    const connection = await connect('amqp://localhost');
    const { queue } = await (await connection.createChannel()).assertQueue('', { exclusive: true });
    expect(broker.queues.has(queue)).toBe(true);
    clientLinks[0]!.close();
    await sleep(5);
    expect(broker.queues.has(queue)).toBe(false);
  });

  it('rejects reusing a consumer tag on a channel with 530 NOT_ALLOWED', async () => {
    const { connect } = amqp();
    const ch = await (await connect('amqp://localhost')).createChannel();
    const errors: Error[] = [];
    ch.on('error', (error: Error) => errors.push(error));
    await ch.assertQueue('q', { durable: false });
    await ch.consume('q', () => undefined, { consumerTag: 'worker-1' });
    await expect(ch.consume('q', () => undefined, { consumerTag: 'worker-1' })).rejects.toThrow(
      `Operation failed: BasicConsume; 530 (NOT-ALLOWED) with message "NOT_ALLOWED - attempt to reuse consumer tag 'worker-1'"`,
    );
  });

  it('refuses to delete or bind to the default exchange (403)', async () => {
    const { connect } = amqp();
    const connection = await connect('amqp://localhost');
    const ch = await connection.createChannel();
    ch.on('error', () => undefined);
    await expect(ch.deleteExchange('')).rejects.toThrow('403 (ACCESS-REFUSED)');
    const other = await connection.createChannel();
    other.on('error', () => undefined);
    await other.assertQueue('q', { durable: false });
    await expect(other.bindQueue('q', '', 'q')).rejects.toThrow('ACCESS_REFUSED - operation not permitted on the default exchange');
  });

  it('arguments the broker cannot handle close the channel with 541 instead of hanging', async () => {
    const { connect } = amqp();
    const ch = await (await connect('amqp://localhost')).createChannel();
    const errors: Array<Error & { code?: number }> = [];
    ch.on('error', (error: Error) => errors.push(error));
    await expect(ch.assertQueue({ name: 'orders' } as never)).rejects.toMatchObject({ code: 541 });
    expect(errors.map((e) => e.code)).toEqual([541]);
  });

  it('answers ECONNREFUSED like Node when no broker listens at the URL', async () => {
    const { connect } = createAmqplib(() => null);
    await expect(connect('amqp://rabbitmq:5672')).rejects.toMatchObject({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED rabbitmq:5672' });
    await expect(connect('amqp://localhost')).rejects.toMatchObject({ message: 'connect ECONNREFUSED 127.0.0.1:5672' });
  });

  it('a consumer that nacks with requeue forever does not starve the event loop', async () => {
    const { connect } = amqp();
    const ch = await (await connect('amqp://localhost')).createChannel();
    await ch.assertQueue('hot', { durable: false });
    let deliveries = 0;
    await ch.consume('hot', (message) => {
      deliveries++;
      if (message) ch.nack(message);
    });
    ch.sendToQueue('hot', Buffer.from('again and again'));
    // A timer still fires while the redelivery loop runs: frames travel on macrotasks.
    await sleep(20);
    expect(deliveries).toBeGreaterThan(5);
    await ch.close();
  });
});
