// Entry of the browser engine's test Worker (bundled to sandbox-vendor/tests/worker.js). It runs
// the lab's test files one after another with @vitest/runner, the runner Vitest itself uses, and
// posts each file's results as the contract's TestFileResult. A heartbeat tells the page it is not
// stuck: a synchronous endless loop silences it and the page terminates the Worker (./run-tests.ts).
import { startTests, type File, type Suite, type Test, type VitestRunner } from '@vitest/runner';
import { setSafeTimers } from '@vitest/utils/timers';
import { toTestRun, type VitestTaskLike } from '../../../contract/tests.ts';
import { checkExpectState, resetExpectState, restoreTimers } from './vitest-api.ts';
import type { FromTestWorker, RunTestsMessage } from './protocol.ts';

interface WorkerScope {
  postMessage(message: FromTestWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RunTestsMessage>) => void): void;
}
declare const self: WorkerScope;
const post = (message: FromTestWorker) => self.postMessage(message);

// The runner's own timers (test timeouts) must stay real when a test calls vi.useFakeTimers().
setSafeTimers();
const realSetInterval = setInterval;
post({ type: 'ready' });

self.addEventListener('message', (event) => {
  if (event.data.type === 'run') void run(event.data);
});

const namesOf = (test: Test): string[] => {
  const suite: string[] = [];
  for (let parent: Suite | undefined = test.suite; parent && parent.type === 'suite' && !('filepath' in parent && parent === test.file); parent = parent.suite) suite.unshift(parent.name);
  return suite;
};

async function run(message: RunTestsMessage): Promise<void> {
  realSetInterval(() => post({ type: 'beat' }), message.heartbeatMs);
  const urls = new Map(message.files.map((file) => [file.path, file.url]));
  const toLabPath = (file: string) => message.urlToPath[file] ?? (urls.has(file) ? file : undefined);
  const runner: VitestRunner = {
    config: {
      root: '/',
      setupFiles: [],
      name: undefined,
      passWithNoTests: false,
      testNamePattern: undefined,
      allowOnly: true,
      sequence: { seed: 0, hooks: 'stack', setupFiles: 'list' },
      chaiConfig: undefined,
      maxConcurrency: 5,
      testTimeout: message.testTimeoutMs,
      hookTimeout: message.testTimeoutMs,
      retry: 0,
      includeTaskLocation: false,
      diffOptions: undefined,
      tags: [],
      tagsFilter: undefined,
      strictTags: false,
    },
    importFile: (filepath) => import(/* @vite-ignore */ urls.get(filepath)!),
    onBeforeRunTask: (test) => post({ type: 'test-start', file: test.file.filepath, suite: namesOf(test), name: test.name }),
    onBeforeTryTask: (test) => resetExpectState(test.fullTestName ?? test.name),
    onAfterTryTask: () => checkExpectState(),
    onAfterRunSuite: (suite) => {
      if (suite === suite.file) restoreTimers();
    },
  };
  for (const { path } of message.files) {
    post({ type: 'file-start', file: path });
    let files: File[];
    try {
      files = await startTests([path], runner);
    } catch (error) {
      post({ type: 'file', result: { file: path, state: 'fail', durationMs: 0, tests: [], error: { message: error instanceof Error ? error.message : String(error) } } });
      continue;
    }
    const [result] = toTestRun(files as unknown as VitestTaskLike[], { toLabPath }).files;
    post({ type: 'file', result: result! });
  }
  post({ type: 'done' });
}
