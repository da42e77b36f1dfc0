/**
 * One suite, two backings: the real ioredis against the Redis server on 127.0.0.1:6379, and the
 * sandbox's `ioredis` (createRedisClass) against RedisHost over a structured-clone channel. A case
 * where they disagree fails here; nothing is allowed to differ silently.
 */
import IORedis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessChannel } from '../channel.ts';
import { connectInfrastructure, createInfrastructureServer } from '../port.ts';
import { createRedisClass } from './client.ts';
import { RedisHost } from './host.ts';
import { realRedisUrl } from '../testing/servers.ts';

type Client = InstanceType<typeof IORedis>;

interface Backing {
  name: string;
  connect(options?: { keyPrefix?: string }): Client;
  close(): Promise<void>;
}

function realServer(): Backing {
  return {
    name: 'real Redis server',
    connect: (options = {}) => new IORedis(realRedisUrl, { maxRetriesPerRequest: 1, ...options }),
    close: async () => {},
  };
}

/** The emulation across a real MessageChannel, as between a service worker and the page. */
function emulation(): Backing {
  const host = new RedisHost(`contract-${process.pid}-${Date.now()}`);
  const server = createInfrastructureServer({ redis: host });
  const { port1, port2 } = new MessageChannel();
  server.connect(port1);
  const Redis = createRedisClass(connectInfrastructure(port2).redis);
  return {
    name: 'sandbox emulation (RedisHost + ioredis-mock, over a MessagePort)',
    connect: (options = {}) => new Redis(options) as unknown as Client,
    close: async () => {
      await host.reset();
      await server.disconnect(port1);
      port1.close();
      port2.close();
    },
  };
}

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const NOT_INTEGER = 'ERR value is not an integer or out of range';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([realServer(), emulation()])('Redis contract: $name', (backing) => {
  // A unique prefix per run and backing, removed afterwards, so parallel runs never collide.
  const prefix = `contract:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
  const k = (name: string) => prefix + name;
  const opened: Client[] = [];
  const open = (options?: { keyPrefix?: string }) => {
    const client = backing.connect(options);
    opened.push(client);
    return client;
  };
  let redis: Client;

  beforeAll(() => {
    redis = open();
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await Promise.all(opened.map((client) => client.quit().catch(() => undefined)));
    await backing.close();
  });

  it('GET/SET, and GET of a missing key is null', async () => {
    expect(await redis.set(k('s'), 'hola')).toBe('OK');
    expect(await redis.get(k('s'))).toBe('hola');
    expect(await redis.get(k('missing'))).toBeNull();
  });

  it('SET EX / PX set a TTL that TTL and PTTL report; -1 without expiry, -2 when missing', async () => {
    await redis.set(k('ex'), 'v', 'EX', 10);
    const ttl = await redis.ttl(k('ex'));
    expect(ttl).toBeGreaterThan(8);
    expect(ttl).toBeLessThanOrEqual(10);
    await redis.set(k('px'), 'v', 'PX', 5000);
    const pttl = await redis.pttl(k('px'));
    expect(pttl).toBeGreaterThan(4000);
    expect(pttl).toBeLessThanOrEqual(5000);
    await redis.set(k('forever'), 'v');
    expect(await redis.ttl(k('forever'))).toBe(-1);
    expect(await redis.ttl(k('nope'))).toBe(-2);
    expect(await redis.pttl(k('nope'))).toBe(-2);
  });

  it('EXPIRE returns 1 on an existing key and 0 on a missing one; expired keys disappear', async () => {
    await redis.set(k('exp'), 'v');
    expect(await redis.expire(k('exp'), 100)).toBe(1);
    expect(await redis.expire(k('nothing'), 100)).toBe(0);
    await redis.set(k('short'), 'v', 'PX', 40);
    await sleep(120);
    expect(await redis.get(k('short'))).toBeNull();
    expect(await redis.exists(k('short'))).toBe(0);
  });

  it('SET NX / XX answer OK or null', async () => {
    expect(await redis.set(k('nx'), 'a', 'NX')).toBe('OK');
    expect(await redis.set(k('nx'), 'b', 'NX')).toBeNull();
    expect(await redis.get(k('nx'))).toBe('a');
    expect(await redis.set(k('xx'), 'a', 'XX')).toBeNull();
    expect(await redis.set(k('nx'), 'c', 'XX')).toBe('OK');
    expect(await redis.get(k('nx'))).toBe('c');
  });

  it('INCR/INCRBY count, and refuse a value or increment that is not an integer', async () => {
    expect(await redis.incr(k('n'))).toBe(1);
    expect(await redis.incrby(k('n'), 5)).toBe(6);
    expect(await redis.decr(k('n'))).toBe(5);
    await redis.set(k('word'), 'abc');
    await expect(redis.incr(k('word'))).rejects.toThrow(NOT_INTEGER);
    await expect(redis.incrby(k('n'), 'x' as never)).rejects.toThrow(NOT_INTEGER);
    await redis.set(k('float'), '1.5');
    await expect(redis.incr(k('float'))).rejects.toThrow(NOT_INTEGER);
    expect(await redis.get(k('word'))).toBe('abc');
    const error = await redis.incr(k('word')).catch((e: Error) => e);
    expect((error as Error).name).toBe('ReplyError');
  });

  it('hashes: HSET counts new fields, HGET, HGETALL, HDEL, HINCRBY', async () => {
    expect(await redis.hset(k('h'), 'nombre', 'Pizza', 'precio', '12')).toBe(2);
    expect(await redis.hset(k('h'), { precio: '13', stock: '4' })).toBe(1);
    expect(await redis.hget(k('h'), 'precio')).toBe('13');
    expect(await redis.hget(k('h'), 'nada')).toBeNull();
    expect(await redis.hgetall(k('h'))).toEqual({ nombre: 'Pizza', precio: '13', stock: '4' });
    expect(await redis.hdel(k('h'), 'stock', 'nada')).toBe(1);
    expect(await redis.hincrby(k('h'), 'precio', 2)).toBe(15);
    await expect(redis.hincrby(k('h'), 'nombre', 1)).rejects.toThrow('ERR hash value is not an integer');
    expect(await redis.hgetall(k('no-hash'))).toEqual({});
  });

  it('DEL and EXISTS count keys', async () => {
    await redis.set(k('d1'), '1');
    await redis.set(k('d2'), '2');
    expect(await redis.exists(k('d1'), k('d2'), k('d3'))).toBe(2);
    expect(await redis.del(k('d1'), k('d2'), k('d3'))).toBe(2);
    expect(await redis.exists(k('d1'))).toBe(0);
  });

  it('KEYS and SCAN … MATCH find the same keys by pattern', async () => {
    await redis.set(k('pedido:1'), 'a');
    await redis.set(k('pedido:2'), 'b');
    await redis.set(k('producto:1'), 'c');
    const keys = (await redis.keys(k('pedido:*'))).sort();
    expect(keys).toEqual([k('pedido:1'), k('pedido:2')]);
    const scanned = new Set<string>();
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', k('pedido:*'), 'COUNT', 100);
      batch.forEach((key) => scanned.add(key));
      cursor = next;
    } while (cursor !== '0');
    expect([...scanned].sort()).toEqual(keys);
  });

  it('a command on the wrong type of value answers WRONGTYPE', async () => {
    await redis.set(k('str'), 'x');
    await redis.hset(k('hash'), 'f', 'v');
    await expect(redis.hget(k('str'), 'f')).rejects.toThrow(WRONGTYPE);
    await expect(redis.lpush(k('str'), 'x')).rejects.toThrow(WRONGTYPE);
    await expect(redis.sadd(k('str'), 'x')).rejects.toThrow(WRONGTYPE);
    await expect(redis.get(k('hash'))).rejects.toThrow(WRONGTYPE);
    await expect(redis.incr(k('hash'))).rejects.toThrow(WRONGTYPE);
    expect(await redis.get(k('str'))).toBe('x');
  });

  it('pub/sub: a message published by one client reaches channel and pattern subscribers of another', async () => {
    const subscriber = open();
    const publisher = open();
    const received: string[] = [];
    subscriber.on('message', (channel: string, message: string) => received.push(`message ${channel} ${message}`));
    subscriber.on('pmessage', (pattern: string, channel: string, message: string) =>
      received.push(`pmessage ${pattern} ${channel} ${message}`),
    );
    expect(await subscriber.subscribe(k('pedidos'))).toBe(1);
    expect(await subscriber.psubscribe(k('ped*'))).toBe(2);
    expect(await publisher.publish(k('pedidos'), 'creado')).toBe(2);
    expect(await publisher.publish(k('otro'), 'nadie')).toBe(0);
    for (let i = 0; i < 50 && received.length < 2; i++) await sleep(10);
    expect(received.sort()).toEqual([
      `message ${k('pedidos')} creado`,
      `pmessage ${k('ped*')} ${k('pedidos')} creado`,
    ]);
    expect(await subscriber.unsubscribe(k('pedidos'))).toBe(1);
  });

  it('PUBLISH counts every subscribed connection, also several on one pattern', async () => {
    const [first, second, publisher] = [open(), open(), open()];
    const got: string[] = [];
    first.on('pmessage', (_p: string, _c: string, message: string) => got.push(`first ${message}`));
    second.on('pmessage', (_p: string, _c: string, message: string) => got.push(`second ${message}`));
    await first.psubscribe(k('evento.[a-c]*'));
    await second.psubscribe(k('evento.[a-c]*'));
    expect(await publisher.publish(k('evento.alta'), 'uno')).toBe(2);
    expect(await publisher.publish(k('evento.zeta'), 'dos')).toBe(0);
    for (let i = 0; i < 50 && got.length < 2; i++) await sleep(10);
    expect(got.sort()).toEqual(['first uno', 'second uno']);
    await second.quit();
    expect(await publisher.publish(k('evento.alta'), 'tres')).toBe(1);
  });

  it('keyPrefix prefixes key arguments but not KEYS/SCAN patterns, as ioredis does', async () => {
    const prefixed = open({ keyPrefix: k('svc:') });
    await prefixed.set('a', '1');
    expect(await redis.get(k('svc:a'))).toBe('1');
    expect(await prefixed.get('a')).toBe('1');
    expect(await prefixed.keys(k('svc:*'))).toEqual([k('svc:a')]);
    const [, scanned] = await prefixed.scan('0', 'MATCH', k('svc:*'), 'COUNT', 1000);
    expect(scanned).toEqual([k('svc:a')]);
  });

  it('a subscribed connection refuses other commands; PING answers [pong, ""]', async () => {
    const subscriber = open();
    await subscriber.subscribe(k('solo'));
    await expect(subscriber.get(k('x'))).rejects.toThrow('Connection in subscriber mode, only subscriber commands may be used');
    expect(await subscriber.ping()).toEqual(['pong', '']);
  });

  it('a lock: SET NX PX takes it once; release deletes only if the token still matches', async () => {
    const a = open();
    const b = open();
    const release = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
    expect(await a.set(k('lock'), 'token-a', 'PX', 2000, 'NX')).toBe('OK');
    expect(await b.set(k('lock'), 'token-b', 'PX', 2000, 'NX')).toBeNull();
    expect(await b.eval(release, 1, k('lock'), 'token-b')).toBe(0);
    expect(await a.get(k('lock'))).toBe('token-a');
    expect(await a.eval(release, 1, k('lock'), 'token-a')).toBe(1);
    expect(await b.set(k('lock'), 'token-b', 'PX', 2000, 'NX')).toBe('OK');
  });

  it('several connections (one per service replica) share one keyspace', async () => {
    const replica = open();
    await redis.set(k('shared'), 'uno');
    expect(await replica.get(k('shared'))).toBe('uno');
    const copy = replica.duplicate();
    opened.push(copy);
    expect(await copy.get(k('shared'))).toBe('uno');
  });

  it('MULTI/EXEC and pipelines answer [[error, result], …]', async () => {
    const results = await redis.multi().set(k('m'), '1').incr(k('m')).get(k('m')).exec();
    expect(results).toEqual([
      [null, 'OK'],
      [null, 2],
      [null, '2'],
    ]);
    const piped = await redis.pipeline().set(k('p'), 'x').incr(k('p')).exec();
    expect(piped?.[0]).toEqual([null, 'OK']);
    expect(piped?.[1]?.[0]?.message).toBe(NOT_INTEGER);
  });

  it('callbacks work like promises', async () => {
    await redis.set(k('cb'), 'v');
    const value = await new Promise((resolve, reject) =>
      redis.get(k('cb'), (error, result) => (error ? reject(error) : resolve(result))),
    );
    expect(value).toBe('v');
  });
});

describe('RedisHost snapshot (for the infrastructure panel)', () => {
  it('lists keys with type, TTL and a preview, and reset empties the keyspace', async () => {
    const host = new RedisHost(`snapshot-${process.pid}-${Date.now()}`);
    const Redis = createRedisClass(createInProcessChannel(host));
    const redis = new Redis() as unknown as Client;
    await redis.set('sesion:1', 'ana', 'EX', 60);
    await redis.hset('producto:1', 'nombre', 'Pizza');
    await redis.rpush('cola', 'a', 'b');
    const rows = await host.snapshot();
    expect(rows.map((row) => [row.key, row.type])).toEqual([
      ['cola', 'list'],
      ['producto:1', 'hash'],
      ['sesion:1', 'string'],
    ]);
    const session = rows.find((row) => row.key === 'sesion:1');
    expect(session?.ttlMs).toBeGreaterThan(58_000);
    expect(session?.preview).toBe('ana');
    expect(rows.find((row) => row.key === 'producto:1')?.ttlMs).toBeNull();
    expect(rows.find((row) => row.key === 'producto:1')?.preview).toBe('{"nombre":"Pizza"}');
    await host.reset();
    expect(await host.snapshot()).toEqual([]);
    await redis.quit();
  });

  it('two labs never share a keyspace', async () => {
    const lab1 = createRedisClass(createInProcessChannel(new RedisHost(`lab1-${Date.now()}`)));
    const lab2 = createRedisClass(createInProcessChannel(new RedisHost(`lab2-${Date.now()}`)));
    const a = new lab1() as unknown as Client;
    const b = new lab2() as unknown as Client;
    await a.set('solo-lab1', '1');
    expect(await b.get('solo-lab1')).toBeNull();
    await a.quit();
    await b.quit();
  });
});
