// The mapping from Vitest's task tree to the sandbox's TestRunResult (every engine uses it).
import { describe, expect, it } from 'vitest';
import { explainMessage, isTestFile, labPathUnder, parseStack, testFilesOf, toTestRun, type VitestTaskLike } from './tests.ts';

const root = '/tmp/lab';
const toLabPath = labPathUnder(root);

const file = (tasks: VitestTaskLike[], extra: Partial<VitestTaskLike> = {}): VitestTaskLike => ({
  type: 'suite',
  name: 'orders-service/test/a.test.ts',
  filepath: `${root}/orders-service/test/a.test.ts`,
  tasks,
  result: { state: 'pass', duration: 12.4 },
  ...extra,
});

describe('toTestRun', () => {
  it('flattens suites into names, keeps state and duration, counts', () => {
    const run = toTestRun(
      [
        file([
          {
            type: 'suite',
            name: 'Order',
            tasks: [
              { type: 'test', name: 'suma', result: { state: 'pass', duration: 1.6 } },
              { type: 'suite', name: 'cancelar', tasks: [{ type: 'test', name: 'dos veces', mode: 'skip' }] },
            ],
          },
          { type: 'test', name: 'suelto', result: { state: 'pass', duration: 0.2 } },
        ]),
      ],
      { toLabPath },
      40.2,
    );
    expect(run).toEqual({
      files: [
        {
          file: 'orders-service/test/a.test.ts',
          state: 'pass',
          durationMs: 12,
          tests: [
            { suite: ['Order'], name: 'suma', state: 'pass', durationMs: 2 },
            { suite: ['Order', 'cancelar'], name: 'dos veces', state: 'skip', durationMs: 0 },
            { suite: [], name: 'suelto', state: 'pass', durationMs: 0 },
          ],
        },
      ],
      passed: 2,
      failed: 0,
      skipped: 1,
      durationMs: 40,
    });
  });

  it('a failed assertion keeps Vitest diff (without colours), values and the first lab frame', () => {
    const run = toTestRun(
      [
        file(
          [
            {
              type: 'test',
              name: 'total',
              result: {
                state: 'fail',
                duration: 3,
                errors: [
                  {
                    name: 'AssertionError',
                    message: 'expected 41 to be 20.5 // Object.is equality',
                    diff: '\x1b[32m- Expected\x1b[39m\n\x1b[31m+ Received\x1b[39m\n\n- 20.5\n+ 41',
                    expected: '20.5',
                    actual: '41',
                    stack: `AssertionError: expected 41 to be 20.5\n    at Proxy.<anonymous> (file:///work/node_modules/@vitest/expect/dist/index.js:1:2)\n    at file://${root}/orders-service/test/a.test.ts:13:38\n    at ${root}/orders-service/src/x.ts:1:1`,
                  },
                ],
              },
            },
          ],
          { result: { state: 'fail', duration: 5 } },
        ),
      ],
      { toLabPath },
    );
    expect(run.failed).toBe(1);
    expect(run.files[0]!.state).toBe('fail');
    expect(run.files[0]!.error).toBeUndefined();
    expect(run.files[0]!.tests[0]!.failure).toEqual({
      message: 'AssertionError: expected 41 to be 20.5 // Object.is equality',
      diff: '- Expected\n+ Received\n\n- 20.5\n+ 41',
      expected: '20.5',
      actual: '41',
      location: { file: 'orders-service/test/a.test.ts', line: 13, column: 38 },
    });
  });

  it('prefers Vitest parsed stacks, and skips frames outside the lab or in its node_modules', () => {
    const run = toTestRun(
      [
        file([
          {
            type: 'test',
            name: 't',
            result: {
              state: 'fail',
              errors: [
                {
                  message: 'boom',
                  stacks: [
                    { file: '/elsewhere/x.js', line: 1, column: 1 },
                    { file: `${root}/node_modules/hono/dist/index.js`, line: 2, column: 2 },
                    { file: `${root}/orders-service/src/Orders/domain/Order.ts`, line: 72, column: 5 },
                  ],
                },
              ],
            },
          },
        ]),
      ],
      { toLabPath },
    );
    expect(run.files[0]!.tests[0]!.failure!.location).toEqual({ file: 'orders-service/src/Orders/domain/Order.ts', line: 72, column: 5 });
  });

  it('a file that fails without tests (import or syntax error) carries the error and counts as a failure', () => {
    const run = toTestRun(
      [file([], { result: { state: 'fail', errors: [{ name: 'Error', message: "Cannot find module '../src/Repo.ts'" }] } })],
      { toLabPath },
    );
    expect(run.files[0]).toMatchObject({ state: 'fail', tests: [], error: { message: "Cannot find module '../src/Repo.ts'" } });
    expect(run.failed).toBe(1);
  });

  it('says Vitest timeouts in Spanish with their likely cause', () => {
    expect(explainMessage('Test timed out in 2000ms.\nIf this is a long-running test, pass a timeout value')).toMatch(
      /^El test no terminó en 2 s: ¿una promesa que nunca se resuelve/,
    );
    expect(explainMessage('Hook timed out in 5000ms.')).toMatch(/^Un hook .* no terminó en 5 s/);
    expect(explainMessage('expected 1 to be 2')).toBe('expected 1 to be 2');
  });
});

describe('stack frames and paths', () => {
  it('reads V8, Firefox and Blob URL frames', () => {
    expect(
      parseStack(
        [
          'Error: x',
          '    at Object.run (blob:http://127.0.0.1:4407/8d1c-4e:14:9)',
          '    at blob:http://127.0.0.1:4407/aa-bb:3:1',
          'run@blob:http://127.0.0.1:4407/cc-dd:7:2',
          '    at /tmp/lab/a.ts:1:2',
          '    at node:internal/process:1:1',
        ].join('\n'),
      ),
    ).toEqual([
      { file: 'blob:http://127.0.0.1:4407/8d1c-4e', line: 14, column: 9 },
      { file: 'blob:http://127.0.0.1:4407/aa-bb', line: 3, column: 1 },
      { file: 'blob:http://127.0.0.1:4407/cc-dd', line: 7, column: 2 },
      { file: '/tmp/lab/a.ts', line: 1, column: 2 },
    ]);
  });

  it('turns absolute paths and file URLs under the root into lab paths', () => {
    expect(toLabPath('/tmp/lab/orders-service/a.test.ts')).toBe('orders-service/a.test.ts');
    expect(toLabPath('file:///tmp/lab/orders-service/a%20b.test.ts')).toBe('orders-service/a b.test.ts');
    expect(toLabPath('/tmp/other/a.ts')).toBeUndefined();
  });

  it('finds the test files of a tree as Vitest would', () => {
    expect(isTestFile('orders-service/node_modules/x/a.test.ts')).toBe(false);
    expect(testFilesOf({ 'b/x.test.ts': '', 'a/y.test.mjs': '', 'a/z.ts': '', 'a/Mother.ts': '' })).toEqual(['a/y.test.mjs', 'b/x.test.ts']);
  });
});
