// ctx.runTests in the Node runner (labs 24-25): the learner's tests over the lab's files, or over a
// mutant that exists only for that run. The lab folder is left as it was, and a mutation that finds
// nothing to change fails with a message instead of running tests that would prove nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckFailure, mutantFiles } from '../lib/checks-core.ts';
import { createNodeCheckContext, startLab } from '../lib/node-runner.ts';

describe('mutantFiles', () => {
  const files: Record<string, string> = { 'a.ts': 'if (total > limit) reject();' };
  const read = async (path: string) => files[path];

  it('applies each mutation to the current text', async () => {
    expect(await mutantFiles({ 'a.ts': (source) => source.replace('>', '>=') }, read)).toEqual({ 'a.ts': 'if (total >= limit) reject();' });
  });

  it('refuses a mutation that changes nothing, and a missing file', async () => {
    await expect(mutantFiles({ 'a.ts': (source) => source.replace('<', '<=') }, read)).rejects.toThrow(CheckFailure);
    await expect(mutantFiles({ 'a.ts': (source) => source }, read)).rejects.toThrow(/No pude preparar el mutante de a\.ts/);
    await expect(mutantFiles({ 'b.ts': (source) => `${source};` }, read)).rejects.toThrow(/No encuentro b\.ts/);
  });
});

describe('ctx.runTests on lab 24 (Node runner, real Vitest)', () => {
  let lab: Awaited<ReturnType<typeof startLab>>;
  const ORDER = 'orders-service/src/Orders/domain/Order.ts';
  const RULES = 'orders-service/test/Orders/domain/OrderRules.test.ts';

  beforeAll(async () => {
    lab = await startLab('lab-24-pruebas-pedidos', 'solution');
  }, 60_000);
  afterAll(() => lab?.dispose());

  it('runs the tests clean, then over a mutant, and puts the file back', { timeout: 150_000 }, async () => {
    const ctx = createNodeCheckContext(lab);
    const original = await readFile(join(lab.dir, ORDER), 'utf8');

    const clean = await ctx.runTests({ files: [RULES] });
    expect(clean.files.map((file) => [file.file, file.state])).toEqual([[RULES, 'pass']]);

    const mutated = await ctx.runTests({
      files: [RULES],
      mutate: { [ORDER]: (source) => source.replace('order.total().isGreaterThan(MAX_ORDER_TOTAL)', '!MAX_ORDER_TOTAL.isGreaterThan(order.total())') },
    });
    expect(mutated.files[0]!.tests.filter((test) => test.state === 'fail').map((test) => test.name)).toEqual(['admite un pedido de exactamente 500 € (el límite es «más de 500»)']);
    expect(await readFile(join(lab.dir, ORDER), 'utf8'), 'the lab file is back as it was').toBe(original);
  });
});
