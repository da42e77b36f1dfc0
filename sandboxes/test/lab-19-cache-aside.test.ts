// Lab 19's learner code (the solution's products-service) with the real ioredis against the
// machine's real Redis, provisioned as `npm run foodly` does (./infrastructure.ts: a Redis DB of
// its own): the lab's checks pass, the cache entries really are in Redis with the TTL of
// CACHE_TTL_SECONDS, no stampede lock is left behind, and a change deletes the entry.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { loadChecks, startLab, createNodeCheckContext } from '../lib/node-runner.ts';
import { runCheckList } from '../lib/checks-core.ts';

describe('lab-19-cache-aside against the real Redis', () => {
  it('caches products in Redis with a TTL, invalidates on change and leaves no lock', { timeout: 240_000 }, async () => {
    const lab = await startLab('lab-19-cache-aside', 'solution');
    const redisUrl = /Redis: (\S+)/.exec(lab.infrastructureNotes.join('\n'))?.[1] ?? '';
    expect(redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:6379\/([1-9]|1[0-5])$/);
    const redis = new Redis(redisUrl);
    try {
      const results = await runCheckList(await loadChecks('lab-19-cache-aside'), createNodeCheckContext(lab), { timeoutMs: 60_000 });
      for (const result of results) expect(result, result.message).toMatchObject({ ok: true });

      const ctx = createNodeCheckContext(lab);
      expect((await ctx.request('products', '/products/p-5')).status).toBe(200);
      expect(JSON.parse((await redis.get('products:p-5')) ?? 'null')).toMatchObject({ id: 'p-5', name: 'Agua mineral' });
      const ttl = await redis.ttl('products:p-5');
      expect(ttl).toBeGreaterThan(50);
      expect(ttl).toBeLessThanOrEqual(60);
      expect(await redis.keys('lock:*')).toEqual([]);

      expect((await ctx.request('products', '/products/p-5', { method: 'PATCH', body: { stock: 99 } })).status).toBe(200);
      expect(await redis.exists('products:p-5')).toBe(0);
      expect((await ctx.request('products', '/products/p-5')).body).toMatchObject({ stock: 99 });
      expect(JSON.parse((await redis.get('products:p-5')) ?? 'null')).toMatchObject({ stock: 99 });
    } finally {
      redis.disconnect();
      await lab.dispose();
    }
  });
});
