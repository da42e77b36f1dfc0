// The "Infraestructura" view of one run's real servers (./infrastructure.ts provisions them): the
// same plain data the emulated host gives (src/sandbox/infra/node/host.ts → introspect.ts), read
// with the servers' own tools, so the Node engine's capability 'infrastructure' shows the same
// thing whichever side of the fallback a server is on (sandboxes/test/infrastructure.test.ts
// compares both field by field).
// - PostgreSQL: information_schema over `pg` in each of the run's databases, shaped by
//   introspectDatabase() (the emulated PostgresHost.snapshot's queries).
// - Redis: SCAN/TYPE/PTTL in the run's DB index, with the emulated RedisHost's preview.
// - RabbitMQ: `rabbitmqctl -p <vhost> list_* --formatter json` (no AMQP method lists a vhost; there
//   is no management plugin here). Each call starts an Erlang VM (~5 s on this machine), so the
//   four run in parallel. The server's own `amqp.rabbitmq.*` exchanges are left out (the emulated
//   broker has none); the default exchange and the other amq.* ones are kept, as the emulation
//   keeps them (the panel hides those without bindings).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { InfrastructureSnapshot } from '../../src/sandbox/contract/capabilities.ts';
import type { InfrastructureKind } from '../../src/sandbox/contract/infrastructure.ts';
import { introspectDatabase } from '../../src/sandbox/infra/introspect.ts';
import type { PgTableSnapshot } from '../../src/sandbox/infra/postgres/protocol.ts';

const run = promisify(execFile);

type Parts = Omit<InfrastructureSnapshot, 'declared'>;
type RealKind = Exclude<InfrastructureKind, 'kafka'>;

export interface RealServersOptions {
  /** Admin connection (DATABASE_URL) to drop and create the run's databases. */
  postgresAdminUrl: string;
  /** Declared database → the run's actual database on the server and its owning service. */
  databases: Map<string, { actual: string; owner: string }>;
  /** The run's own Redis DB (`redis://host:port/<n>`). */
  redisUrl?: string;
  /** The run's own vhost and the AMQP URL into it. */
  rabbitmq?: { vhost: string; url: string };
}

/** The run's real servers as the panel sees them, and emptied as a fresh `docker compose up`. */
export class RealServers {
  readonly #options: RealServersOptions;

  constructor(options: RealServersOptions) {
    this.#options = options;
  }

  /** The kinds this object reads (a declared server may be absent: emulated, or rabbitmqctl unavailable). */
  get kinds(): RealKind[] {
    return [
      ...(this.#options.rabbitmq ? (['rabbitmq'] as const) : []),
      ...(this.#options.redisUrl ? (['redis'] as const) : []),
      ...(this.#options.databases.size > 0 ? (['postgres'] as const) : []),
    ];
  }

  async snapshot(kinds: RealKind[] = this.kinds): Promise<Parts> {
    const [rabbitmq, redis, postgres] = await Promise.all([
      kinds.includes('rabbitmq') && this.#options.rabbitmq ? rabbitSnapshot(this.#options.rabbitmq.vhost) : undefined,
      kinds.includes('redis') && this.#options.redisUrl ? redisSnapshot(this.#options.redisUrl) : undefined,
      kinds.includes('postgres') && this.#options.databases.size > 0 ? this.#postgresSnapshot() : undefined,
    ]);
    return { ...(rabbitmq ? { rabbitmq } : {}), ...(redis ? { redis } : {}), ...(postgres ? { postgres } : {}) };
  }

  /**
   * Empty, as after `docker compose down -v && up`: databases dropped and created again (nothing
   * else: the services apply their migrations when they start), the Redis DB flushed, every queue
   * and exchange of the vhost deleted. Call it with the services stopped.
   */
  async reset(): Promise<void> {
    await Promise.all([this.#resetPostgres(), this.#resetRedis(), this.#resetRabbit()]);
  }

  async #postgresSnapshot(): Promise<NonNullable<Parts['postgres']>> {
    const databases = [];
    for (const [name, { actual, owner }] of this.#options.databases) {
      const url = new URL(this.#options.postgresAdminUrl);
      url.pathname = `/${actual}`;
      databases.push(introspectDatabase(name, owner, await pgTables(url.href)));
    }
    return { databases };
  }

  async #resetPostgres(): Promise<void> {
    if (this.#options.databases.size === 0) return;
    const admin = new pg.Client({ connectionString: this.#options.postgresAdminUrl });
    await admin.connect();
    try {
      for (const { actual } of this.#options.databases.values()) {
        // WITH (FORCE) ends sessions a killed service left behind (PostgreSQL 13+).
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(actual)} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(actual)}`);
      }
    } finally {
      await admin.end();
    }
  }

  async #resetRedis(): Promise<void> {
    if (!this.#options.redisUrl) return;
    const client = new Redis(this.#options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    try {
      // This run's DB index only: the locks in DB 0 and other runs' DBs stay.
      await client.flushdb();
    } finally {
      client.disconnect();
    }
  }

  /** Deletes the vhost's queues (their messages with them) and the lab's exchanges over AMQP. */
  async #resetRabbit(): Promise<void> {
    const rabbit = this.#options.rabbitmq;
    if (!rabbit) return;
    const [queues, exchanges] = await Promise.all([
      rabbitctl<{ name: string }>(rabbit.vhost, ['list_queues', 'name']),
      rabbitctl<{ name: string }>(rabbit.vhost, ['list_exchanges', 'name']),
    ]);
    const connection = await amqp.connect(rabbit.url);
    try {
      const channel = await connection.createChannel();
      for (const { name } of queues) await channel.deleteQueue(name);
      for (const { name } of exchanges) if (name !== '' && !name.startsWith('amq.')) await channel.deleteExchange(name);
      await channel.close();
    } finally {
      await connection.close();
    }
  }
}

/** Tables of one database with their row count and first rows (PostgresHost.snapshot's queries, over pg). */
async function pgTables(url: string, rowLimit = 5): Promise<PgTableSnapshot[]> {
  const client = new pg.Client({ connectionString: url });
  // A reset (DROP DATABASE … WITH (FORCE)) can end this connection while a change poll reads it:
  // the pending query rejects for the caller, and pg also emits the FATAL 57P01 as an 'error'
  // event, which with no listener was thrown as an uncaught exception (it failed a CI rehearsal).
  client.on('error', () => undefined);
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; table: string }>(
      `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 1, 2`,
    );
    const out: PgTableSnapshot[] = [];
    for (const { schema, table } of tables.rows) {
      const qualified = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`;
      const count = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${qualified}`);
      const columnRows = await client.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
        [schema, table],
      );
      const columns = columnRows.rows.map((row) => row.name);
      // Values as text, the way psql prints them, whatever their type.
      const select = columns.map((column) => `${pg.escapeIdentifier(column)}::text`).join(', ') || 'NULL';
      const rows = await client.query<(string | null)[]>({ text: `SELECT ${select} FROM ${qualified} LIMIT ${rowLimit}`, rowMode: 'array' });
      out.push({ schema, table, rowCount: count.rows[0]?.n ?? 0, columns, rows: columns.length > 0 ? rows.rows : rows.rows.map(() => []) });
    }
    return out;
  } finally {
    await client.end();
  }
}

type RedisType = NonNullable<Parts['redis']>['keys'][number]['type'];

/** Keys (sorted), types, TTLs and RedisHost's preview, read with SCAN (never KEYS on a real server). */
async function redisSnapshot(url: string): Promise<NonNullable<Parts['redis']>> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    const keys = new Set<string>();
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'COUNT', 200);
      for (const key of batch) keys.add(key);
      cursor = next;
    } while (cursor !== '0');
    const rows = [];
    for (const key of [...keys].sort()) {
      const type = (await client.type(key)) as RedisType;
      if (type === 'none') continue; // expired between SCAN and TYPE
      const pttl = await client.pttl(key);
      rows.push({ key, type, ttlMs: pttl >= 0 ? pttl : null, preview: await redisPreview(client, key, type) });
    }
    return { keys: rows };
  } finally {
    client.disconnect();
  }
}

/** The same preview as the emulated RedisHost (src/sandbox/infra/redis/host.ts). */
async function redisPreview(client: Redis, key: string, type: RedisType): Promise<string> {
  const limit = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);
  switch (type) {
    case 'string':
      return limit(String(await client.get(key)));
    case 'hash':
      return limit(JSON.stringify(await client.hgetall(key)));
    case 'list':
      return limit(JSON.stringify(await client.lrange(key, 0, 9)));
    case 'set':
      return limit(JSON.stringify((await client.smembers(key)).sort().slice(0, 10)));
    case 'zset':
      return limit(JSON.stringify(await client.zrange(key, 0, 9, 'WITHSCORES')));
    default:
      return '';
  }
}

/** `rabbitmqctl -p <vhost> <list command> <columns…> --formatter json`, parsed. */
async function rabbitctl<Row>(vhost: string, args: string[]): Promise<Row[]> {
  const { stdout } = await run('rabbitmqctl', ['-q', '-p', vhost, ...args, '--formatter', 'json'], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim() ? (JSON.parse(stdout) as Row[]) : [];
}

/** Whether rabbitmqctl can run here (root or the rabbitmq user: it needs the Erlang cookie). */
export async function rabbitmqctlWorks(): Promise<boolean> {
  return run('rabbitmqctl', ['-q', 'list_vhosts'], { timeout: 60_000 }).then(
    () => true,
    () => false,
  );
}

type AmqpView = NonNullable<Parts['rabbitmq']>;

/** What introspectBroker() gives for the emulated broker, from rabbitmqctl's lists of one vhost. */
async function rabbitSnapshot(vhost: string): Promise<AmqpView> {
  const [exchanges, queues, bindings, consumers] = await Promise.all([
    rabbitctl<{ name: string; type: string; durable: boolean; internal: boolean }>(vhost, ['list_exchanges', 'name', 'type', 'durable', 'internal']),
    rabbitctl<{ name: string; durable: boolean; messages_ready: number; messages_unacknowledged: number; consumers: number; arguments: [string, string, unknown][] }>(vhost, [
      'list_queues',
      'name',
      'durable',
      'messages_ready',
      'messages_unacknowledged',
      'consumers',
      'arguments',
    ]),
    rabbitctl<{ source_name: string; destination_name: string; destination_kind: string; routing_key: string }>(vhost, ['list_bindings', 'source_name', 'destination_name', 'destination_kind', 'routing_key']),
    rabbitctl<{ queue_name: string; consumer_tag: string; prefetch_count: number }>(vhost, ['list_consumers', 'queue_name', 'consumer_tag', 'prefetch_count']),
  ]);
  const bindingsOf = (exchange: string) => bindings.filter((binding) => binding.source_name === exchange);
  const shown = exchanges
    .filter((exchange) => !exchange.name.startsWith('amq.rabbitmq.'))
    // The default exchange first, then by name (the emulation lists them in creation order).
    .sort((a, b) => (a.name === '' ? -1 : b.name === '' ? 1 : a.name.localeCompare(b.name)));
  return {
    // A real RabbitMQ keeps no history of what flowed (only its firehose tracer would, at a cost):
    // the timeline is the emulation's; here it stays empty.
    activity: [],
    exchanges: shown.map((exchange) => ({
      name: exchange.name,
      type: exchange.type,
      durable: exchange.durable,
      bindings: bindingsOf(exchange.name).map((binding) => ({ destination: binding.destination_name, routingKey: binding.routing_key })),
    })),
    queues: queues
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((queue) => {
        const argument = (name: string) => queue.arguments.find(([key]) => key === name)?.[2];
        const dlx = argument('x-dead-letter-exchange');
        const deadLetterExchange = typeof dlx === 'string' ? dlx : undefined;
        const own = consumers.filter((consumer) => consumer.queue_name === queue.name);
        return {
          name: queue.name,
          durable: queue.durable,
          ready: queue.messages_ready,
          unacked: queue.messages_unacknowledged,
          consumers: queue.consumers,
          // rabbitmqctl counts unacked per queue and per channel, not per consumer: a queue's only
          // consumer holds them all; with several, each shows 0 (the queue's figure is the real one).
          // A real broker cannot pause a consumer, nor does it know which service opened it.
          consumerList: own.map((consumer) => ({ tag: consumer.consumer_tag, unacked: own.length === 1 ? queue.messages_unacknowledged : 0, prefetch: consumer.prefetch_count, paused: false })),
          ...(deadLetterExchange !== undefined ? { deadLetterExchange } : {}),
          deadLetterQueues: deadLetterExchange === undefined ? [] : deadLetterTargets(deadLetterExchange, argument('x-dead-letter-routing-key'), queues, bindingsOf(deadLetterExchange)),
        };
      }),
  };
}

/** The queues a dead-letter exchange feeds, as introspect.ts computes them for the emulated broker. */
function deadLetterTargets(exchange: string, routingKey: unknown, queues: { name: string }[], bindings: { destination_name: string; destination_kind: string }[]): string[] {
  if (exchange === '') return typeof routingKey === 'string' && queues.some((queue) => queue.name === routingKey) ? [routingKey] : [];
  return [...new Set(bindings.filter((binding) => binding.destination_kind === 'queue').map((binding) => binding.destination_name))];
}
