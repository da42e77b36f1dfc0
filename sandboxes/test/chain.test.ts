import { describe, expect, it } from 'vitest';
import { listLabIds } from '../lib/labs.ts';
import { runChecks } from '../lib/node-runner.ts';

// The promise of every lab: its checks fail on the start (there is something to do) and all pass
// on the solution. Real processes on real ports, exactly as a learner's machine would run them.
const ids = await listLabIds();
const env = { PASSWORD_HASH_ITERATIONS: '1000' };
const report = (results: Array<{ name: string; ok: boolean; message: string }>) =>
  results.map((result) => `${result.ok ? '✔' : '✘'} ${result.name}${result.ok ? '' : ` → ${result.message}`}`).join('\n');

describe.concurrent.each(ids)('%s', (id) => {
  it('passes every check on the solution', { timeout: 90_000 }, async () => {
    const results = await runChecks(id, 'solution', { env });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.ok), report(results)).toBe(true);
  });

  it('fails at least one check on the start', { timeout: 90_000 }, async () => {
    const results = await runChecks(id, 'start', { env });
    expect(results.some((result) => !result.ok), report(results)).toBe(true);
  });
});
