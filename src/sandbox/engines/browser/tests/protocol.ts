// Messages between the page and the browser engine's test Worker (./test-worker.ts).
import type { TestFileResult } from '../../../contract/tests.ts';

export interface RunTestsMessage {
  type: 'run';
  /** Lab path and module URL (the built module graph's entry) of each file to run, in order. */
  files: { path: string; url: string }[];
  /** Every module URL of the graphs → its lab path (stack frames name lab files). */
  urlToPath: Record<string, string>;
  testTimeoutMs: number;
  heartbeatMs: number;
}

export type FromTestWorker =
  | { type: 'beat' }
  /** Vitest's runner has loaded: from here, silence means the learner's code is busy. */
  | { type: 'ready' }
  | { type: 'file-start'; file: string }
  | { type: 'test-start'; file: string; suite: string[]; name: string }
  | { type: 'file'; result: TestFileResult }
  | { type: 'done' };
