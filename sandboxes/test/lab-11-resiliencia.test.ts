// lab-11's resilience module (retry with full jitter, circuit breaker with an injectable clock),
// run against the resolved solution tree as the learner's finished code would be; and both trees
// type-check. The chain test (chain.test.ts) runs the lab's checks against real processes.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeStrippingNode } from '../lib/node-runner.ts';
import { materialize } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';

type RetryModule = typeof import('../labs/lab-11-resiliencia/solution/orders-service/src/resilience/retry.ts');
type BreakerModule = typeof import('../labs/lab-11-resiliencia/solution/orders-service/src/resilience/circuitBreaker.ts');

const run = promisify(execFile);
const trees: MaterializedTree[] = [];
let retryModule: RetryModule;
let breakerModule: BreakerModule;

beforeAll(async () => {
  const solution = await materialize('lab-11-resiliencia', 'solution');
  trees.push(solution);
  retryModule = await solution.import<RetryModule>('orders-service/src/resilience/retry.ts');
  breakerModule = await solution.import<BreakerModule>('orders-service/src/resilience/circuitBreaker.ts');
});

afterAll(async () => {
  await Promise.all(trees.map((tree) => tree.remove()));
});

const failing = (count: number, error = new Error('transitorio')) => {
  let calls = 0;
  const fn = async () => {
    calls++;
    if (calls <= count) throw error;
    return 'ok';
  };
  return { fn, calls: () => calls };
};

describe('fullJitterDelay', () => {
  const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };

  it('grows the ceiling exponentially up to maxDelayMs', () => {
    const almostOne = () => 0.999_999;
    const delays = [0, 1, 2, 3, 4, 5].map((attempt) => retryModule.fullJitterDelay(attempt, { ...policy, random: almostOne }));
    expect(delays).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('is a random share of the ceiling (full jitter), down to zero', () => {
    expect(retryModule.fullJitterDelay(2, { ...policy, random: () => 0 })).toBe(0);
    expect(retryModule.fullJitterDelay(2, { ...policy, random: () => 0.5 })).toBe(200);
  });

  it('always stays within [0, min(max, base * 2^attempt))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseDelayMs, maxDelayMs, r) => {
          const delay = retryModule.fullJitterDelay(attempt, { retries: 3, baseDelayMs, maxDelayMs, random: () => r });
          const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
          return Number.isInteger(delay) && delay >= 0 && delay < ceiling;
        },
      ),
    );
  });
});

describe('retry', () => {
  const fast = () => {
    const waits: number[] = [];
    return { waits, sleep: async (ms: number) => void waits.push(ms) };
  };

  it('retries transient failures with the jittered waits and returns the result', async () => {
    const { fn, calls } = failing(2);
    const { waits, sleep } = fast();
    const notices: Array<{ attempt: number; delayMs: number }> = [];
    const result = await retryModule.retry(fn, {
      retries: 2, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5, sleep,
      onRetry: ({ attempt, delayMs }) => notices.push({ attempt, delayMs }),
    });
    expect(result).toBe('ok');
    expect(calls()).toBe(3);
    expect(waits).toEqual([50, 100]);
    expect(notices).toEqual([{ attempt: 1, delayMs: 50 }, { attempt: 2, delayMs: 100 }]);
  });

  it('gives up after `retries` retries and throws the last error', async () => {
    const error = new Error('sigue caído');
    const { fn, calls } = failing(10, error);
    const { sleep } = fast();
    await expect(retryModule.retry(fn, { retries: 3, baseDelayMs: 10, maxDelayMs: 100, sleep })).rejects.toBe(error);
    expect(calls()).toBe(4);
  });

  it('does not retry errors that shouldRetry rejects, nor when retries is 0', async () => {
    const { sleep, waits } = fast();
    const permanent = failing(1);
    await expect(retryModule.retry(permanent.fn, { retries: 3, baseDelayMs: 10, maxDelayMs: 100, sleep, shouldRetry: () => false })).rejects.toThrow();
    expect(permanent.calls()).toBe(1);
    const once = failing(1);
    await expect(retryModule.retry(once.fn, { retries: 0, baseDelayMs: 10, maxDelayMs: 100, sleep })).rejects.toThrow();
    expect(once.calls()).toBe(1);
    expect(waits).toEqual([]);
  });

  it('does not wait when the first attempt succeeds', async () => {
    const { sleep, waits } = fast();
    await expect(retryModule.retry(async () => 42, { retries: 2, baseDelayMs: 10, maxDelayMs: 100, sleep })).resolves.toBe(42);
    expect(waits).toEqual([]);
  });
});

describe('CircuitBreaker', () => {
  const setup = (failureThreshold = 3, resetTimeoutMs = 1000) => {
    let time = 0;
    const changes: string[] = [];
    const breaker = new breakerModule.CircuitBreaker({
      failureThreshold,
      resetTimeoutMs,
      now: () => time,
      onStateChange: (from, to) => changes.push(`${from}→${to}`),
    });
    return { breaker, changes, advance: (ms: number) => void (time += ms) };
  };
  const boom = async (): Promise<string> => {
    throw new Error('products-service respondió 500');
  };
  const ok = async () => 'ok';
  const fail = (breaker: InstanceType<BreakerModule['CircuitBreaker']>, times: number) =>
    Promise.all(Array.from({ length: times }, () => breaker.execute(boom).catch(() => undefined)));

  it('stays closed below the threshold, and a success resets the count', async () => {
    const { breaker } = setup(3);
    await fail(breaker, 2);
    expect(breaker.failures).toBe(2);
    await breaker.execute(ok);
    expect(breaker.failures).toBe(0);
    await fail(breaker, 2);
    expect(breaker.state).toBe('closed');
  });

  it('opens after `failureThreshold` consecutive failures and rejects without calling', async () => {
    const { breaker, changes, advance } = setup(3, 1000);
    await fail(breaker, 3);
    expect(breaker.state).toBe('open');
    expect(changes).toEqual(['closed→open']);
    advance(400);
    let called = false;
    const rejection = breaker.execute(async () => {
      called = true;
      return 'ok';
    });
    await expect(rejection).rejects.toBeInstanceOf(breakerModule.CircuitOpenError);
    await expect(rejection).rejects.toMatchObject({ retryInMs: 600 });
    expect(called).toBe(false);
  });

  it('lets a single probe through after the reset timeout and closes when it succeeds', async () => {
    const { breaker, changes, advance } = setup(2, 1000);
    await fail(breaker, 2);
    advance(1000);
    let release!: (value: string) => void;
    const probe = breaker.execute(() => new Promise<string>((resolve) => (release = resolve)));
    expect(breaker.state).toBe('half-open');
    await expect(breaker.execute(ok)).rejects.toBeInstanceOf(breakerModule.CircuitOpenError);
    release('ok');
    await expect(probe).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(breaker.failures).toBe(0);
    expect(changes).toEqual(['closed→open', 'open→half-open', 'half-open→closed']);
    await expect(breaker.execute(ok)).resolves.toBe('ok');
  });

  it('reopens for another full reset timeout when the probe fails', async () => {
    const { breaker, changes, advance } = setup(1, 1000);
    await fail(breaker, 1);
    advance(1500);
    await expect(breaker.execute(boom)).rejects.toThrow('500');
    expect(breaker.state).toBe('open');
    advance(999);
    await expect(breaker.execute(ok)).rejects.toBeInstanceOf(breakerModule.CircuitOpenError);
    advance(1);
    await expect(breaker.execute(ok)).resolves.toBe('ok');
    expect(changes).toEqual(['closed→open', 'open→half-open', 'half-open→open', 'open→half-open', 'half-open→closed']);
  });

  it('ignores the late result of a call that started before the circuit opened', async () => {
    const { breaker, advance } = setup(2, 1000);
    let failLate!: (error: Error) => void;
    const late = breaker.execute(() => new Promise<string>((_, reject) => (failLate = reject)));
    await fail(breaker, 2);
    advance(1000);
    let release!: (value: string) => void;
    const probe = breaker.execute(() => new Promise<string>((resolve) => (release = resolve)));
    failLate(new Error('tarde'));
    await expect(late).rejects.toThrow('tarde');
    expect(breaker.state).toBe('half-open');
    release('ok');
    await probe;
    expect(breaker.state).toBe('closed');
  });
});

describe('lab-11 trees as the learner gets them', () => {
  it.each(['start', 'solution'] as const)('the %s tree type-checks (erasable syntax only)', { timeout: 120_000 }, async (variant) => {
    const tree = await materialize('lab-11-resiliencia', variant);
    trees.push(tree);
    const tsc = join(import.meta.dirname, '../../node_modules/typescript/bin/tsc');
    const result = await run(typeStrippingNode(), [tsc, '-p', tree.dir], { cwd: tree.dir }).catch((error: { stdout: string }) => error);
    expect('stdout' in result ? result.stdout : '').toBe('');
  });
});
