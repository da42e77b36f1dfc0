// Lab 17's learner code (the solution) with `npm run foodly`, as a learner runs it on their machine:
// the two tracking-service replicas on their declared ports, talking through the machine's real Redis
// (this run's own DB index). The lab's checks pass against it, and an outside ioredis client proves the
// Redis is real: the tickets are keys with a TTL in that DB, and a PUBLISH from outside reaches the
// WebSocket clients of both replicas.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { portFree, until } from './helpers.ts';
import checks from '../labs/lab-17-replicas-redis-pubsub/checks.ts';
import { expandReplicas } from '../../src/sandbox/contract/replicas.ts';
import { runCheckList } from '../lib/checks-core.ts';
import { loadLab, SANDBOXES_DIR } from '../lib/labs.ts';
import { createNodeCheckContext, typeStrippingNode } from '../lib/node-runner.ts';
import type { RunningLab } from '../lib/node-runner.ts';

const LAB = 'lab-17-replicas-redis-pubsub';

describe('lab 17 with npm run foodly, against the real Redis', () => {
  it('passes the checks, keeps tickets as expiring keys and fans out a PUBLISH to both replicas', { timeout: 120_000 }, async () => {
    const { meta } = await loadLab(LAB);
    // tracking is declared once with replicas: 2 → tracking-1 (3105) and tracking-2 (3115); the declared name means replica 1.
    const instances = expandReplicas(meta.services);
    const ports: Record<string, number> = Object.fromEntries(instances.map((instance) => [instance.name, instance.port]));
    for (const instance of instances) if (instance.replica === 1) ports[instance.service] ??= instance.port;
    expect(Object.keys(ports)).toEqual(expect.arrayContaining(['tracking-1', 'tracking-2']));
    for (const [name, port] of Object.entries(ports).filter(([name]) => instances.some((instance) => instance.name === name))) expect(await portFree(port), `${name}: port ${port} is busy (another npm run foodly?)`).toBe(true);

    const child = spawn(typeStrippingNode(), [join(SANDBOXES_DIR, 'lib/foodly.ts'), LAB], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let redis: Redis | undefined;
    try {
      for (const port of new Set(Object.values(ports))) await until(`port ${port} answering /ping`, async () => ((await fetch(`http://127.0.0.1:${port}/ping`)).ok ? true : undefined), 30_000, 100);
      const redisUrl = /Redis: (\S+)/.exec(output.join(''))?.[1];
      expect(redisUrl, output.join('')).toMatch(/^redis:\/\/127\.0\.0\.1:6379\/\d+$/);

      // The lab's checks, through the Node check context pointed at the declared ports.
      const running = { ports, baseUrl: (name: string) => `http://127.0.0.1:${ports[name]}`, logs: () => [] } as unknown as RunningLab;
      const ctx = createNodeCheckContext(running);
      const results = await runCheckList(checks, ctx, { timeoutMs: 15_000 });
      for (const result of results) expect(result, result.message).toMatchObject({ ok: true });

      // Tickets live in this run's Redis DB, with the TTL Redis enforces.
      redis = new Redis(redisUrl!);
      const order = await (await fetch(`http://127.0.0.1:${ports.orders}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerEmail: 'ana@foodly.test', items: [{ productId: 'p-1', quantity: 1 }] }) })).json() as { id: string };
      const tickets: string[] = [];
      for (const replica of ['tracking-1', 'tracking-2']) {
        const issued = await (await fetch(`http://127.0.0.1:${ports[replica]}/orders/${order.id}/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerEmail: 'ana@foodly.test' }) })).json() as { ticket: string };
        tickets.push(issued.ticket);
        const ttl = await redis.pttl(`tracking:ticket:${issued.ticket}`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(30_000);
      }

      // A PUBLISH from outside the services reaches a client of each replica: the fan-out is Redis's.
      const sockets = await Promise.all(
        ['tracking-1', 'tracking-2'].map((replica, index) => ctx.websocket(replica, `/orders/${order.id}/live?ticket=${tickets[index]}`)),
      );
      for (const socket of sockets) expect(JSON.parse((await socket.nextMessage())!)).toMatchObject({ type: 'welcome' });
      const event = { eventId: 'outside-1', name: 'order.cancelled', orderId: order.id, occurredAt: new Date().toISOString() };
      expect(await redis.publish('foodly:order-events', JSON.stringify({ event, publishedBy: 'redis-cli' }))).toBeGreaterThanOrEqual(2);
      const received = await Promise.all(sockets.map(async (socket) => JSON.parse((await socket.nextMessage(3000)) ?? '{}')));
      expect(received.map((frame) => `${frame.publishedBy}→${frame.deliveredBy}`)).toEqual(['redis-cli→tracking-1', 'redis-cli→tracking-2']);
      for (const socket of sockets) socket.close();
    } finally {
      redis?.disconnect();
      child.kill('SIGTERM');
      await exited;
    }
  });
});
