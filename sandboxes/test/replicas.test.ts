// lab.yaml `replicas: N` in Node: the Node runner and the Node engine run each replica as its own
// process with its own port and REPLICA_ID, rewrite a gateway's `http://localhost:<replica port>`
// env values to the real ports, and the loader refuses a replica port or name another service has.
import { afterAll, describe, expect, it } from 'vitest';
import { labSchema } from '../../src/content/schemas.ts';
import { expandReplicas, resolveInstance } from '../../src/sandbox/contract/replicas.ts';
import { replicasFixtureServices, replicasFixtureTree } from '../../src/sandbox/engines/browser/testing/replicas-fixture.ts';
import { checkReplicas, LabError } from '../lib/labs.ts';
import { NodeEngine } from '../lib/node-engine.ts';
import { createNodeCheckContext, startLabTree } from '../lib/node-runner.ts';

const meta = labSchema.parse({
  title: 'Réplicas',
  topic: 1,
  summary: 'Fixture de réplicas',
  services: replicasFixtureServices,
  open: ['tracking/src/server.ts'],
  requests: [{ label: 'Réplica 2', service: 'tracking', replica: 2, method: 'GET', path: '/whoami' }],
});

type Answer = { url: string; replica?: string; pid?: number | null; error?: string };

describe('replicas', () => {
  it('expands a replicated service into named instances on stepped ports, the declared name meaning replica 1', () => {
    const instances = expandReplicas(replicasFixtureServices);
    expect(instances.map((i) => [i.name, i.port, i.env.REPLICA_ID])).toEqual([
      ['tracking-1', 3110, 'tracking-1'],
      ['tracking-2', 3120, 'tracking-2'],
      ['tracking-3', 3130, 'tracking-3'],
      ['gateway', 3105, undefined],
    ]);
    expect(resolveInstance(instances, 'tracking')).toBe('tracking-1');
    expect(resolveInstance(instances, 'tracking', 3)).toBe('tracking-3');
    expect(resolveInstance(instances, 'tracking-2')).toBe('tracking-2');
    expect(resolveInstance(instances, 'tracking', 4)).toBeUndefined();
  });

  it('the loader refuses a replica port or name that another service has, naming file and field', () => {
    const file = 'sandboxes/labs/lab-99-x/lab.yaml';
    const services = (list: Array<Record<string, unknown>>) => labSchema.shape.services.parse(list);
    expect(() => checkReplicas(file, { services: services([{ name: 'a', dir: 'a', port: 3100, replicas: 3 }, { name: 'b', dir: 'b', port: 3120 }]) })).toThrow(
      new LabError(`${file}: services.1.port: b would listen on port 3120, already taken by replica 3 of a (a-3)`),
    );
    expect(() => checkReplicas(file, { services: services([{ name: 'b', dir: 'b', port: 3110 }, { name: 'a', dir: 'a', port: 3100, replicas: 2 }]) })).toThrow(
      new LabError(`${file}: services.1.replicas: replica 2 of a (a-2) would listen on port 3110, already taken by b`),
    );
    expect(() => checkReplicas(file, { services: services([{ name: 'a-2', dir: 'b', port: 3300 }, { name: 'a', dir: 'a', port: 3100, replicas: 2 }]) })).toThrow(
      new LabError(`${file}: services.1.replicas: replica 2 of a (a-2) is named a-2, like a-2`),
    );
    expect(() => checkReplicas(file, { services: services([{ name: 'a', dir: 'a', port: 3100, replicas: 5 }, { name: 'b', dir: 'b', port: 3105 }]) })).not.toThrow();
  });

  it('Node runner: each replica is its own process with REPLICA_ID, and the gateway reaches all three through its rewritten env', { timeout: 120_000 }, async () => {
    const lab = await startLabTree({ id: 'replicas-fixture', meta, tree: replicasFixtureTree });
    try {
      expect(Object.keys(lab.ports).sort()).toEqual(['gateway', 'tracking-1', 'tracking-2', 'tracking-3']);
      const ctx = createNodeCheckContext(lab);
      const answers = (await ctx.request('gateway', '/replicas')).body as Answer[];
      expect(answers.map((answer) => answer.replica)).toEqual(['tracking-1', 'tracking-2', 'tracking-3']);
      // Separate processes: three different process ids, none of them this test's.
      const pids = new Set(answers.map((answer) => answer.pid));
      expect(pids.size).toBe(3);
      expect(pids.has(process.pid)).toBe(false);
      // The declared name means replica 1; stopping it stops every replica.
      expect(((await ctx.request('tracking', '/whoami')).body as Answer).replica).toBe('tracking-1');
      expect(((await ctx.request('tracking-3', '/whoami')).body as Answer).replica).toBe('tracking-3');
      await lab.stop('tracking-2');
      const after = (await ctx.request('gateway', '/replicas')).body as Answer[];
      expect(after.map((answer) => answer.replica ?? 'caída')).toEqual(['tracking-1', 'caída', 'tracking-3']);
    } finally {
      await lab.dispose();
    }
  });

  describe('Node engine', () => {
    const engine = new NodeEngine();
    afterAll(() => engine.dispose());

    it('starts every replica for the declared name, addresses one with `replica`, and reports each status', { timeout: 120_000 }, async () => {
      await engine.mount(replicasFixtureTree, replicasFixtureServices);
      await engine.start('tracking');
      expect(['tracking-1', 'tracking-2', 'tracking-3'].map((name) => engine.status(name))).toEqual([
        { state: 'running', port: 3110 },
        { state: 'running', port: 3120 },
        { state: 'running', port: 3130 },
      ]);
      const second = await engine.request({ service: 'tracking', replica: 2, method: 'GET', path: '/whoami' });
      expect(JSON.parse(second.text).replica).toBe('tracking-2');
      await engine.start('gateway');
      const answers = JSON.parse((await engine.request({ service: 'gateway', method: 'GET', path: '/replicas' })).text) as Answer[];
      expect(answers.map((answer) => answer.replica)).toEqual(['tracking-1', 'tracking-2', 'tracking-3']);
      await engine.stop('tracking');
      expect(engine.status('tracking-3')).toEqual({ state: 'stopped' });
    });
  });
});
