// The kafkajs shim over the emulated cluster. This suite runs against the emulation only: there is
// no Kafka server on this machine or in CI (and none in the browser). What keeps it honest: the
// partition choice is checked against kafkajs's own DefaultPartitioner, imported from
// node_modules, and the group/offset behaviours asserted here are kafkajs's documented ones.
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessLink, createPortLink, type FrameLink } from '../shared/transport.ts';
import { KafkaCluster, type KafkaClusterOptions } from './cluster.ts';
import { createKafkajs, logLevel, type KafkaMessage } from './client.ts';
import type { KafkaClientFrame, KafkaServerFrame } from './protocol.ts';

const require = createRequire(import.meta.url);
const realKafkajs = require('kafkajs') as typeof import('kafkajs');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitUntil(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

type Transport = 'in-process' | 'MessagePort';
let transport: Transport = 'in-process';
const openPorts: MessagePort[] = [];

/** A client link to the cluster, over the transport the current suite runs on. */
function link(cluster: KafkaCluster): FrameLink<KafkaClientFrame, KafkaServerFrame> {
  if (transport === 'in-process') {
    const { client, server } = createInProcessLink<KafkaClientFrame, KafkaServerFrame>();
    cluster.accept(server);
    return client;
  }
  const { port1, port2 } = new MessageChannel();
  openPorts.push(port1, port2);
  cluster.accept(createPortLink<KafkaServerFrame, KafkaClientFrame>(port2));
  return createPortLink<KafkaClientFrame, KafkaServerFrame>(port1);
}

function setup(options: KafkaClusterOptions = {}) {
  const cluster = new KafkaCluster(options);
  const clientLinks: Array<{ close(): void }> = [];
  const kafkajs = createKafkajs(() => {
    const client = link(cluster);
    clientLinks.push(client);
    return client;
  });
  const kafka = new kafkajs.Kafka({ clientId: 'orders-service', brokers: ['localhost:9092'], logLevel: logLevel.NOTHING });
  return { cluster, kafka, kafkajs, clientLinks };
}

type Kafka = ReturnType<typeof setup>['kafka'];
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  for (const port of openPorts.splice(0)) port.close();
});

async function startConsumer(
  kafka: Kafka,
  groupId: string,
  topic: string,
  options: { fromBeginning?: boolean; onMessage?: (m: KafkaMessage, partition: number) => Promise<void>; heartbeatInterval?: number; rebalanceTimeout?: number } = {},
) {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, heartbeatInterval: options.heartbeatInterval, rebalanceTimeout: options.rebalanceTimeout });
  const received: Array<{ partition: number; offset: string; key: string | null; value: string }> = [];
  const assignments: Array<Record<string, number[]>> = [];
  consumer.on(consumer.events.GROUP_JOIN, (event) => assignments.push((event.payload as { memberAssignment: Record<string, number[]> }).memberAssignment));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: options.fromBeginning ?? false });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      await options.onMessage?.(message, partition);
      received.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value!.toString() });
    },
  });
  let disconnected = false;
  const disconnect = async () => {
    if (disconnected) return;
    disconnected = true;
    await consumer.disconnect();
  };
  cleanups.push(disconnect);
  return { consumer, received, assignments, disconnect };
}

async function producerFor(kafka: Kafka) {
  const producer = kafka.producer();
  await producer.connect();
  cleanups.push(() => producer.disconnect());
  return producer;
}

describe.each<Transport>(['in-process', 'MessagePort'])('kafkajs shim over the emulated cluster (%s)', (kind) => {
  beforeEach(() => {
    transport = kind;
  });

  it('admin creates topics with N partitions and reports offsets', async () => {
    const { kafka } = setup();
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] })).toBe(false);
    expect(await admin.listTopics()).toEqual(['orders']);
    const metadata = await admin.fetchTopicMetadata({ topics: ['orders'] });
    expect(metadata.topics[0]!.partitions.map((p) => p.partitionId)).toEqual([0, 1, 2]);
    expect(await admin.fetchTopicOffsets('orders')).toEqual([
      { partition: 0, offset: '0', high: '0', low: '0' },
      { partition: 1, offset: '0', high: '0', low: '0' },
      { partition: 2, offset: '0', high: '0', low: '0' },
    ]);
    await expect(admin.createTopics({ topics: [{ topic: 'bad', numPartitions: 0 }] })).rejects.toMatchObject({
      name: 'KafkaJSProtocolError',
      type: 'INVALID_PARTITIONS',
      code: 37,
    });
    await admin.disconnect();
  });

  it('puts each key on the partition kafkajs DefaultPartitioner chooses, keeping per-key order', async () => {
    const { kafka } = setup();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 4 }] });
    await admin.disconnect();
    const producer = await producerFor(kafka);
    const keys = ['order-1', 'order-2', 'order-3', 'restaurant-7', 'customer-ñ', 'order-1', 'order-2'];
    const kafkajsPartitioner = realKafkajs.Partitioners.DefaultPartitioner();
    const partitionMetadata = [0, 1, 2, 3].map((partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
    const expected = keys.map((key) => kafkajsPartitioner({ topic: 'orders', partitionMetadata, message: { key, value: '' } }));
    expect(new Set(expected).size).toBeGreaterThan(1); // the keys really spread over partitions

    const metadata = [];
    for (const [index, key] of keys.entries()) metadata.push(...(await producer.send({ topic: 'orders', messages: [{ key, value: `v${index}` }] })));
    expect(metadata.map((m) => m.partition)).toEqual(expected);
    expect(metadata[0]).toEqual({ topicName: 'orders', partition: expected[0], errorCode: 0, baseOffset: '0', logAppendTime: '-1', logStartOffset: '0' });

    const { received } = await startConsumer(kafka, 'audit', 'orders', { fromBeginning: true });
    await waitUntil(() => received.length === keys.length, 'all messages');
    for (const message of received) expect(message.partition).toBe(expected[keys.indexOf(message.key!)]);
    const order1 = received.filter((m) => m.key === 'order-1').map((m) => m.value);
    expect(order1).toEqual(['v0', 'v5']);
  });

  it('rebalances partitions when a member joins and when one leaves; each message is processed once', async () => {
    const { kafka } = setup();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'payments', numPartitions: 4 }] });
    await admin.disconnect();
    const producer = await producerFor(kafka);

    const a = await startConsumer(kafka, 'billing', 'payments');
    expect(a.assignments.at(-1)).toEqual({ payments: [0, 1, 2, 3] });

    const b = await startConsumer(kafka, 'billing', 'payments');
    await waitUntil(() => a.assignments.length === 2, 'A to rejoin');
    const afterJoin = [a.assignments.at(-1)!.payments!, b.assignments.at(-1)!.payments!];
    expect(afterJoin.map((p) => p.length)).toEqual([2, 2]);
    expect([...afterJoin[0]!, ...afterJoin[1]!].sort()).toEqual([0, 1, 2, 3]);

    const messages = Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: String(i) }));
    await producer.send({ topic: 'payments', messages });
    await waitUntil(() => a.received.length + b.received.length === 40, '40 messages');
    expect(a.received.length).toBeGreaterThan(0);
    expect(b.received.length).toBeGreaterThan(0);
    expect(new Set(a.received.map((m) => m.partition))).toEqual(new Set(a.assignments.at(-1)!.payments));
    const all = [...a.received, ...b.received].map((m) => Number(m.value)).sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 40 }, (_, i) => i));

    await b.disconnect();
    await waitUntil(() => a.assignments.length === 3, 'A to take over');
    expect(a.assignments.at(-1)).toEqual({ payments: [0, 1, 2, 3] });
    await producer.send({ topic: 'payments', messages: [{ key: 'after-leave', value: 'late' }] });
    await waitUntil(() => a.received.some((m) => m.value === 'late'), 'the late message on A');
    await sleep(50);
    expect([...a.received, ...b.received]).toHaveLength(41);
  });

  it('a joining member waits until a busy member has committed and rejoined: no message is processed twice', async () => {
    const { kafka } = setup();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kitchen', numPartitions: 2 }] });
    await admin.disconnect();
    const producer = await producerFor(kafka);
    await producer.send({ topic: 'kitchen', messages: Array.from({ length: 20 }, (_, i) => ({ partition: i % 2, value: String(i) })) });
    const slow = await startConsumer(kafka, 'cooks', 'kitchen', {
      fromBeginning: true,
      heartbeatInterval: 10,
      onMessage: () => new Promise((resolve) => setTimeout(resolve, 15)),
    });
    await waitUntil(() => slow.received.length >= 2, 'the slow member to be busy');
    const joinStarted = Date.now();
    const late = await startConsumer(kafka, 'cooks', 'kitchen', { fromBeginning: true });
    // run() of the new member returned only once the busy one rejoined (stop-the-world rebalance).
    expect(slow.assignments).toHaveLength(2);
    expect(Date.now() - joinStarted).toBeGreaterThanOrEqual(5);
    await waitUntil(() => slow.received.length + late.received.length >= 20, 'all 20 messages', 5000);
    await sleep(100);
    const values = [...slow.received, ...late.received].map((m) => Number(m.value)).sort((x, y) => x - y);
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('a member that does not rejoin within its rebalance timeout is evicted', async () => {
    const { kafka } = setup();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'slowlane', numPartitions: 2 }] });
    await admin.disconnect();
    const producer = await producerFor(kafka);
    let release: () => void = () => undefined;
    const stuck = await startConsumer(kafka, 'lane', 'slowlane', {
      rebalanceTimeout: 100,
      heartbeatInterval: 60_000,
      onMessage: () => new Promise<void>((resolve) => (release = resolve)),
    });
    await producer.send({ topic: 'slowlane', messages: [{ partition: 0, value: 'blocks' }] });
    await sleep(50);
    // The group waits the longest rebalance timeout of its members (Kafka's rule).
    const fresh = await startConsumer(kafka, 'lane', 'slowlane', { rebalanceTimeout: 100 });
    expect(fresh.assignments.at(-1)).toEqual({ slowlane: [0, 1] });
    release();
    await sleep(20);
    void stuck;
  });

  it('a crashed member (its connection gone) leaves the group and its partitions move', async () => {
    const { kafka, clientLinks } = setup();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'events', numPartitions: 2 }] });
    await admin.disconnect();
    const a = await startConsumer(kafka, 'g', 'events');
    const b = await startConsumer(kafka, 'g', 'events');
    await waitUntil(() => a.assignments.length === 2, 'the first rebalance');
    // B's connection drops without a LeaveGroup, as when its worker is terminated.
    clientLinks.at(-1)!.close();
    await waitUntil(() => a.assignments.length === 3, 'A to take over');
    expect(a.assignments.at(-1)).toEqual({ events: [0, 1] });
    await b.consumer.stop();
  });

  it('committed offsets survive a consumer restart: the group resumes after the last processed message', async () => {
    const { kafka } = setup();
    const producer = await producerFor(kafka);
    await producer.send({ topic: 'orders', messages: [{ value: 'one' }, { value: 'two' }, { value: 'three' }] });

    const first = await startConsumer(kafka, 'shipping', 'orders', { fromBeginning: true });
    await waitUntil(() => first.received.length === 3, 'three messages');
    await first.disconnect();

    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.fetchOffsets({ groupId: 'shipping', topics: ['orders'] })).toEqual([
      { topic: 'orders', partitions: [{ partition: 0, offset: '3', metadata: null }] },
    ]);
    await admin.disconnect();

    await producer.send({ topic: 'orders', messages: [{ value: 'four' }, { value: 'five' }] });
    const second = await startConsumer(kafka, 'shipping', 'orders', { fromBeginning: true });
    await waitUntil(() => second.received.length === 2, 'the two new messages');
    await sleep(50);
    expect(second.received.map((m) => [m.offset, m.value])).toEqual([
      ['3', 'four'],
      ['4', 'five'],
    ]);
  });

  it('a new group with fromBeginning replays the log; without it, it starts at the end', async () => {
    const { kafka } = setup();
    const producer = await producerFor(kafka);
    await producer.send({ topic: 'audit', messages: [{ value: 'old-1' }, { value: 'old-2' }] });
    const replay = await startConsumer(kafka, 'replayer', 'audit', { fromBeginning: true });
    const latest = await startConsumer(kafka, 'tailer', 'audit');
    await waitUntil(() => replay.received.length === 2, 'the replay');
    await producer.send({ topic: 'audit', messages: [{ value: 'new' }] });
    await waitUntil(() => replay.received.length === 3 && latest.received.length === 1, 'the new message in both groups');
    expect(replay.received.map((m) => m.value)).toEqual(['old-1', 'old-2', 'new']);
    expect(latest.received.map((m) => m.value)).toEqual(['new']);
  });

  it('retention by count drops the oldest records; consumers start at the log start', async () => {
    const { kafka } = setup({ retentionMessagesPerPartition: 3 });
    const producer = await producerFor(kafka);
    for (let i = 0; i < 5; i++) await producer.send({ topic: 'metrics', messages: [{ value: `m${i}` }] });
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.fetchTopicOffsets('metrics')).toEqual([{ partition: 0, offset: '5', high: '5', low: '2' }]);
    await admin.disconnect();
    const reader = await startConsumer(kafka, 'late-reader', 'metrics', { fromBeginning: true });
    await waitUntil(() => reader.received.length === 3, 'the retained records');
    expect(reader.received.map((m) => [m.offset, m.value])).toEqual([
      ['2', 'm2'],
      ['3', 'm3'],
      ['4', 'm4'],
    ]);
  });

  it('an eachMessage that throws is retried after a backoff; earlier messages stay committed', async () => {
    const { kafka } = setup();
    const producer = await producerFor(kafka);
    await producer.send({ topic: 'jobs', messages: [{ value: 'ok' }, { value: 'flaky' }, { value: 'after' }] });
    let failures = 0;
    const crashes: unknown[] = [];
    const worker = await startConsumer(kafka, 'workers', 'jobs', {
      fromBeginning: true,
      onMessage: async (message) => {
        if (message.value!.toString() === 'flaky' && failures++ === 0) throw new Error('database timeout');
      },
    });
    worker.consumer.on(worker.consumer.events.CRASH, (event) => crashes.push(event.payload));
    await waitUntil(() => worker.received.length === 3, 'all three, after the retry', 5000);
    expect(worker.received.map((m) => m.value)).toEqual(['ok', 'flaky', 'after']);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ groupId: 'workers', restart: true, error: expect.objectContaining({ message: 'database timeout' }) });
  });

  it('pause stops a partition until resume; headers and keys arrive as Buffers', async () => {
    const { kafka } = setup();
    const producer = await producerFor(kafka);
    const reader = await startConsumer(kafka, 'pauser', 'orders');
    reader.consumer.pause([{ topic: 'orders' }]);
    expect(reader.consumer.paused()).toEqual([{ topic: 'orders', partitions: [0] }]);
    await producer.send({ topic: 'orders', messages: [{ key: 'o-1', value: JSON.stringify({ id: 1 }), headers: { 'trace-id': 'abc' } }] });
    await sleep(150);
    expect(reader.received).toHaveLength(0);
    reader.consumer.resume([{ topic: 'orders' }]);
    await waitUntil(() => reader.received.length === 1, 'the message after resume');
    expect(reader.received[0]).toMatchObject({ key: 'o-1', value: '{"id":1}' });
  });

  it('a producer without topic auto-creation gets UNKNOWN_TOPIC_OR_PARTITION for a missing topic', async () => {
    const { kafka } = setup();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    await expect(producer.send({ topic: 'missing', messages: [{ value: 'v' }] })).rejects.toMatchObject({
      name: 'KafkaJSProtocolError',
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
      message: 'This server does not host this topic-partition',
    });
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).toEqual([]);
    await expect(admin.fetchTopicOffsets('missing')).rejects.toMatchObject({ type: 'UNKNOWN_TOPIC_OR_PARTITION' });
    await admin.disconnect();
  });

  it('fails like kafkajs on misuse', async () => {
    const { kafka, kafkajs } = setup();
    const producer = kafka.producer();
    await expect(producer.send({ topic: 'x', messages: [{ value: 'v' }] })).rejects.toMatchObject({ name: 'KafkaJSError', message: 'The producer is disconnected' });
    await producer.connect();
    await expect(producer.send({ topic: 'x', messages: 'nope' as never })).rejects.toMatchObject({ name: 'KafkaJSNonRetriableError' });
    await producer.disconnect();
    expect(() => kafka.consumer({ groupId: '' })).toThrow('Consumer groupId must be a non-empty string.');
    const consumer = kafka.consumer({ groupId: 'g' });
    await consumer.connect();
    await expect(consumer.commitOffsets([{ topic: 'x', partition: 0, offset: '1' }])).rejects.toThrow('Consumer group was not initialized, consumer#run must be called first');
    await consumer.subscribe({ topic: 'x' });
    await consumer.run({ eachMessage: async () => undefined });
    await expect(consumer.subscribe({ topic: 'y' })).rejects.toThrow('Cannot subscribe to topic while consumer is running');
    await consumer.disconnect();

    const unreachable = createKafkajs(() => null);
    const nowhere = new unreachable.Kafka({ brokers: ['localhost:9092'], logLevel: logLevel.NOTHING }).producer();
    await expect(nowhere.connect()).rejects.toMatchObject({ name: 'KafkaJSConnectionError', message: 'Connection error: connect ECONNREFUSED 127.0.0.1:9092' });
    expect(kafkajs.KafkaJSConnectionError).toBeDefined();
  });
});
