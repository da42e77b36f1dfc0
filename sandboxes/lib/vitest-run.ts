// Real Vitest over a lab folder on this machine (the Node engine's `runTests`): one `vitest run`
// process with the sandbox reporter (./vitest-reporter.ts), which writes the TestRunResult every
// engine answers. A run that does not end (a synchronous endless loop blocks Vitest's worker for
// good) is killed and reported as such.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_TIMEOUT_MS, type TestRunResult } from '../../src/sandbox/contract/tests.ts';
import { typeStrippingNode } from './node-runner.ts';

const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const REPORTER = fileURLToPath(new URL('./vitest-reporter.ts', import.meta.url));
const CONFIG = fileURLToPath(new URL('./vitest-lab.config.ts', import.meta.url));

export interface VitestRunOptions {
  /** Longest whole run (Vitest's own start-up included). Default 30 s. */
  limitMs?: number;
  /** Extra environment for the tests (e.g. DATABASE_URL for a lab's suite against a real server). */
  env?: Record<string, string>;
  /**
   * Lab files replaced for this run only (a check's mutant): written before Vitest starts and put
   * back afterwards. Running services do not notice: they read their files when they started.
   */
  overrides?: Record<string, string>;
}

/** Runs `files` (lab paths; all test files when empty) of the lab folder `dir` with Vitest. */
export async function runVitest(dir: string, files: string[] = [], options: VitestRunOptions = {}): Promise<TestRunResult> {
  const overrides = Object.entries(options.overrides ?? {});
  if (overrides.length === 0) return runVitestOnce(dir, files, options);
  const originals = await Promise.all(overrides.map(([path]) => readFile(join(dir, path), 'utf8').catch(() => undefined)));
  try {
    for (const [path, content] of overrides) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return await runVitestOnce(dir, files, options);
  } finally {
    await Promise.all(overrides.map(([path], index) => (originals[index] === undefined ? rm(join(dir, path), { force: true }) : writeFile(join(dir, path), originals[index]!))));
  }
}

async function runVitestOnce(dir: string, files: string[], options: VitestRunOptions): Promise<TestRunResult> {
  const limitMs = options.limitMs ?? 30_000;
  const scratch = await mkdtemp(join(tmpdir(), 'sandbox-tests-'));
  const out = join(scratch, 'result.json');
  const startedAt = performance.now();
  try {
    const child = spawn(
      typeStrippingNode(),
      [VITEST, 'run', '--root', dir, '--config', CONFIG, '--reporter', REPORTER, '--testTimeout', String(TEST_TIMEOUT_MS), '--hookTimeout', String(TEST_TIMEOUT_MS), '--passWithNoTests', ...files],
      { cwd: dir, env: { ...options.env, PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', CI: '1', SANDBOX_TESTS_OUT: out, SANDBOX_TESTS_ROOT: dir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    await new Promise<void>((resolve) => child.once('close', () => resolve()));
    clearTimeout(timer);
    const written = await readFile(out, 'utf8').catch(() => undefined);
    if (written !== undefined) return JSON.parse(written) as TestRunResult;
    const message = timedOut
      ? `Los tests no terminaron en ${limitMs / 1000} s: ¿un bucle infinito (while (true) sin salida) en un test o en el código que prueba?`
      : `Vitest terminó sin resultados: ${output.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').slice(-8).join('\n')}`;
    return {
      files: (files.length > 0 ? files : ['(tests)']).map((file) => ({ file, state: 'fail', durationMs: 0, tests: [], error: { message } })),
      passed: 0,
      failed: Math.max(files.length, 1),
      skipped: 0,
      durationMs: Math.round(performance.now() - startedAt),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
