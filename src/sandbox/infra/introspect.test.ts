// The "Infraestructura" panel's view of the brokers and its chaos controls, on the emulators with
// the real client shims (amqplib's and kafkajs's API): what introspectBroker/introspectCluster
// report after real traffic, that the change hooks fire, that a paused consumer holds back its
// messages (and its lag grows) until resumed, and that a connection dropped by the server looks to
// the client as a dead socket does to amqplib ('error' "Unexpected close", then 'close').
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIVITY_LIMIT, AmqpBroker } from './amqp/broker.ts';
import { createAmqplib } from './amqp/client.ts';
import type { ClientFrame, ServerFrame } from './amqp/protocol.ts';
import { KafkaCluster } from './kafka/cluster.ts';
import { createKafkajs, logLevel } from './kafka/client.ts';
import type { KafkaClientFrame, KafkaServerFrame } from './kafka/protocol.ts';
import { introspectBroker, introspectCluster } from './introspect.ts';
import { createInProcessLink, type FrameLink } from './shared/transport.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitUntil(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

let cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('RabbitMQ introspection and chaos', () => {
  function setup() {
    const broker = new AmqpBroker();
    const serverLinks: Array<FrameLink<ServerFrame, ClientFrame>> = [];
    const services = new WeakMap<object, string>();
    let next = 'orders';
    const amqplib = createAmqplib(() => {
      const { client, server } = createInProcessLink<ClientFrame, ServerFrame>();
      services.set(server, next);
      serverLinks.push(server);
      broker.accept(server);
      return client;
    });
    const connect = async (service: string) => {
      next = service;
      const connection = await amqplib.connect('amqp://localhost');
      cleanups.push(() => connection.close().catch(() => undefined));
      return connection;
    };
    cleanups.push(() => broker.shutdown());
    return { broker, serverLinks, connect, view: () => introspectBroker(broker, (link) => services.get(link)) };
  }

  it('shows exchanges with type and bindings, queues with ready/unacked counts, consumers and the DLQ', async () => {
    const { connect, view } = setup();
    const ch = await (await connect('notifications')).createChannel();
    await ch.assertExchange('foodly.events', 'topic', { durable: true });
    await ch.assertExchange('foodly.dlx', 'fanout', { durable: true });
    await ch.assertQueue('notifications.orders.dlq', { durable: true });
    await ch.bindQueue('notifications.orders.dlq', 'foodly.dlx', '');
    await ch.assertQueue('notifications.orders', { durable: true, deadLetterExchange: 'foodly.dlx' });
    await ch.bindQueue('notifications.orders', 'foodly.events', 'order.*');
    await ch.prefetch(1);
    const held: unknown[] = [];
    await ch.consume('notifications.orders', (message) => held.push(message), { consumerTag: 'notif-1' });
    for (const id of [1, 2, 3]) ch.publish('foodly.events', 'order.placed', Buffer.from(`order-${id}`));
    await waitUntil(() => held.length === 1, 'the first delivery');

    const snapshot = view();
    expect(snapshot.exchanges).toContainEqual({ name: 'foodly.events', type: 'topic', durable: true, bindings: [{ destination: 'notifications.orders', routingKey: 'order.*' }] });
    expect(snapshot.queues.find((queue) => queue.name === 'notifications.orders')).toEqual({
      name: 'notifications.orders',
      durable: true,
      ready: 2,
      unacked: 1,
      consumers: 1,
      consumerList: [{ tag: 'notif-1', service: 'notifications', unacked: 1, prefetch: 1, paused: false }],
      deadLetterExchange: 'foodly.dlx',
      deadLetterQueues: ['notifications.orders.dlq'],
    });

    // A nack without requeue goes to the DLQ, and the counts follow.
    ch.nack(held[0] as never, false, false);
    await waitUntil(() => held.length === 2, 'the next delivery');
    const after = view();
    expect(after.queues.find((queue) => queue.name === 'notifications.orders.dlq')).toMatchObject({ ready: 1, unacked: 0, deadLetterQueues: [] });
    expect(after.queues.find((queue) => queue.name === 'notifications.orders')).toMatchObject({ ready: 1, unacked: 1 });
  });

  it('tells the broker activity newest first: published, delivered, acked, nacked, dead-lettered', async () => {
    const { connect, view } = setup();
    const ch = await (await connect('notifications')).createChannel();
    await ch.assertExchange('foodly.events', 'topic', { durable: true });
    await ch.assertExchange('foodly.dlx', 'fanout', { durable: true });
    await ch.assertQueue('payments.dlq', { durable: true });
    await ch.bindQueue('payments.dlq', 'foodly.dlx', '');
    await ch.assertQueue('payments', { durable: true, deadLetterExchange: 'foodly.dlx' });
    await ch.bindQueue('payments', 'foodly.events', 'payment.*');
    const held: unknown[] = [];
    await ch.consume('payments', (message) => held.push(message), { consumerTag: 'pay-1' });
    ch.publish('foodly.events', 'payment.captured', Buffer.from('ok'));
    ch.publish('foodly.events', 'payment.failed', Buffer.from('bad'));
    ch.publish('foodly.events', 'order.placed', Buffer.from('nobody listens'));
    await waitUntil(() => held.length === 2, 'both deliveries');
    ch.ack(held[0] as never);
    ch.nack(held[1] as never, false, false);
    await waitUntil(() => view().activity.some((event) => event.kind === 'dead-lettered'), 'the dead letter');

    const story = view().activity.slice().reverse().map((event) => {
      const { seq, at, ...rest } = event;
      expect(seq).toBeGreaterThan(0);
      expect(at).toBeGreaterThan(0);
      return rest;
    });
    expect(story).toEqual([
      { kind: 'published', exchange: 'foodly.events', routingKey: 'payment.captured', queues: ['payments'] },
      { kind: 'delivered', queue: 'payments', routingKey: 'payment.captured', consumerTag: 'pay-1', redelivered: false },
      { kind: 'published', exchange: 'foodly.events', routingKey: 'payment.failed', queues: ['payments'] },
      { kind: 'delivered', queue: 'payments', routingKey: 'payment.failed', consumerTag: 'pay-1', redelivered: false },
      { kind: 'published', exchange: 'foodly.events', routingKey: 'order.placed', queues: [] },
      { kind: 'acked', queue: 'payments', routingKey: 'payment.captured' },
      { kind: 'nacked', queue: 'payments', routingKey: 'payment.failed', requeue: false },
      { kind: 'dead-lettered', queue: 'payments', exchange: 'foodly.dlx', routingKey: 'payment.failed', reason: 'rejected', queues: ['payments.dlq'] },
    ]);
    const seqs = view().activity.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('keeps only the last ACTIVITY_LIMIT events', async () => {
    const { broker, connect, view } = setup();
    const ch = await (await connect('orders')).createChannel();
    await ch.assertQueue('q', { durable: false });
    for (let i = 0; i < ACTIVITY_LIMIT + 50; i++) ch.sendToQueue('q', Buffer.from(String(i)));
    await waitUntil(() => view().queues.find((queue) => queue.name === 'q')?.ready === ACTIVITY_LIMIT + 50, 'every publish');
    expect(broker.activity).toHaveLength(ACTIVITY_LIMIT);
    const activity = view().activity;
    expect(activity).toHaveLength(ACTIVITY_LIMIT);
    expect(activity[0]!.seq - activity.at(-1)!.seq).toBe(ACTIVITY_LIMIT - 1);
    expect(activity[0]).toMatchObject({ kind: 'published', exchange: '', routingKey: 'q', queues: ['q'] });
  });

  it('notifies a change after each client action and expiry', async () => {
    const { broker, connect } = setup();
    let changes = 0;
    broker.onChange = () => changes++;
    const ch = await (await connect('orders')).createChannel();
    await ch.assertQueue('q', { durable: false });
    const before = changes;
    ch.sendToQueue('q', Buffer.from('x'));
    await waitUntil(() => changes > before, 'a change after a publish');
  });

  it('a paused consumer gets nothing (messages wait as ready) until resumed', async () => {
    const { broker, connect, view } = setup();
    const ch = await (await connect('notifications')).createChannel();
    await ch.assertQueue('q', { durable: true });
    const seen: string[] = [];
    await ch.consume('q', (message) => {
      seen.push(message!.content.toString());
      ch.ack(message!);
    }, { consumerTag: 'worker-1' });
    expect(broker.setConsumerPaused('worker-1', true)).toBe(1);
    ch.sendToQueue('q', Buffer.from('a'));
    ch.sendToQueue('q', Buffer.from('b'));
    await sleep(20);
    expect(seen).toEqual([]);
    expect(view().queues.find((queue) => queue.name === 'q')).toMatchObject({ ready: 2, consumerList: [expect.objectContaining({ tag: 'worker-1', paused: true })] });
    broker.setConsumerPaused('worker-1', false);
    await waitUntil(() => seen.length === 2, 'both messages after resume');
    expect(seen).toEqual(['a', 'b']);
    expect(broker.setConsumerPaused('nobody', true)).toBe(0);
  });

  it("a connection dropped by the server: the client sees amqplib's 'error' (Unexpected close) then 'close', unacked messages are requeued", async () => {
    const { serverLinks, connect, view } = setup();
    const connection = await connect('notifications');
    const events: string[] = [];
    connection.on('error', (error: Error) => events.push(`error: ${error.message}`));
    connection.on('close', (error?: Error) => events.push(`close: ${error?.message ?? ''}`));
    const ch = await connection.createChannel();
    await ch.assertQueue('q', { durable: true });
    const seen: unknown[] = [];
    await ch.consume('q', (message) => seen.push(message));
    ch.sendToQueue('q', Buffer.from('a'));
    await waitUntil(() => seen.length === 1, 'a delivery');
    serverLinks[0]!.close();
    await waitUntil(() => events.length === 2, 'error and close');
    expect(events).toEqual(['error: Unexpected close', 'close: Unexpected close']);
    expect(view().queues.find((queue) => queue.name === 'q')).toMatchObject({ ready: 1, unacked: 0, consumers: 0 });
  });
});

describe('Kafka introspection and chaos', () => {
  function setup() {
    const cluster = new KafkaCluster();
    const services = new WeakMap<object, string>();
    const serverLinks: Array<FrameLink<KafkaServerFrame, KafkaClientFrame>> = [];
    const kafkajs = createKafkajs(() => {
      const { client, server } = createInProcessLink<KafkaClientFrame, KafkaServerFrame>();
      services.set(server, 'billing');
      serverLinks.push(server);
      cluster.accept(server);
      return client;
    });
    const kafka = new kafkajs.Kafka({ clientId: 'billing', brokers: ['localhost:9092'], logLevel: logLevel.NOTHING });
    cleanups.push(() => cluster.shutdown());
    return { cluster, kafka, serverLinks, view: () => introspectCluster(cluster, (link) => services.get(link)) };
  }

  it('shows groups with members, assignments, committed offsets and lag; a paused member falls behind until resumed', async () => {
    const { cluster, kafka, view } = setup();
    let changes = 0;
    cluster.onChange = () => changes++;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const consumer = kafka.consumer({ groupId: 'billing', maxWaitTimeInMs: 50 });
    cleanups.push(() => consumer.disconnect());
    await consumer.connect();
    await consumer.subscribe({ topics: ['orders'], fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
    await producer.send({ topic: 'orders', messages: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'c', value: '3' }] });
    await waitUntil(() => seen.length === 3, 'three messages');
    await waitUntil(() => view().groups[0]?.offsets.every((offset) => offset.lag === 0) === true, 'lag 0 once committed');
    expect(changes).toBeGreaterThan(0);

    const group = view().groups[0]!;
    expect(group.id).toBe('billing');
    expect(group.members).toHaveLength(1);
    const member = group.members[0]!;
    expect(member).toMatchObject({ clientId: 'billing', service: 'billing', paused: false, assignment: { orders: [0, 1] } });
    expect(group.offsets.map((offset) => offset.partition)).toEqual([0, 1]);
    expect(group.offsets.reduce((sum, offset) => sum + offset.high, 0)).toBe(3);

    expect(cluster.setMemberPaused('billing', member.id, true)).toBe(true);
    await producer.send({ topic: 'orders', messages: [{ key: 'a', value: '4' }, { key: 'b', value: '5' }] });
    await sleep(200);
    expect(seen).toHaveLength(3);
    const behind = view().groups[0]!;
    expect(behind.members[0]!.paused).toBe(true);
    expect(behind.offsets.reduce((sum, offset) => sum + offset.lag, 0)).toBe(2);

    cluster.setMemberPaused('billing', member.id, false);
    await waitUntil(() => seen.length === 5, 'the held messages after resume');
    await waitUntil(() => view().groups[0]!.offsets.every((offset) => offset.lag === 0), 'lag back to 0');
    expect(cluster.setMemberPaused('billing', 'nobody', true)).toBe(false);
  });

  it('a connection dropped by the server: kafkajs reconnects and the member rejoins its group', async () => {
    const { kafka, view, serverLinks } = setup();
    const consumer = kafka.consumer({ groupId: 'billing', maxWaitTimeInMs: 50 });
    cleanups.push(() => consumer.disconnect());
    await consumer.connect();
    await consumer.subscribe({ topics: ['orders'], fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    await waitUntil(() => view().groups[0]?.members.length === 1, 'the member');
    const before = view().groups[0]!.members[0]!.id;
    for (const link of serverLinks) link.close();
    await waitUntil(() => view().groups[0]?.members.length === 1 && view().groups[0]!.members[0]!.id !== before, 'a new member after reconnecting', 5000);
  });
});
