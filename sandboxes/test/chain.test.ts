import { describe, expect, it } from 'vitest';
import { listLabIds } from '../lib/labs.ts';
import { runChecks } from '../lib/node-runner.ts';

// The promise of every lab: its checks fail on the start (there is something to do) and all pass
// on the solution. Real processes on real ports, exactly as a learner's machine would run them.
const ids = await listLabIds();

// At most three labs at once: each boots up to three Node processes.
let running = 0;
const waiting: Array<() => void> = [];
async function limited<T>(task: () => Promise<T>): Promise<T> {
  while (running >= 3) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
const env = { PASSWORD_HASH_ITERATIONS: '1000' };
const report = (results: Array<{ name: string; ok: boolean; message: string }>) =>
  results.map((result) => `${result.ok ? '✔' : '✘'} ${result.name}${result.ok ? '' : ` → ${result.message}`}`).join('\n');

describe.concurrent.each(ids)('%s', (id) => {
  it('passes every check on the solution', { timeout: 300_000 }, async () => {
    const results = await limited(() => runChecks(id, 'solution', { env }));
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.ok), report(results)).toBe(true);
  });

  it('fails at least one check on the start', { timeout: 300_000 }, async () => {
    const results = await limited(() => runChecks(id, 'start', { env }));
    expect(results.some((result) => !result.ok), report(results)).toBe(true);
  });
});
