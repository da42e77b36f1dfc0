// `import { describe, it, expect, vi } from 'vitest'` in the browser engine: Vitest's API assembled
// from Vitest's own environment-neutral packages, as Vitest itself assembles it in its workers
// (vitest/dist: createExpect, the TestRunner hooks, `vi`): @vitest/runner collects and runs the
// tests, @vitest/expect is `expect` (chai + Jest matchers, asymmetric matchers, extend), @vitest/spy
// is `vi.fn` / `vi.spyOn`, and @sinonjs/fake-timers (the library Vitest bundles for `vi.useFakeTimers`)
// fakes the clock. Bundled by `npm run sandbox:vendor` as sandbox-vendor/tests/vitest.js, sharing
// its chunk with the test Worker (./test-worker.ts), so both see the same runner state.
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  chai,
  getState,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  addCustomEqualityTesters,
  setState,
} from '@vitest/expect';
import { getCurrentTest } from '@vitest/runner';
import * as spy from '@vitest/spy';
import { withGlobal, type InstalledClock } from '@sinonjs/fake-timers';

export { afterAll, afterEach, beforeAll, beforeEach, describe, it, onTestFailed, onTestFinished, suite, test } from '@vitest/runner';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

type Expect = ((value: unknown, message?: string) => unknown) & Record<string, unknown>;
const globals = globalThis as unknown as Record<string | symbol, unknown>;

function createExpect(): Expect {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect as never) as { assertionCalls: number };
    setState({ assertionCalls: assertionCalls + 1 }, expect as never);
    const assertion = chai.expect(value, message) as unknown as { withTest(test: unknown): unknown };
    const current = getCurrentTest();
    return current ? assertion.withTest(current) : assertion;
  }) as Expect;
  Object.assign(expect, chai.expect);
  Object.assign(expect, globals[ASYMMETRIC_MATCHERS_OBJECT] as object);
  expect.getState = () => getState(expect as never);
  expect.setState = (state: object) => setState(state as never, expect as never);
  setState(
    { assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null },
    expect as never,
  );
  expect.assert = chai.assert;
  expect.extend = (matchers: unknown) => (chai.expect as unknown as { extend(expect: unknown, matchers: unknown): void }).extend(expect, matchers);
  expect.addEqualityTesters = (testers: never) => addCustomEqualityTesters(testers);
  expect.soft = (value: unknown, message?: string) => (expect(value, message) as { withContext(context: object): unknown }).withContext({ soft: true });
  expect.unreachable = (message?: string) => chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  expect.assertions = (expected: number) => {
    const errorGen = () => new Error(`expected number of assertions to be ${expected}, but got ${(getState(expect as never) as { assertionCalls: number }).assertionCalls}`);
    setState({ expectedAssertionsNumber: expected, expectedAssertionsNumberErrorGen: errorGen } as never, expect as never);
  };
  expect.hasAssertions = () => {
    setState({ isExpectingAssertions: true, isExpectingAssertionsError: new Error('expected any number of assertion, but got none') } as never, expect as never);
  };
  return expect;
}

export const expect = createExpect();
globals[GLOBAL_EXPECT] = expect;
export const assert = chai.assert;

/** Before each try of a test (Vitest's TestRunner.onBeforeTryTask): fresh assertion counters. */
export function resetExpectState(testName: string): void {
  setState(
    {
      assertionCalls: 0,
      isExpectingAssertions: false,
      isExpectingAssertionsError: null,
      expectedAssertionsNumber: null,
      expectedAssertionsNumberErrorGen: null,
      currentTestName: testName,
    } as never,
    expect as never,
  );
}

/** After each try (Vitest's TestRunner.onAfterTryTask): `expect.assertions(n)` and `expect.hasAssertions()`. */
export function checkExpectState(): void {
  const state = getState(expect as never) as {
    assertionCalls: number;
    expectedAssertionsNumber: number | null;
    expectedAssertionsNumberErrorGen: (() => Error) | null;
    isExpectingAssertions: boolean;
    isExpectingAssertionsError: Error | null;
  };
  if (state.expectedAssertionsNumber !== null && state.assertionCalls !== state.expectedAssertionsNumber) throw state.expectedAssertionsNumberErrorGen!();
  if (state.isExpectingAssertions && state.assertionCalls === 0) throw state.isExpectingAssertionsError;
}

// `vi`: the part of Vitest's utility object that has meaning without Vite's module graph (no
// vi.mock: modules are mocked by passing doubles through the ports, as the course does).
let clock: InstalledClock | undefined;
const TO_FAKE = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date'] as const;
const needClock = (): InstalledClock => {
  if (!clock) throw new Error('Los temporizadores no son falsos: llama antes a vi.useFakeTimers().');
  return clock;
};

export const vi = {
  fn: spy.fn,
  spyOn: spy.spyOn,
  isMockFunction: spy.isMockFunction,
  mocked: <T>(value: T) => value,
  clearAllMocks: () => (spy.clearAllMocks(), vi),
  resetAllMocks: () => (spy.resetAllMocks(), vi),
  restoreAllMocks: () => (spy.restoreAllMocks(), vi),
  useFakeTimers(config: { now?: number | Date; toFake?: string[] } = {}) {
    clock?.uninstall();
    const now = config.now instanceof Date ? config.now.getTime() : (config.now ?? Date.now());
    // As Vitest does: only what this global has (a Worker has no setImmediate; fake-timers throws on it).
    const toFake = (config.toFake ?? [...TO_FAKE]).filter((name) => name in globalThis);
    clock = withGlobal(globalThis).install({ now, toFake: toFake as never, shouldClearNativeTimers: true });
    return vi;
  },
  useRealTimers() {
    clock?.uninstall();
    clock = undefined;
    return vi;
  },
  isFakeTimers: () => clock !== undefined,
  advanceTimersByTime: (ms: number) => (needClock().tick(ms), vi),
  advanceTimersByTimeAsync: async (ms: number) => (await needClock().tickAsync(ms), vi),
  advanceTimersToNextTimer: () => (needClock().next(), vi),
  advanceTimersToNextTimerAsync: async () => (await needClock().nextAsync(), vi),
  runAllTimers: () => (needClock().runAll(), vi),
  runAllTimersAsync: async () => (await needClock().runAllAsync(), vi),
  runOnlyPendingTimers: () => (needClock().runToLast(), vi),
  runOnlyPendingTimersAsync: async () => (await needClock().runToLastAsync(), vi),
  getTimerCount: () => needClock().countTimers(),
  clearAllTimers: () => (needClock().reset(), vi),
  setSystemTime(time: number | string | Date) {
    const ms = time instanceof Date ? time.getTime() : new Date(time).getTime();
    if (clock) clock.setSystemTime(ms);
    else throw new Error('vi.setSystemTime necesita temporizadores falsos: llama antes a vi.useFakeTimers().');
    return vi;
  },
  getMockedSystemTime: () => (clock ? new Date(clock.now) : null),
  getRealSystemTime: () => realNow(),
};

const realNow = Date.now.bind(Date);

/** After each test file: real timers again, so one file's fake clock never leaks into the next. */
export function restoreTimers(): void {
  vi.useRealTimers();
}
