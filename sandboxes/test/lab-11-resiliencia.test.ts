// lab-11's checks against real processes: every check passes on the solution, and the start
// (retry and breaker still TODO) fails at least one.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../lib/node-runner.ts';

describe('lab-11-resiliencia checks', () => {
  it('pass on the solution', async () => {
    const results = await runChecks('lab-11-resiliencia', 'solution');
    expect(results.filter((result) => !result.ok)).toEqual([]);
  }, 60_000);

  it('fail on the start', async () => {
    const results = await runChecks('lab-11-resiliencia', 'start');
    expect(results.some((result) => !result.ok)).toBe(true);
  }, 60_000);
});
