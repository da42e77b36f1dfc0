// The hand-in (issue 19): the repository «Descargar repositorio» gives for the final project's reference solution
// passes its own `npm test` on a fresh folder: unzipped with the same reader the import uses, its
// dependencies installed by npm from its own package.json (no node_modules of ours), and its
// generated start-up test starting every service as a real Node process against the machine's
// real servers (RabbitMQ, Redis). Then a broken service makes that same `npm test` fail, naming it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRepository, repositoryName } from '../../src/sandbox/handin/repository.ts';
import { readZip, zipRepository } from '../../src/sandbox/handin/zip.ts';
import { loadLab, writeTree } from '../lib/labs.ts';
import { typeStrippingNode } from '../lib/node-runner.ts';

const run = promisify(execFile);
const LAB = 'lab-29-proyecto-final';
// The exported repository runs on Node 24 (TypeScript type stripping): put that node first on PATH.
const env = { ...process.env, PATH: `${dirname(typeStrippingNode())}:${process.env.PATH}`, NO_COLOR: '1', CI: 'true' };
let dir: string | undefined;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe(`the downloaded repository of ${LAB}`, () => {
  it('installs and passes its own npm test, and fails it when a service cannot start', { timeout: 420_000 }, async () => {
    const lab = await loadLab(LAB);
    const repository = await buildRepository({ id: lab.id, title: lab.meta.title, services: lab.meta.services, ...(lab.meta.infrastructure ? { infrastructure: lab.meta.infrastructure } : {}) }, lab.solution);
    const read = readZip(zipRepository(repository, repositoryName(LAB)));
    if (!read.ok) throw new Error(read.error);
    expect(read.tree).toEqual(repository);

    dir = await mkdtemp(join(tmpdir(), 'foodly-entrega-'));
    await writeTree(read.tree, dir);
    // --prefer-offline: npm's cache (filled by the project's own `npm ci`) first, the registry otherwise.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });

    const passed = await run('npm', ['test', '--', '--reporter=verbose'], { cwd: dir, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    const output = passed.stdout + passed.stderr;
    expect(output).toContain('test/arranque.test.ts');
    for (const name of ['auth', 'products', 'orders', 'payments', 'notifications', 'gateway']) expect(output).toContain(`${name} responde GET /openapi.json`);
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(output).not.toMatch(/\d+ failed/);

    await writeFile(join(dir, 'products-service/src/server.ts'), "import { nothing } from './does-not-exist.ts';\nconsole.log(nothing);\n");
    const failed = await run('npm', ['test', '--', '--reporter=verbose'], { cwd: dir, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }).then(
      () => undefined,
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    );
    expect(failed, 'npm test passed with a service that cannot start').toBeDefined();
    expect(`${failed?.stdout}${failed?.stderr}`).toMatch(/products no respondió[\s\S]*does-not-exist/);
  });
});
