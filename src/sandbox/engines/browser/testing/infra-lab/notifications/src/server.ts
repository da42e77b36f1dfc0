// notifications: consumes OrderPlaced from its durable queue with manual acks (prefetch 10) and
// listens to the Redis announcements; GET /notifications shows what arrived. An order whose item
// is "sin-ack" is received but never acknowledged: if this service dies, RabbitMQ redelivers it.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import amqp from 'amqplib';
import { Redis } from 'ioredis';

const EXCHANGE = 'foodly.events';
type OrderPlaced = { type: string; orderId: number; item: string; quantity: number };

const received: (OrderPlaced & { redelivered: boolean; routingKey: string })[] = [];
const announced: string[] = [];

const connection = await amqp.connect(process.env.AMQP_URL ?? 'amqp://localhost');
const channel = await connection.createChannel();
await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
const { queue } = await channel.assertQueue('notifications.orders', { durable: true });
await channel.bindQueue(queue, EXCHANGE, 'order.*');
await channel.prefetch(10);
await channel.consume(
  queue,
  (message) => {
    if (!message) return;
    const event = JSON.parse(message.content.toString('utf8')) as OrderPlaced;
    received.push({ ...event, redelivered: message.fields.redelivered, routingKey: message.fields.routingKey });
    if (event.item !== 'sin-ack') channel.ack(message);
  },
  { noAck: false },
);

const subscriber = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
subscriber.on('message', (_channel: string, orderId: string) => announced.push(orderId));
await subscriber.subscribe('orders.placed');

const app = new Hono();
app.get('/notifications', (c) => c.json({ received, announced }));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3102) }, (info) => console.log(`notifications escuchando en :${info.port}`));
