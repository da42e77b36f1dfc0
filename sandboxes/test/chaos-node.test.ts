// Chaos in the Node engine and the Node runner (ctx.chaos in checks): a crash is SIGKILL of the
// service's process; pausing a consumer and dropping a service's broker connections act on the
// emulated brokers in the runner's process. Against a real RabbitMQ neither claims chaos (no such
// operation exists there), so checks take their `if (!ctx.chaos)` path — asserted too.
import { describe, expect, it } from 'vitest';
import { labSchema } from '../../src/content/schemas.ts';
import { hasChaos } from '../../src/sandbox/contract/index.ts';
import { createCheckContext } from '../../src/sandbox/engines/check-context.ts';
import { infrastructureFixture } from '../../src/sandbox/infra/node/testing/fixtures.ts';
import { NodeEngine } from '../lib/node-engine.ts';
import { createNodeCheckContext, startLabTree } from '../lib/node-runner.ts';
import type { CheckContext } from '../lib/checks-types.ts';

const fixture = infrastructureFixture({ rabbitmq: true, kafka: false, redis: false });
const meta = labSchema.parse({
  title: 'Caos',
  topic: 1,
  summary: 'Fixture de caos en Node',
  services: fixture.services,
  open: ['producer/src/server.ts'],
  requests: [{ label: 'Pedido', service: 'producer', method: 'POST', path: '/orders?id=a' }],
  infrastructure: fixture.infrastructure,
});

/** What a lab's check does with ctx.chaos, the same on every engine that has it. */
async function pauseResumeCrash(ctx: CheckContext, crashed: () => Promise<boolean>) {
  const chaos = ctx.chaos!;
  const received = async () => ((await ctx.request('consumer', '/received')).body as { amqp: string[] }).amqp;
  const { consumerTag } = (await ctx.request('consumer', '/consumer-tag')).body as { consumerTag: string };
  await chaos.pauseConsumer({ kind: 'rabbitmq', consumerTag });
  expect((await ctx.request('producer', '/orders?id=paused', { method: 'POST' })).status).toBe(202);
  await ctx.sleep(500);
  expect(await received()).not.toContain('paused');
  await chaos.resumeConsumer({ kind: 'rabbitmq', consumerTag });
  const deadline = Date.now() + 10_000;
  while (!(await received()).includes('paused') && Date.now() < deadline) await ctx.sleep(100);
  expect(await received()).toContain('paused');
  await expect(chaos.pauseConsumer({ kind: 'rabbitmq', consumerTag: 'nope' })).rejects.toThrow('No hay ningún consumidor con la etiqueta nope.');
  expect(await chaos.dropConnections('producer', 'rabbitmq')).toBeGreaterThan(0);
  await chaos.crashService('consumer');
  expect(await crashed()).toBe(true);
}

describe('chaos in the Node engine and the Node runner', () => {
  it('Node runner with emulated brokers: ctx.chaos pauses and resumes a consumer, drops connections, crashes a service', { timeout: 120_000 }, async () => {
    const lab = await startLabTree({ id: 'chaos-emulated', meta, tree: fixture.tree }, { emulate: 'all' });
    try {
      const ctx = createNodeCheckContext(lab);
      expect(ctx.chaos).toBeDefined();
      await pauseResumeCrash(ctx, async () => {
        const answer = await fetch(`${lab.baseUrl('consumer')}/received`).then(() => 'up', () => 'down');
        return answer === 'down';
      });
    } finally {
      await lab.dispose();
    }
  });

  it('Node engine with emulated brokers: the chaos capability, crash status included', { timeout: 120_000 }, async () => {
    const engine = new NodeEngine({ emulate: 'all' });
    try {
      await engine.mount(fixture.tree, fixture.services, { infrastructure: fixture.infrastructure });
      expect(hasChaos(engine)).toBe(true);
      await engine.start('producer');
      await engine.start('consumer');
      await pauseResumeCrash(createCheckContext(engine), async () => engine.status('consumer').state === 'crashed');
      expect(engine.status('consumer')).toMatchObject({ reason: expect.stringContaining('SIGKILL (caos)') });
    } finally {
      await engine.dispose();
    }
  });

  it('a lab without brokers still gets crashService; against the real RabbitMQ no engine claims chaos', { timeout: 120_000 }, async () => {
    const engine = new NodeEngine({ emulate: [] });
    try {
      const plain = { ...fixture.tree };
      await engine.mount(plain, [fixture.services[0]!], {});
      expect(hasChaos(engine)).toBe(true);
      await expect(engine.pauseConsumer({ kind: 'rabbitmq', consumerTag: 'x' })).rejects.toThrow('Este laboratorio no declara ningún broker.');
      await engine.mount(fixture.tree, fixture.services, { infrastructure: fixture.infrastructure });
      expect(hasChaos(engine)).toBe(false);
      expect(createCheckContext(engine).chaos).toBeUndefined();
    } finally {
      await engine.dispose();
    }
  });
});
