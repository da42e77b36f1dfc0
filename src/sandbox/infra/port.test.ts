/**
 * The message-port boundary as the browser engine will use it: one port per service worker, one
 * server per lab. What a worker leaves behind when it ends is cleaned up like a dead process's.
 */
import type IORedis from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgModule } from './postgres/client.ts';
import { PostgresHost } from './postgres/host.ts';
import { connectInfrastructure, createInfrastructureServer } from './port.ts';
import { createRedisClass } from './redis/client.ts';
import { RedisHost } from './redis/host.ts';

const opened: MessagePort[] = [];
function channelPair() {
  const { port1, port2 } = new MessageChannel();
  opened.push(port1, port2);
  return { hostSide: port1, workerSide: port2 };
}
afterEach(() => {
  for (const port of opened.splice(0)) port.close();
});

describe('createInfrastructureServer / connectInfrastructure', () => {
  it('two service workers share the lab’s Redis, and pub/sub crosses between them', async () => {
    const server = createInfrastructureServer({ redis: new RedisHost(`ports-${Date.now()}`) });
    const orders = channelPair();
    const notifications = channelPair();
    server.connect(orders.hostSide);
    server.connect(notifications.hostSide);
    // Typed as the real ioredis: the sandbox module must be usable through ioredis' own API.
    const OrdersRedis = createRedisClass(connectInfrastructure(orders.workerSide).redis) as unknown as typeof IORedis;
    const NotificationsRedis = createRedisClass(connectInfrastructure(notifications.workerSide).redis) as unknown as typeof IORedis;

    const publisher = new OrdersRedis();
    const subscriber = new NotificationsRedis();
    const received = new Promise<string>((resolve) => subscriber.on('message', (_channel: string, message: string) => resolve(message)));
    await subscriber.subscribe('pedidos');
    await publisher.set('ultimo', '42');
    expect(await subscriber.duplicate().get('ultimo')).toBe('42');
    expect(await publisher.publish('pedidos', 'creado')).toBe(1);
    expect(await received).toBe('creado');

    // The notifications worker ends: its subscription goes with it.
    await server.disconnect(notifications.hostSide);
    expect(await publisher.publish('pedidos', 'otro')).toBe(0);
  });

  it('a worker that ends mid-transaction has it rolled back and frees the database', async () => {
    const host = new PostgresHost({ lockWaitTimeoutMs: 2000 });
    const server = createInfrastructureServer({ postgres: host });
    const dying = channelPair();
    const survivor = channelPair();
    server.connect(dying.hostSide);
    server.connect(survivor.hostSide);
    const dyingPg = createPgModule(connectInfrastructure(dying.workerSide).postgres);
    const survivorPg = createPgModule(connectInfrastructure(survivor.workerSide).postgres);

    const pool = new survivorPg.Pool({ database: 'orders' });
    await pool.query('CREATE TABLE t (x int)');
    const client = new dyingPg.Client({ database: 'orders' });
    await client.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES (1)');
    await server.disconnect(dying.hostSide); // the engine terminated the worker

    expect((await pool.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    await pool.end();
    await host.close();
  }, 60_000);

  it('Redis answers while PostgreSQL is still starting, and a query waits for its database instead of failing', async () => {
    let startPostgres!: (host: PostgresHost) => void;
    const postgresLoading = new Promise<PostgresHost>((resolve) => (startPostgres = resolve));
    const server = createInfrastructureServer({ redis: new RedisHost(`loading-${Date.now()}`), postgres: postgresLoading });
    const pair = channelPair();
    server.connect(pair.hostSide);
    const channels = connectInfrastructure(pair.workerSide);
    const redis = new (createRedisClass(channels.redis) as unknown as typeof IORedis)();
    const pg = createPgModule(channels.postgres);
    const pool = new pg.Pool({ database: 'orders' });
    const query = pool.query('SELECT 41 + 1 AS answer');
    let answered = false;
    void query.then(() => (answered = true), () => (answered = true));

    await redis.set('pago:1', 'capturado');
    expect(await redis.get('pago:1')).toBe('capturado');
    expect(answered).toBe(false);

    const host = new PostgresHost();
    startPostgres(host);
    expect((await query).rows).toEqual([{ answer: 42 }]);
    await pool.end();
    redis.disconnect();
    await host.close();
  }, 60_000);

  it('a host that could not load answers each request with why', async () => {
    const server = createInfrastructureServer({ redis: Promise.reject(new Error('redis-host.js: 404')) });
    const pair = channelPair();
    server.connect(pair.hostSide);
    const Redis = createRedisClass(connectInfrastructure(pair.workerSide).redis);
    const redis = new Redis({ lazyConnect: true });
    await expect(redis.connect()).rejects.toThrow('Redis could not start: redis-host.js: 404');
  });

  it('a lab without Redis answers that it declares none', async () => {
    const server = createInfrastructureServer({});
    const pair = channelPair();
    server.connect(pair.hostSide);
    const Redis = createRedisClass(connectInfrastructure(pair.workerSide).redis);
    const redis = new Redis({ lazyConnect: true });
    await expect(redis.connect()).rejects.toThrow('this lab declares no Redis');
  });
});
