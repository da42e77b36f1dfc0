// orders: stores an order and its OrderPlaced event in one transaction (pg), then publishes the
// event to a topic exchange (amqplib, publisher confirms) and announces it on Redis pub/sub.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import pg from 'pg';
import { migrate } from './migrations.ts';

const EXCHANGE = 'foodly.events';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
await migrate(pool);
const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
const connection = await amqp.connect(process.env.AMQP_URL ?? 'amqp://localhost');
const channel = await connection.createConfirmChannel();
await channel.assertExchange(EXCHANGE, 'topic', { durable: true });

type Order = { id: number; item: string; quantity: number; status: string };

const app = new Hono();

app.post('/orders', async (c) => {
  const { item, quantity } = await c.req.json<{ item: string; quantity: number }>();
  const client = await pool.connect();
  let order: Order;
  try {
    await client.query('BEGIN');
    const inserted = await client.query<Order>('INSERT INTO orders (item, quantity) VALUES ($1, $2) RETURNING id, item, quantity, status', [item, quantity]);
    order = inserted.rows[0]!;
    await client.query('INSERT INTO order_events (order_id, type) VALUES ($1, $2)', [order.id, 'OrderPlaced']);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const { code, message } = error as { code?: string; message: string };
    return c.json({ error: message, code }, 400);
  } finally {
    client.release();
  }
  const event = { type: 'OrderPlaced', orderId: order.id, item, quantity };
  channel.publish(EXCHANGE, 'order.placed', Buffer.from(JSON.stringify(event)), { contentType: 'application/json', persistent: true });
  await channel.waitForConfirms();
  await redis.publish('orders.placed', String(order.id));
  return c.json(order, 201);
});

app.get('/orders', async (c) => {
  const orders = await pool.query<Order>('SELECT id, item, quantity, status FROM orders ORDER BY id');
  const events = await pool.query<{ count: string }>('SELECT count(*) FROM order_events');
  return c.json({ orders: orders.rows, events: Number(events.rows[0]!.count) });
});

// A cache entry with a time to live: SET … EX, then GET and TTL.
app.put('/cache/:key', async (c) => {
  const { value, ttlSeconds } = await c.req.json<{ value: string; ttlSeconds: number }>();
  await redis.set(`cache:${c.req.param('key')}`, value, 'EX', ttlSeconds);
  return c.body(null, 204);
});

app.get('/cache/:key', async (c) => {
  const key = `cache:${c.req.param('key')}`;
  const [value, ttl] = await Promise.all([redis.get(key), redis.ttl(key)]);
  return c.json({ value, ttl });
});

// Publishing to an exchange nobody declared: the broker closes the channel with 404.
app.post('/audit', async (c) => {
  const audit = await connection.createChannel();
  audit.on('error', (error: Error) => console.error('canal de auditoría cerrado:', error.message));
  try {
    await audit.checkExchange('foodly.audit');
    return c.json({ ok: true });
  } catch (error) {
    console.error('no se pudo publicar la auditoría:', (error as Error).message);
    return c.json({ error: (error as Error).message }, 502);
  }
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3101) }, (info) => console.log(`orders escuchando en :${info.port}`));
