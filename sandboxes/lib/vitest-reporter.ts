// A Vitest reporter that writes the run as the sandbox's TestRunResult (src/sandbox/contract/tests.ts)
// to the file named by SANDBOX_TESTS_OUT, with paths relative to SANDBOX_TESTS_ROOT. Loaded by real
// Vitest (`vitest run --reporter=<this file>`) in the Node engine: Vitest's task tree, mapped by the
// same function the browser engine's runner uses, so every engine answers the same shape.
import { writeFileSync } from 'node:fs';
import { labPathUnder, toTestRun, type VitestErrorLike, type VitestTaskLike } from '../../src/sandbox/contract/tests.ts';

export default class SandboxTestsReporter {
  readonly #startedAt = performance.now();

  onTestRunEnd(modules: ReadonlyArray<{ task: unknown }>, unhandledErrors: ReadonlyArray<VitestErrorLike>): void {
    const toLabPath = labPathUnder(process.env.SANDBOX_TESTS_ROOT ?? process.cwd());
    const files = modules.map((module) => module.task as VitestTaskLike);
    // An error no test owns (a promise rejected after its test ended…) fails the run: it belongs to the first file.
    if (unhandledErrors.length > 0 && files[0]) {
      files[0].result = { ...files[0].result, state: 'fail', errors: [...(files[0].result?.errors ?? []), ...unhandledErrors] };
    }
    writeFileSync(process.env.SANDBOX_TESTS_OUT!, JSON.stringify(toTestRun(files, { toLabPath }, performance.now() - this.#startedAt)));
  }
}
