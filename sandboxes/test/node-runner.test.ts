import { describe, expect, it } from 'vitest';
import { rewriteEnv, startLab } from '../lib/node-runner.ts';

// The Node runner keeps the engines' contract for logs(service): what it printed since its last start.
describe('startLab', () => {
  it('logs(service) starts empty again when the service restarts', { timeout: 120_000 }, async () => {
    const lab = await startLab('lab-02-primer-servicio', 'solution', { env: { PASSWORD_HASH_ITERATIONS: '1000' } });
    try {
      const [service] = lab.meta.services.map((s) => s.name);
      await fetch(`${lab.baseUrl(service!)}/health`);
      const before = lab.logs(service!);
      expect(before.some((line) => /escuchando|listening/i.test(line))).toBe(true);
      await lab.stop(service!);
      await lab.start(service!);
      const after = lab.logs(service!);
      expect(after.filter((line) => /escuchando|listening/i.test(line))).toHaveLength(1);
      expect(after.length).toBeLessThan(before.length + 1);
    } finally {
      await lab.dispose();
    }
  });
});

describe('rewriteEnv', () => {
  it('points http:// and ws:// URLs of declared ports at the ports actually assigned', () => {
    const env = rewriteEnv({ CHAT_URL: 'ws://localhost:3160/ws', API: 'http://127.0.0.1:3160', OTHER: 'ws://localhost:9999' }, new Map([[3160, 3333]]));
    expect(env).toEqual({ CHAT_URL: 'ws://127.0.0.1:3333/ws', API: 'http://127.0.0.1:3333', OTHER: 'ws://localhost:9999' });
  });
});
