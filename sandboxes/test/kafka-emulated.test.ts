// Kafka in the Node runner without a Kafka server (none here or in CI): a lab that declares
// `kafka: true` gets the sandbox's emulated cluster (src/sandbox/infra/node/host.ts, in the runner's
// process) and its services a resolve hook mapping `kafkajs` to the sandbox's kafkajs shim. The
// services below import `kafkajs` as learner code does and are unchanged from what runs against a
// real broker.
import { describe, expect, it } from 'vitest';
import { labSchema } from '../../src/content/schemas.ts';
import { infrastructureFixture } from '../../src/sandbox/infra/node/testing/fixtures.ts';
import { NodeEngine } from '../lib/node-engine.ts';
import { startLabTree } from '../lib/node-runner.ts';

const fixture = infrastructureFixture({ rabbitmq: false, kafka: true, redis: false });
const meta = labSchema.parse({
  title: 'Kafka emulado',
  topic: 1,
  summary: 'Fixture de Kafka en el runner de Node',
  services: fixture.services,
  open: ['producer/src/server.ts'],
  requests: [{ label: 'Pedido', service: 'producer', method: 'POST', path: '/orders?id=a' }],
  infrastructure: fixture.infrastructure,
});

const realKafka = Boolean(process.env.KAFKA_BROKERS);

describe.skipIf(realKafka)('Node runner: kafkajs against the emulated cluster when no Kafka server answers', () => {
  it('produces keyed messages and consumes them in a consumer group, from the beginning and after a restart', { timeout: 120_000 }, async () => {
    const lab = await startLabTree({ id: 'kafka-emulated', meta, tree: fixture.tree });
    const received = async () => (await (await fetch(`${lab.baseUrl('consumer')}/received`)).json()) as { kafka: Array<{ id: string; partition: number }> };
    const until = async (count: number) => {
      const deadline = Date.now() + 20_000;
      let last = await received();
      while (last.kafka.length < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        last = await received();
      }
      return last;
    };
    try {
      expect(lab.infrastructureNotes.join('\n')).toMatch(/Kafka: emulado \(127\.0\.0\.1:\d+/);
      const partitions = new Map<string, number>();
      for (const id of ['a', 'b', 'c', 'a']) {
        const response = await fetch(`${lab.baseUrl('producer')}/orders?id=${id}`, { method: 'POST' });
        expect(response.status, lab.logs('producer').join('\n')).toBe(202);
        const { partition } = (await response.json()) as { partition: number };
        // kafkajs's default partitioner: the same key always lands on the same partition.
        if (partitions.has(id)) expect(partition).toBe(partitions.get(id));
        partitions.set(id, partition);
      }
      const first = await until(4);
      expect(first.kafka.map((m) => m.id).sort(), lab.logs('consumer').join('\n')).toEqual(['a', 'a', 'b', 'c']);
      for (const message of first.kafka) expect(message.partition).toBe(partitions.get(message.id));

      // The group's committed offsets survive a consumer restart: only the new message arrives.
      await lab.stop('consumer');
      await fetch(`${lab.baseUrl('producer')}/orders?id=d`, { method: 'POST' });
      await lab.start('consumer');
      const second = await until(1);
      expect(second.kafka.map((m) => m.id)).toEqual(['d']);
    } finally {
      await lab.dispose();
    }
  });

  it('works the same through the Node engine (mount with infrastructure)', { timeout: 120_000 }, async () => {
    const engine = new NodeEngine();
    try {
      await engine.mount(fixture.tree, fixture.services, { infrastructure: fixture.infrastructure });
      await engine.start('producer');
      await engine.start('consumer');
      expect(engine.status('producer'), engine.logs('producer').join('\n')).toMatchObject({ state: 'running' });
      expect((await engine.request({ service: 'producer', method: 'POST', path: '/orders?id=z' })).status).toBe(202);
      const deadline = Date.now() + 20_000;
      let ids: string[] = [];
      while (ids.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        ids = (JSON.parse((await engine.request({ service: 'consumer', method: 'GET', path: '/received' })).text) as { kafka: Array<{ id: string }> }).kafka.map((m) => m.id);
      }
      expect(ids, engine.logs('consumer').join('\n')).toEqual(['z']);
    } finally {
      await engine.dispose();
    }
  });
});
