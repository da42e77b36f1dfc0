import { describe, expect, it } from 'vitest';
import { listLabIds } from '../lib/labs.ts';
import { loadChecks, runChecks } from '../lib/node-runner.ts';

// The promise of every lab: all its checks pass on the solution, and on the start each check does
// exactly what it declares (`onStart`: 'fail' for the work to do, 'pass' for behaviour the start
// already has), with at least one 'fail'. A check that passes on the start by accident (too weak to
// notice the missing work) shows up here. Real processes on real ports, as on a learner's machine.
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
// A check that runs the lab's own tests (ctx.runTests, labs 24-25) declares a longer limit: its lab gets that time on top.
const extraMs = new Map(await Promise.all(ids.map(async (id) => [id, (await loadChecks(id)).reduce((sum, check) => sum + (check.timeoutMs ?? 0), 0)] as const)));
const timeoutOf = (id: string) => 300_000 + (extraMs.get(id) ?? 0);
const report = (results: Array<{ name: string; ok: boolean; message: string }>) =>
  results.map((result) => `${result.ok ? '✔' : '✘'} ${result.name}${result.ok ? '' : ` → ${result.message}`}`).join('\n');

describe.concurrent.each(ids)('%s', (id) => {
  it('passes every check on the solution', { timeout: timeoutOf(id) }, async () => {
    const results = await limited(() => runChecks(id, 'solution', { env }));
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.ok), report(results)).toBe(true);
  });

  it('on the start, every check passes or fails as it declares, and at least one fails', { timeout: timeoutOf(id) }, async () => {
    const declared = await loadChecks(id);
    expect(declared.filter((check) => check.onStart !== 'pass' && check.onStart !== 'fail').map((check) => check.name), `sandboxes/labs/${id}/checks.ts: declara onStart ('pass' o 'fail') en cada check`).toEqual([]);
    expect(declared.some((check) => check.onStart === 'fail'), `sandboxes/labs/${id}/checks.ts: ningún check falla en el inicio`).toBe(true);
    const results = await limited(() => runChecks(id, 'start', { env }));
    expect(results.map((result) => `${result.ok ? 'pass' : 'fail'} · ${result.name}`), report(results)).toEqual(
      declared.map((check) => `${check.onStart} · ${check.name}`),
    );
  });
});
