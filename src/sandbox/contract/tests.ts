// The result of running a lab's own test files (the "Tests" tab), the same shape from every engine.
// Every engine runs Vitest's own runner (real Vitest in Node and the WebContainer, @vitest/runner
// in the browser engine's test Worker), which all produce Vitest's task tree (File → Suite → Test);
// `toTestRun` turns that tree into this plain, serializable result.
import type { FileTree } from './engine.ts';

export interface TestLocation {
  /** Lab path (`orders-service/test/Orders/domain/Order.test.ts`). */
  file: string;
  line: number;
  column: number;
}

export interface TestFailure {
  /** What went wrong, in Spanish when it is ours (timeouts, runaway loops, syntax errors). */
  message: string;
  /** Vitest's rendering of the values an assertion compared (`toBe`, `toEqual`…). */
  expected?: string;
  actual?: string;
  /** Vitest's diff of expected vs received (`- Expected`, `+ Received`), without colours. */
  diff?: string;
  /** Where the failure happened in the lab's files: the first frame of the stack inside the lab. */
  location?: TestLocation;
}

export type TestState = 'pass' | 'fail' | 'skip';

export interface TestCaseResult {
  /** Names of the enclosing `describe` blocks, outermost first. */
  suite: string[];
  name: string;
  state: TestState;
  durationMs: number;
  failure?: TestFailure;
}

export interface TestFileResult {
  file: string;
  state: TestState;
  durationMs: number;
  tests: TestCaseResult[];
  /** A failure of the file itself: it does not compile or import, a hook failed, it never ended. */
  error?: TestFailure;
}

export interface TestRunResult {
  files: TestFileResult[];
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

/** Test files are what Vitest finds by default in a lab: `*.test.ts` (and .js/.mts), outside node_modules. */
export function isTestFile(path: string): boolean {
  return /\.test\.(ts|mts|js|mjs)$/.test(path) && !path.split('/').includes('node_modules');
}

export function testFilesOf(tree: FileTree): string[] {
  return Object.keys(tree).filter(isTestFile).sort();
}

/** The longest a single test may run before it fails as "never resolved" (Vitest's testTimeout). */
export const TEST_TIMEOUT_MS = 2000;

/** The part of Vitest's task tree (`@vitest/runner` types) the mapping reads. */
export interface VitestTaskLike {
  type: string;
  name: string;
  mode?: string;
  filepath?: string;
  tasks?: VitestTaskLike[];
  result?: { state?: string; duration?: number; errors?: VitestErrorLike[] };
}

export interface VitestErrorLike {
  message?: string;
  name?: string;
  stack?: string;
  stacks?: { file: string; line: number; column: number }[];
  diff?: string;
  expected?: string;
  actual?: string;
  [key: string]: unknown;
}

export interface MappingOptions {
  /** Turns a path or URL of Vitest's (absolute path, file:// or Blob URL) into a lab path, or undefined if it is not a lab file. */
  toLabPath(file: string): string | undefined;
}

const ANSI = /\x1b\[[0-9;]*m/g;

export function toTestRun(files: VitestTaskLike[], options: MappingOptions, durationMs?: number): TestRunResult {
  // In path order, not the order Vitest's workers happened to finish them: every engine and every
  // run lists the files the same way.
  const results = files.map((file) => toFileResult(file, options)).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const tests = results.flatMap((file) => file.tests);
  return {
    files: results,
    passed: tests.filter((test) => test.state === 'pass').length,
    failed: tests.filter((test) => test.state === 'fail').length + results.filter((file) => file.error && file.tests.length === 0).length,
    skipped: tests.filter((test) => test.state === 'skip').length,
    durationMs: Math.round(durationMs ?? results.reduce((sum, file) => sum + file.durationMs, 0)),
  };
}

function toFileResult(file: VitestTaskLike, options: MappingOptions): TestFileResult {
  const path = (file.filepath && options.toLabPath(file.filepath)) ?? file.name;
  const tests: TestCaseResult[] = [];
  const visit = (task: VitestTaskLike, suite: string[]) => {
    if (task.type === 'suite') {
      for (const child of task.tasks ?? []) visit(child, [...suite, task.name]);
      return;
    }
    const state = stateOf(task);
    const error = task.result?.errors?.[0];
    tests.push({
      suite,
      name: task.name,
      state,
      durationMs: Math.round(task.result?.duration ?? 0),
      ...(state === 'fail' ? { failure: toFailure(error, options) } : {}),
    });
  };
  for (const task of file.tasks ?? []) visit(task, []);
  const fileError = file.result?.errors?.[0];
  const failed = tests.some((test) => test.state === 'fail') || fileError !== undefined || file.result?.state === 'fail';
  const skipped = !failed && tests.length > 0 && tests.every((test) => test.state === 'skip');
  return {
    file: path,
    state: failed ? 'fail' : skipped ? 'skip' : 'pass',
    durationMs: Math.round(file.result?.duration ?? 0),
    tests,
    ...(fileError ? { error: toFailure(fileError, options) } : failed && tests.length === 0 ? { error: { message: 'El archivo de tests falló sin dar un motivo.' } } : {}),
  };
}

function stateOf(task: VitestTaskLike): TestState {
  const state = task.result?.state;
  if (state === 'pass') return 'pass';
  if (state === 'fail') return 'fail';
  return 'skip';
}

/** Vitest's English timeout message, said in Spanish with what usually causes it. */
export function explainMessage(message: string): string {
  const timeout = /^Test timed out in (\d+)ms/.exec(message);
  if (timeout) {
    const seconds = Number(timeout[1]) / 1000;
    return `El test no terminó en ${seconds} s: ¿una promesa que nunca se resuelve (un await de algo que nadie resuelve, un callback que no se llama)?`;
  }
  const hook = /^Hook timed out in (\d+)ms/.exec(message);
  if (hook) return `Un hook (beforeEach, afterAll…) no terminó en ${Number(hook[1]) / 1000} s: ¿una promesa que nunca se resuelve?`;
  if (/^No test suite found in file/.test(message)) return 'El archivo no declara ningún test (describe / it).';
  return message;
}

export function toFailure(error: VitestErrorLike | undefined, options: MappingOptions): TestFailure {
  if (!error) return { message: 'El test falló sin dar un motivo.' };
  const raw = (error.message ?? String(error)).replace(ANSI, '');
  const name = error.name && error.name !== 'Error' && !raw.startsWith(error.name) ? `${error.name}: ` : '';
  const failure: TestFailure = { message: explainMessage(`${name}${raw}`.trim()) };
  if (typeof error.diff === 'string' && error.diff.trim()) failure.diff = error.diff.replace(ANSI, '');
  if (typeof error.expected === 'string') failure.expected = error.expected;
  if (typeof error.actual === 'string') failure.actual = error.actual;
  const location = locate(error, options) ?? (typeof error.file === 'string' && typeof error.line === 'number' ? { file: error.file, line: error.line, column: typeof error.column === 'number' ? error.column : 1 } : undefined);
  if (location) failure.location = location;
  return failure;
}

/** The first frame of the error's stack that is a lab file (Vitest's parsed `stacks`, else the `stack` text). */
function locate(error: VitestErrorLike, options: MappingOptions): TestLocation | undefined {
  const frames = error.stacks?.length ? error.stacks : parseStack(error.stack ?? '');
  for (const frame of frames) {
    const file = options.toLabPath(frame.file);
    if (file && !file.split('/').includes('node_modules')) return { file, line: frame.line, column: frame.column };
  }
  return undefined;
}

/** V8 and SpiderMonkey/JavaScriptCore frames: `at fn (url:line:col)`, `at url:line:col`, `fn@url:line:col`. */
export function parseStack(stack: string): { file: string; line: number; column: number }[] {
  const frames: { file: string; line: number; column: number }[] = [];
  for (const line of stack.split('\n')) {
    const match = /(?:\bat (?:.*?\()?|@)((?:blob:)?[a-z][\w+.-]*:\/\/?[^\s)]*?|\/[^\s):]+?):(\d+):(\d+)\)?\s*$/i.exec(line.trim());
    if (match) frames.push({ file: match[1]!, line: Number(match[2]), column: Number(match[3]) });
  }
  return frames;
}

/** A lab path from an absolute path or file:// URL under `root` (the folder the lab is in). */
export function labPathUnder(root: string): (file: string) => string | undefined {
  const base = root.replace(/\\/g, '/').replace(/\/?$/, '/');
  return (file) => {
    let path = file.replace(/\\/g, '/');
    if (path.startsWith('file://')) path = decodeURIComponent(new URL(path).pathname);
    path = path.replace(/[?#].*$/, '');
    return path.startsWith(base) ? path.slice(base.length) : undefined;
  };
}
