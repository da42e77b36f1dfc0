// Lab 20's learner code (the solution) through the Node runner, as `npm run foodly` runs it:
// three products-service processes and the gateway, with the real ioredis against the machine's
// real Redis (a DB of this run's own). The lab's checks pass (one stops products-1 mid-traffic),
// and the shared catalogue really is the Redis hash every replica reads.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { runCheckList } from '../lib/checks-core.ts';
import { createNodeCheckContext, loadChecks, startLab } from '../lib/node-runner.ts';

describe('lab-20-replicas-balanceo against the real Redis', () => {
  it('three replica processes share the catalogue in Redis and the gateway hides a stopped one', { timeout: 240_000 }, async () => {
    const lab = await startLab('lab-20-replicas-balanceo', 'solution');
    const redisUrl = /Redis: (\S+)/.exec(lab.infrastructureNotes.join('\n'))?.[1] ?? '';
    expect(redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:6379\/([1-9]|1[0-5])$/);
    const redis = new Redis(redisUrl);
    try {
      const results = await runCheckList(await loadChecks('lab-20-replicas-balanceo'), createNodeCheckContext(lab), { timeoutMs: 60_000 });
      for (const result of results) expect(result, result.message).toMatchObject({ ok: true });

      const ctx = createNodeCheckContext(lab);
      const patched = await ctx.request('gateway', '/products/p-7', { method: 'PATCH', body: { stock: 3 } });
      expect(patched.status).toBe(200);
      expect(JSON.parse((await redis.hget('catalogue:products', 'p-7')) ?? 'null')).toMatchObject({ id: 'p-7', stock: 3 });
      const answers = await Promise.all(['products-1', 'products-2', 'products-3'].map((replica) => ctx.request(replica, '/products/p-7')));
      expect(answers.map((answer) => [answer.headers['x-replica'], (answer.body as { stock?: number }).stock])).toEqual([
        ['products-1', 3],
        ['products-2', 3],
        ['products-3', 3],
      ]);
    } finally {
      redis.disconnect();
      await lab.dispose();
    }
  });
});
