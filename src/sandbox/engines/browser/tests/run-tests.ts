// Runs a lab's test files in a dedicated module Worker (./test-worker.ts) and answers the contract's
// TestRunResult. The page builds each file's module graph (type-stripped like a service's), so a
// syntax error is reported with its position before any Worker starts. A Worker silent for
// `silenceLimitMs` (a synchronous endless loop) is terminated: the test it was in fails with a
// message that says so, and the remaining files run in a fresh Worker. A test that never resolves
// fails by Vitest's own testTimeout. The page never waits on learner code.
import type { FileTree } from '../../../contract/engine.ts';
import { TEST_TIMEOUT_MS, type TestFileResult, type TestRunResult } from '../../../contract/tests.ts';
import { buildModuleGraph } from '../loader/module-graph.ts';
import { ModuleError } from '../loader/errors.ts';
import type { FromTestWorker, RunTestsMessage } from './protocol.ts';

export interface BrowserTestRunOptions {
  tree: FileTree;
  /** Lab paths of the test files to run, in order. */
  files: string[];
  vendorBase: string;
  /** Bare specifier → URL (the vendor import map; `vitest` is sandbox-vendor/tests/vitest.js). */
  imports: Record<string, string>;
  strip(path: string, source: string): string;
  cache?: Map<string, { source: string; code: string }>;
  /** A running Worker silent this long is stopped as a runaway. Default TEST_SILENCE_LIMIT_MS. */
  silenceLimitMs?: number;
  /** Longest wait for the Worker to load Vitest's runner. Default 15000. */
  bootLimitMs?: number;
  testTimeoutMs?: number;
  heartbeatMs?: number;
  /** Progress for the UI: which file and test run now. */
  onProgress?(event: { file: string; test?: string }): void;
}

/**
 * Silence after which a test Worker counts as stuck. Tests of a lab take milliseconds; two seconds
 * of a blocked Worker is an endless loop, and leaves time to say so within 5 s of pressing Run.
 */
export const TEST_SILENCE_LIMIT_MS = 2000;

export async function runTestsInBrowser(options: BrowserTestRunOptions): Promise<TestRunResult> {
  const startedAt = performance.now();
  // The Worker loads Vitest's runner while this page builds the module graphs.
  let spare: Worker | undefined = options.files.length > 0 ? spawnTestWorker(options.vendorBase) : undefined;
  const results = new Map<string, TestFileResult>();
  const created: string[] = [];
  const runnable: { path: string; url: string }[] = [];
  const urlToPath: Record<string, string> = {};
  try {
    for (const path of options.files) {
      if (options.tree[path] === undefined) {
        results.set(path, failedFile(path, `No existe el archivo de tests ${path}.`));
        continue;
      }
      try {
        const graph = await buildModuleGraph({
          tree: options.tree,
          entry: path,
          strip: options.strip,
          cache: options.cache,
          resolveBare: (specifier) => options.imports[specifier],
          createUrl: (code, file) => {
            const url = URL.createObjectURL(new Blob([code], { type: file.endsWith('.json') ? 'application/json' : 'text/javascript' }));
            created.push(url);
            return url;
          },
        });
        Object.assign(urlToPath, graph.urlToPath);
        runnable.push({ path, url: graph.entryUrl });
      } catch (error) {
        const location = error instanceof ModuleError && error.line !== undefined ? { file: error.file, line: error.line, column: error.column ?? 1 } : undefined;
        results.set(path, failedFile(path, error instanceof Error ? error.message : String(error), location));
      }
    }
    let pending = runnable;
    while (pending.length > 0) {
      const worker = spare ?? spawnTestWorker(options.vendorBase);
      spare = undefined;
      const done = await runInWorker(worker, pending, urlToPath, options);
      for (const result of done) results.set(result.file, result);
      pending = pending.filter((file) => !results.has(file.path));
    }
  } finally {
    spare?.terminate();
    for (const url of created) URL.revokeObjectURL(url);
  }
  const files = options.files.map((file) => results.get(file)!).filter(Boolean);
  const tests = files.flatMap((file) => file.tests);
  return {
    files,
    passed: tests.filter((test) => test.state === 'pass').length,
    failed: tests.filter((test) => test.state === 'fail').length + files.filter((file) => file.error && file.tests.length === 0).length,
    skipped: tests.filter((test) => test.state === 'skip').length,
    durationMs: Math.round(performance.now() - startedAt),
  };
}

function failedFile(file: string, message: string, location?: { file: string; line: number; column: number }): TestFileResult {
  return { file, state: 'fail', durationMs: 0, tests: [], error: { message, ...(location ? { location } : {}) } };
}

/**
 * One Worker over `files`: resolves with the results of the files it finished, plus, if it had to
 * be stopped, the file it was stuck in (failed with the reason). The caller runs the rest again.
 */
function spawnTestWorker(vendorBase: string): Worker & { ready?: boolean } {
  const worker: Worker & { ready?: boolean } = new Worker(`${vendorBase}tests/worker.js`, { type: 'module', name: 'sandbox-tests' });
  // 'ready' may arrive before runInWorker listens (the Worker was spawned ahead): remember it.
  worker.addEventListener('message', (event: MessageEvent<FromTestWorker>) => {
    if (event.data.type === 'ready') worker.ready = true;
  });
  return worker;
}

function runInWorker(worker: Worker & { ready?: boolean }, files: { path: string; url: string }[], urlToPath: Record<string, string>, options: BrowserTestRunOptions): Promise<TestFileResult[]> {
  const silenceLimitMs = options.silenceLimitMs ?? TEST_SILENCE_LIMIT_MS;
  const bootLimitMs = options.bootLimitMs ?? 15_000;
  const done: TestFileResult[] = [];
  let ready = false;
  let lastMessage = performance.now();
  let lastTick = performance.now();
  let current: { file: string; test?: string; startedAt: number } | undefined;
  return new Promise((resolve) => {
    const finish = (stuck?: TestFileResult) => {
      clearInterval(timer);
      worker.terminate();
      resolve(stuck ? [...done, stuck] : done);
    };
    const timer = setInterval(() => {
      const now = performance.now();
      // This page was frozen (or its tab throttled): silence proves nothing about the Worker.
      const pageWasBusy = now - lastTick > 1000;
      lastTick = now;
      if (pageWasBusy) {
        lastMessage = now;
        return;
      }
      const limit = ready ? silenceLimitMs : bootLimitMs;
      if (now - lastMessage <= limit) return;
      const seconds = Math.round(limit / 1000);
      if (!ready) {
        finish();
        for (const file of files) done.push(failedFile(file.path, `El ejecutor de tests no arrancó en ${seconds} s. Vuelve a pulsar Ejecutar.`));
        return;
      }
      const file = current?.file ?? files.find((candidate) => !done.some((result) => result.file === candidate.path))!.path;
      const where = current?.test ? `el test «${current.test}»` : `${file} (al cargarlo, fuera de los tests)`;
      finish(
        failedFile(
          file,
          `${where[0]!.toUpperCase()}${where.slice(1)} no devolvió el control en ${seconds} s: probablemente un bucle infinito (un while (true) sin salida, un bucle cuya condición nunca cambia). Se detuvo su ejecución; los demás archivos se ejecutan aparte.`,
        ),
      );
    }, 250);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const reason = event.message || 'el Worker no se pudo cargar';
      for (const file of files) if (!done.some((result) => result.file === file.path)) done.push(failedFile(file.path, `No se pudieron ejecutar los tests: ${reason}.`));
      finish();
    });
    const start = () => {
      ready = true;
      const run: RunTestsMessage = {
        type: 'run',
        files,
        urlToPath,
        testTimeoutMs: options.testTimeoutMs ?? TEST_TIMEOUT_MS,
        heartbeatMs: options.heartbeatMs ?? 250,
      };
      worker.postMessage(run);
    };
    worker.addEventListener('message', (event: MessageEvent<FromTestWorker>) => {
      lastMessage = performance.now();
      const message = event.data;
      switch (message.type) {
        case 'ready':
          if (!ready) start();
          break;
        case 'file-start':
          current = { file: message.file, startedAt: lastMessage };
          options.onProgress?.({ file: message.file });
          break;
        case 'test-start':
          current = { file: message.file, test: [...message.suite, message.name].join(' › '), startedAt: lastMessage };
          options.onProgress?.({ file: message.file, test: current.test });
          break;
        case 'file':
          done.push(message.result);
          current = undefined;
          break;
        case 'done':
          finish();
          break;
      }
    });
    if (worker.ready) start();
  });
}

/**
 * The test Worker for an engine that has no vendor map or compiler of its own (the WebContainer
 * engine's Tests tab): loads both from the site's sandbox-vendor folder.
 */
export async function runTestsWithSiteVendor(base: string, tree: FileTree, files: string[]): Promise<TestRunResult> {
  const [{ createVendorMapLoader }, { stripTypes }] = await Promise.all([import('../vendor-map.ts'), import('../loader/transform.ts')]);
  const vendorBase = new URL(`${base.replace(/\/?$/, '/')}sandbox-vendor/`, location.href).href;
  const vendor = await createVendorMapLoader(vendorBase)();
  return runTestsInBrowser({ tree, files, vendorBase, imports: vendor.imports, strip: stripTypes });
}
