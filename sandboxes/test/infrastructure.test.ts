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
