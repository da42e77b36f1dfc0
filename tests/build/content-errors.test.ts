// The real build, run on a copy of the project with one mistake planted, must fail and name the
// file and the field. (Unit tests cover each rule; this proves the build actually enforces them.)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from '../support/content.ts';

const copies: string[] = [];

function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'curso-build-'));
  copies.push(dir);
  for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'content', 'sandboxes/labs', 'sandboxes/lib']) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string) {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(path, after);
}

function build(dir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a broken course fails the build, naming file and field', () => {
  it('a wrong field value (schema)', () => {
    const dir = projectCopy();
    edit(dir, 'content/sesiones.yaml', (text) => text.replace('start: "08:30"\n  end: "11:30"', 'start: "8.30"\n  end: "11:30"'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('sesiones.yaml');
    expect(output).toMatch(/start/);
  }, 130_000);

  it('a session naming a topic that does not exist (integrity)', () => {
    const dir = projectCopy();
    edit(dir, 'content/sesiones.yaml', (text) => text.replace('topics: [1, 2]', 'topics: [1, 2, 17]'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('content/sesiones.yaml → [0].topics[2]: el tema 17 no existe');
  }, 130_000);

  it('two topics with one number (integrity)', () => {
    const dir = projectCopy();
    edit(dir, 'content/temas/03-comunicacion-sincrona-asincrona.mdx', (text) => text.replace(/^number: 3$/m, 'number: 2'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(/content\/temas\/0[23]-[a-z-]+\.mdx → number: el tema 2 ya está definido/);
  }, 130_000);

  it('a broken reference, a quiz section and a glossary section that do not exist, all in one build', () => {
    const dir = projectCopy();
    edit(dir, 'content/sesiones.yaml', (text) => text.replace('topics: [1, 2]', 'topics: [1, 2, 17]'));
    edit(dir, 'content/quizzes/01-introduccion-microservicios.yaml', (text) => text.replace('section: soa-frente-a-microservicios', 'section: no-existe-esta-seccion'));
    edit(dir, 'content/glosario.yaml', (text) => text.replace('section: del-monolito-a-los-microservicios', 'section: tampoco-existe'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    // One build names the three: fixing the first must not reveal the next only on the following build.
    expect(output).toContain('content/sesiones.yaml → [0].topics[2]: el tema 17 no existe');
    expect(output).toMatch(/content\/quizzes\/01-introduccion-microservicios\.yaml → questions\[\d+\]\.section: la lección no tiene la sección «no-existe-esta-seccion»/);
    expect(output).toMatch(/content\/glosario\.yaml → \[\d+\]\.section: la lección del tema 1 no tiene la sección «tampoco-existe»/);
  }, 130_000);
});

describe('lab errors before the build (npm run sandbox:vendor)', () => {
  it('an unknown base and a broken lab.yaml are both reported as file → field: message, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'curso-labs-'));
    copies.push(dir);
    for (const entry of ['package.json', 'scripts', 'src', 'sandboxes/labs', 'sandboxes/lib']) cpSync(join(root, entry), join(dir, entry), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    edit(dir, 'sandboxes/labs/lab-04-products-orders/lab.yaml', (text) => text.replace(/^base: .*$/m, 'base: lab-99-no-existe'));
    edit(dir, 'sandboxes/labs/lab-12-seguridad/lab.yaml', (text) => text.replace(/^title: /m, 'title: [sin cerrar '));
    const result = spawnSync(join(root, 'node_modules/.bin/node'), ['scripts/webcontainer-deps.ts'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status).toBe(1);
    expect(output).toContain('sandboxes/labs/lab-04-products-orders/lab.yaml → base: unknown lab "lab-99-no-existe"');
    expect(output).toMatch(/sandboxes\/labs\/lab-12-seguridad\/lab\.yaml → invalid YAML/);
    expect(output).not.toMatch(/^\s+at /m);
  }, 70_000);
});
