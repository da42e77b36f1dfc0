// The exact command line the engine spawns for a service on Node 20 (WebContainer's default), run
// on the real Node 20 of this machine, with the hook files the engine mounts.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { crashFromLogs } from '../node-crash.ts';
import { nodeArgsFor, SMOKE_MARKER, SMOKE_PROBE, smokeProbeSource, typeScriptRunnerFiles } from './node-command.ts';
import { findNode20 } from './testing/process-container.ts';

const node20 = findNode20();
const projectModules = join(dirname(fileURLToPath(import.meta.url)), '../../../../node_modules');

describe.skipIf(!node20)('Node 20 runs the lab TypeScript with the mounted hook files', () => {
  const lab = mkdtempSync(join(tmpdir(), 'node20-hooks-'));
  // Like the container: node_modules above the lab folder.
  symlinkSync(projectModules, join(lab, 'node_modules'));
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(lab, path)), { recursive: true });
    writeFileSync(join(lab, path), content);
  };
  for (const [path, content] of Object.entries(typeScriptRunnerFiles())) write(path, content);
  write(SMOKE_PROBE, smokeProbeSource);
  afterAll(() => rmSync(lab, { recursive: true, force: true }));
  const version = execFileSync(node20!, ['--version'], { encoding: 'utf8' }).trim();
  const run = (entry: string) => spawnSync(node20!, nodeArgsFor(version, entry), { cwd: lab, encoding: 'utf8' });

  it('is Node 20, so the engine takes the hook path', () => {
    expect(version).toMatch(/^v20\./);
    expect(nodeArgsFor(version, 'x.ts')).toContain('--import');
  });

  it('runs the smoke probe and a service importing hono and a .ts module', () => {
    expect(run(SMOKE_PROBE).stdout).toContain(SMOKE_MARKER);
    write('svc/src/app.ts', "import { Hono } from 'hono';\nexport const app: Hono = new Hono().get('/', (c) => c.text('ok'));\n");
    write('svc/src/server.ts', "import { app } from './app.ts';\nconst response: Response = await app.request('/');\nconsole.log('status', response.status, await response.text());\n");
    const result = run('svc/src/server.ts');
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('status 200 ok');
  });

  it('reports a syntax error as lab file:line:column', () => {
    write('svc/src/broken.ts', 'const a: number = 1;\nconst b = (;\n');
    const result = run('svc/src/broken.ts');
    expect(result.status).not.toBe(0);
    expect(crashFromLogs(result.stderr.split('\n'), result.status ?? 1, `${lab}/`)).toMatchObject({ file: 'svc/src/broken.ts', line: 2, column: 12 });
  });

  it('where a data: URL loader (the old hook) cannot resolve sucrase on Node 20', () => {
    write('old-hook.mjs', `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent("import { transform } from 'sucrase'; export async function load(u, c, n) { return n(u, c); }"), import.meta.url);\n`);
    const result = spawnSync(node20!, ['--import', './old-hook.mjs', SMOKE_PROBE], { cwd: lab, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/ERR_UNSUPPORTED_RESOLVE_REQUEST|Failed to resolve module specifier/);
  });
});
