// The infrastructure fixture (src/sandbox/engines/browser/testing/infra-lab/) through the Node
// runner against the machine's real RabbitMQ, Redis and PostgreSQL: the same learner code and the
// same checks that e2e/sandbox-infrastructure.spec.ts runs in the browser engine. Also proves each
// run is isolated (its own database, Redis DB and vhost) and cleaned up.
import pg from 'pg';
import { Redis } from 'ioredis';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { labSchema } from '../../src/content/schemas.ts';
import { infraFixtureInfrastructure, infraFixtureServices, infraFixtureTree } from '../../src/sandbox/engines/browser/testing/infra-fixture.ts';
import checks from '../../src/sandbox/engines/browser/testing/infra-lab/checks.ts';
import { runCheckList } from '../lib/checks-core.ts';
import { SERVER_URLS } from '../lib/infrastructure.ts';
import { createNodeCheckContext, startLabTree } from '../lib/node-runner.ts';

const meta = labSchema.parse({
  title: 'Infraestructura real',
  topic: 1,
  summary: 'Fixture de infraestructura',
  services: infraFixtureServices,
  open: ['orders/src/server.ts'],
  requests: [{ label: 'Pedidos', service: 'orders', method: 'GET', path: '/orders' }],
  infrastructure: infraFixtureInfrastructure,
});

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: SERVER_URLS.postgres });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('a lab that declares infrastructure, in Node against the real servers', () => {
  it('passes the fixture checks with amqplib, ioredis and pg, each run isolated and cleaned up', { timeout: 240_000 }, async () => {
    const lab = await startLabTree({ id: 'infra-fixture', meta, tree: infraFixtureTree });
    let databaseUrl = '';
    let redisUrl = '';
    let vhost = '';
    try {
      const results = await runCheckList(checks, createNodeCheckContext(lab), { timeoutMs: 60_000 });
      for (const result of results) expect(result, result.message).toMatchObject({ ok: true });
      expect(results).toHaveLength(checks.length);

      // The run's own database, Redis DB and vhost (notes as printed by npm run foodly).
      const notes = lab.infrastructureNotes.join('\n');
      databaseUrl = /orders → (foodly_\S+)/.exec(notes)?.[1] ?? '';
      redisUrl = /Redis: (\S+)/.exec(notes)?.[1] ?? '';
      vhost = /vhost (\S+)/.exec(notes)?.[1] ?? '';
      expect(databaseUrl).toMatch(/^foodly_infra_fixture_/);
      expect(redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:6379\/([1-9]|1[0-5])$/);
      expect(vhost).toMatch(/^foodly-infra_fixture_/);
      expect(await databaseExists(databaseUrl)).toBe(true);
      const redis = new Redis(redisUrl);
      expect(await redis.get('cache:menu')).toBe('pizza,agua');
      redis.disconnect();
    } finally {
      await lab.dispose();
    }
    expect(await databaseExists(databaseUrl)).toBe(false);
    const redis = new Redis(redisUrl);
    expect(await redis.dbsize()).toBe(0);
    redis.disconnect();
    expect(execFileSync('rabbitmqctl', ['list_vhosts', '-q'], { encoding: 'utf8' })).not.toContain(vhost);
  });
});

describe('the Node engine (SandboxEngine in Node) with a lab that declares infrastructure', () => {
  it('mounts it with its own servers and passes the same checks', { timeout: 240_000 }, async () => {
    const { NodeEngine } = await import('../lib/node-engine.ts');
    const { infraFixtureChecks } = await import('../../src/sandbox/engines/browser/testing/infra-fixture.ts');
    const engine = new NodeEngine();
    try {
      await engine.mount(infraFixtureTree, infraFixtureServices, { infrastructure: infraFixtureInfrastructure });
      await engine.start('notifications');
      await engine.start('orders');
      const results = await engine.runChecks(infraFixtureChecks);
      for (const result of results) expect(result, result.message).toMatchObject({ ok: true });
      expect(results).toHaveLength(checks.length);
    } finally {
      await engine.dispose();
    }
  });
});

// The Node engine's capability 'infrastructure' on both sides of its fallback: one scenario (a
// queue with one message nobody consumes, bound to a topic exchange; a Redis key with a TTL; a row
// in the service's database) against the real servers (rabbitmqctl in the run's vhost, SCAN in its
// Redis DB, pg in its database) and against the emulation (emulate: 'all'). What both must agree on
// is compared field by field; then a change is reported to a listener, and a reset empties both.
const snapshotService = `import { createServer } from 'node:http';
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import pg from 'pg';

const connection = await amqp.connect(process.env.AMQP_URL!);
const channel = await connection.createConfirmChannel();
await channel.assertExchange('snap.events', 'topic', { durable: true });
await channel.assertQueue('snap.work', { durable: true });
await channel.bindQueue('snap.work', 'snap.events', 'work.*');
channel.publish('snap.events', 'work.created', Buffer.from('{"id":1}'), { persistent: true });
await channel.waitForConfirms();
const redis = new Redis(process.env.REDIS_URL!);
await redis.set('snap:greeting', 'hola', 'EX', 120);
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
await db.connect();
await db.query('CREATE TABLE IF NOT EXISTS items (id integer PRIMARY KEY, name text NOT NULL)');
await db.query("INSERT INTO items VALUES (1, 'uno') ON CONFLICT DO NOTHING");

createServer(async (req, res) => {
  if (req.method === 'PUT' && req.url === '/touch') await redis.set('snap:touched', 'sí');
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{}');
}).listen(Number(process.env.PORT));
`;
const snapshotTree = {
  'package.json': JSON.stringify({ name: 'snapshot-fixture', private: true, type: 'module' }),
  'app/src/server.ts': snapshotService,
};
const snapshotServices = [{ name: 'app', dir: 'app', port: 3401, env: {} }];
const snapshotInfrastructure = { rabbitmq: true, redis: true, postgres: { databases: { snapdb: 'app' } } };

/** What real servers and the emulation must agree on (consumers' tags, TTL values and previews of other types may differ). */
function comparable(snapshot: import('../../src/sandbox/contract/capabilities.ts').InfrastructureSnapshot) {
  const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));
  return {
    declared: snapshot.declared,
    exchanges: byName(snapshot.rabbitmq?.exchanges ?? []).map((exchange) => ({
      ...exchange,
      bindings: [...exchange.bindings].sort((a, b) => `${a.destination} ${a.routingKey}`.localeCompare(`${b.destination} ${b.routingKey}`)),
    })),
    queues: byName(snapshot.rabbitmq?.queues ?? []).map(({ consumerList, ...queue }) => ({ ...queue, consumerTags: consumerList.length })),
    redis: snapshot.redis?.keys.map(({ ttlMs, ...key }) => ({ ...key, ttl: ttlMs !== null && ttlMs > 0 && ttlMs <= 120_000 })),
    postgres: snapshot.postgres,
  };
}

describe("the Node engine's infrastructure snapshot: real servers and emulation agree", () => {
  it('shows the same queues, keys and rows on both, reports changes and resets both', { timeout: 300_000 }, async () => {
    const { NodeEngine } = await import('../lib/node-engine.ts');
    const { hasInfrastructure } = await import('../../src/sandbox/contract/index.ts');
    const seen: Record<string, ReturnType<typeof comparable>> = {};
    const empty: Record<string, ReturnType<typeof comparable>> = {};
    for (const mode of ['real', 'emulated'] as const) {
      const engine = new NodeEngine({ emulate: mode === 'real' ? [] : 'all' });
      try {
        await engine.mount(snapshotTree, snapshotServices, { infrastructure: snapshotInfrastructure });
        expect(hasInfrastructure(engine)).toBe(true);
        await engine.start('app');
        expect(engine.status('app'), engine.logs('app').join('\n')).toMatchObject({ state: 'running' });
        const snapshot = await engine.infrastructureSnapshot();
        seen[mode] = comparable(snapshot);
        expect(seen[mode].queues, mode).toEqual([{ name: 'snap.work', durable: true, ready: 1, unacked: 0, consumers: 0, consumerTags: 0, deadLetterQueues: [] }]);
        expect(seen[mode].exchanges.find((exchange) => exchange.name === 'snap.events'), mode).toEqual({
          name: 'snap.events',
          type: 'topic',
          durable: true,
          bindings: [{ destination: 'snap.work', routingKey: 'work.*' }],
        });
        expect(seen[mode].redis, mode).toEqual([{ key: 'snap:greeting', type: 'string', preview: 'hola', ttl: true }]);
        expect(seen[mode].postgres, mode).toEqual({
          databases: [{ name: 'snapdb', owner: 'app', tables: [{ name: 'items', rowCount: 1, columns: ['id', 'name'], rows: [['1', 'uno']] }] }],
        });

        // A Redis write while someone listens: the emulated host's event, or the real server's poll.
        const changes: string[][] = [];
        const off = engine.onInfrastructureChange((kinds) => changes.push(kinds));
        await new Promise((resolve) => setTimeout(resolve, 1_500)); // the poll's first read is its baseline
        await engine.request({ service: 'app', method: 'PUT', path: '/touch' });
        const deadline = Date.now() + 15_000;
        while (!changes.flat().includes('redis') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        off();
        expect(changes.flat(), mode).toContain('redis');

        // Reset with the service stopped: what a fresh `docker compose up` has before any service starts.
        await engine.stop('app');
        await engine.resetInfrastructure();
        empty[mode] = comparable(await engine.infrastructureSnapshot());
        expect(empty[mode].queues, mode).toEqual([]);
        expect(empty[mode].exchanges.map((exchange) => exchange.name), mode).not.toContain('snap.events');
        expect(empty[mode].redis, mode).toEqual([]);
        expect(empty[mode].postgres, mode).toEqual({ databases: [{ name: 'snapdb', owner: 'app', tables: [] }] });
        // The services find the servers working again (their migrations run at start).
        await engine.start('app');
        expect(comparable(await engine.infrastructureSnapshot()).postgres, mode).toEqual(seen[mode].postgres);
      } finally {
        await engine.dispose();
      }
    }
    // Field by field, every exchange (default and amq.* included), queue, key and row.
    expect(seen.real).toEqual(seen.emulated);
    expect(empty.real).toEqual(empty.emulated);
  });
});
