// Two tiny services that use the real client libraries' APIs (amqplib, kafkajs, ioredis) the way lab
// code does, for the tests that prove the infrastructure in Node processes: the WebContainer engine
// (engines/webcontainer/infrastructure.test.ts: all three, in the process-backed container) and the
// Node runner's emulated Kafka (sandboxes/test/kafka-emulated.test.ts: kafkajs only).
//   producer  POST /orders?id=…  → amqplib publish (confirm channel) + kafkajs send (key = id)
//             PUT /cache?key=…&value=… / GET /cache?key=…  → ioredis SET EX / GET
//   consumer  amqplib consume with manual ack, kafkajs consumer group (fromBeginning)
//             GET /received → { amqp: [ids], kafka: [{ id, partition }] }; GET /cache?key=… → ioredis GET
import type { FileTree } from '../../../contract/index.ts';

export interface FixtureOptions {
  rabbitmq: boolean;
  kafka: boolean;
  redis: boolean;
}

const http = `import { createServer } from 'node:http';
const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};`;

function producer({ rabbitmq, kafka, redis }: FixtureOptions): string {
  return `${rabbitmq ? "import amqp from 'amqplib';\n" : ''}${kafka ? "import { Kafka } from 'kafkajs';\n" : ''}${redis ? "import { Redis } from 'ioredis';\n" : ''}${http}
${rabbitmq ? `const connection = await amqp.connect(process.env.AMQP_URL!);
const channel = await connection.createConfirmChannel();
await channel.assertExchange('fixture.events', 'topic', { durable: true });` : ''}
${kafka ? `const kafka = new Kafka({ clientId: 'producer', brokers: process.env.KAFKA_BROKERS!.split(',') });
const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic: 'fixture.orders', numPartitions: 3 }] });
await admin.disconnect();
const kafkaProducer = kafka.producer();
await kafkaProducer.connect();` : ''}
${redis ? 'const redis = new Redis(process.env.REDIS_URL!);' : ''}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    if (req.method === 'POST' && url.pathname === '/orders') {
      const id = url.searchParams.get('id') ?? 'none';
      ${rabbitmq ? `channel.publish('fixture.events', 'order.placed', Buffer.from(JSON.stringify({ id })), { persistent: true, contentType: 'application/json' });
      await channel.waitForConfirms();` : ''}
      ${kafka ? `const [meta] = await kafkaProducer.send({ topic: 'fixture.orders', messages: [{ key: id, value: JSON.stringify({ id }) }] });
      return json(res, 202, { id, partition: meta?.partition });` : 'return json(res, 202, { id });'}
    }
    ${redis ? `if (req.method === 'PUT' && url.pathname === '/cache') {
      await redis.set(url.searchParams.get('key')!, url.searchParams.get('value')!, 'EX', 60);
      return json(res, 200, { ttl: await redis.ttl(url.searchParams.get('key')!) });
    }
    if (req.method === 'GET' && url.pathname === '/cache') return json(res, 200, { value: await redis.get(url.searchParams.get('key')!) });` : ''}
    json(res, 404, { error: 'not found' });
  } catch (error) {
    json(res, 500, { error: (error as Error).message });
  }
}).listen(Number(process.env.PORT));
`;
}

function consumer({ rabbitmq, kafka, redis }: FixtureOptions): string {
  return `${rabbitmq ? "import amqp from 'amqplib';\n" : ''}${kafka ? "import { Kafka } from 'kafkajs';\n" : ''}${redis ? "import { Redis } from 'ioredis';\n" : ''}${http}
const received: { amqp: string[]; kafka: Array<{ id: string; partition: number }> } = { amqp: [], kafka: [] };
${rabbitmq ? `const connection = await amqp.connect(process.env.AMQP_URL!);
const channel = await connection.createChannel();
await channel.assertExchange('fixture.events', 'topic', { durable: true });
const { queue } = await channel.assertQueue('fixture.consumer', { durable: true });
await channel.bindQueue(queue, 'fixture.events', 'order.*');
await channel.prefetch(10);
const { consumerTag } = await channel.consume(queue, (message) => {
  if (!message) return;
  received.amqp.push((JSON.parse(message.content.toString('utf8')) as { id: string }).id);
  channel.ack(message);
});` : "const consumerTag = '';"}
${kafka ? `const kafka = new Kafka({ clientId: 'consumer', brokers: process.env.KAFKA_BROKERS!.split(',') });
const kafkaConsumer = kafka.consumer({ groupId: 'fixture-group' });
await kafkaConsumer.connect();
await kafkaConsumer.subscribe({ topic: 'fixture.orders', fromBeginning: true });
await kafkaConsumer.run({
  eachMessage: async ({ partition, message }) => {
    received.kafka.push({ id: (JSON.parse(message.value!.toString()) as { id: string }).id, partition });
  },
});` : ''}
${redis ? 'const redis = new Redis(process.env.REDIS_URL!);' : ''}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/received') return json(res, 200, received);
  // What a chaos test pauses (ctx.chaos.pauseConsumer takes amqplib's consumerTag).
  if (url.pathname === '/consumer-tag') return json(res, 200, { consumerTag });
  ${redis ? "if (url.pathname === '/cache') return json(res, 200, { value: await redis.get(url.searchParams.get('key')!) });" : ''}
  json(res, 404, { error: 'not found' });
}).listen(Number(process.env.PORT));
`;
}

export function infrastructureFixture(options: FixtureOptions, ports = { producer: 3301, consumer: 3302 }) {
  const tree: FileTree = {
    'package.json': JSON.stringify({ name: 'infra-fixture', private: true, type: 'module' }),
    'producer/src/server.ts': producer(options),
    'consumer/src/server.ts': consumer(options),
  };
  const services = [
    { name: 'producer', dir: 'producer', port: ports.producer, env: {} as Record<string, string> },
    { name: 'consumer', dir: 'consumer', port: ports.consumer, env: {} as Record<string, string> },
  ];
  return { tree, services, infrastructure: { rabbitmq: options.rabbitmq, kafka: options.kafka, redis: options.redis } };
}
