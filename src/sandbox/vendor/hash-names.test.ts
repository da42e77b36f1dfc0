// Content-hashed names for the vendor files a page or worker reaches by name (issue 20): only such
// names may be cached as immutable, so a name must change whenever its content, or the content of
// anything it imports, changes.
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentHash, hashNames } from './build.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function fixture(zod: string) {
  dir = await mkdtemp(join(tmpdir(), 'hash-names-'));
  await mkdir(join(dir, 'pkg'));
  await mkdir(join(dir, 'chunks'));
  await writeFile(join(dir, 'runtime.js'), 'self.onmessage=()=>{};');
  await writeFile(join(dir, 'pkg', 'hono.js'), 'export const Hono = 1;');
  await writeFile(join(dir, 'pkg', 'zod.js'), zod);
  await writeFile(join(dir, 'chunks', 'chunk-AB12CD34.js'), 'export const c = 1;');
  const renamed = await hashNames(dir, ['runtime.js', 'pkg/hono.js', 'pkg/zod.js'], (path) => (path === 'runtime.js' ? 'runtime/runtime.js' : path));
  return { dir, renamed };
}

describe('hashNames', () => {
  it('renames each file to <name>-<hash of its content>, rewriting imports of renamed files only', async () => {
    const { dir, renamed } = await fixture('import{Hono as h}from"./hono.js";import{c}from"../chunks/chunk-AB12CD34.js";export const z=[h,c];');
    const hono = renamed.get('pkg/hono.js')!;
    const zod = renamed.get('pkg/zod.js')!;
    expect(hono).toMatch(/^pkg\/hono-[0-9a-f]{12}\.js$/);
    expect(renamed.get('runtime.js')).toMatch(/^runtime\/runtime-[0-9a-f]{12}\.js$/);
    const zodSource = await readFile(join(dir, zod), 'utf8');
    expect(zodSource).toBe(`import{Hono as h}from"./${hono.slice(4)}";import{c}from"../chunks/chunk-AB12CD34.js";export const z=[h,c];`);
    for (const path of renamed.values()) expect(path).toContain(contentHash(await readFile(join(dir, path))));
    // The unhashed names are gone: nothing can be cached under them by mistake.
    expect((await readdir(join(dir, 'pkg'))).sort()).toEqual([hono.slice(4), zod.slice(4)].sort());
  });

  it("a dependency's change renames its importers", async () => {
    const first = (await fixture('import{Hono}from"./hono.js";export{Hono};')).renamed.get('pkg/zod.js');
    await rm(dir!, { recursive: true, force: true });
    dir = await mkdtemp(join(tmpdir(), 'hash-names-'));
    await mkdir(join(dir, 'pkg'));
    await writeFile(join(dir, 'pkg', 'hono.js'), 'export const Hono = 2;');
    await writeFile(join(dir, 'pkg', 'zod.js'), 'import{Hono}from"./hono.js";export{Hono};');
    const second = (await hashNames(dir, ['pkg/hono.js', 'pkg/zod.js'])).get('pkg/zod.js');
    expect(second).not.toBe(first);
  });

  it('refuses an import cycle (no order gives stable hashes)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hash-names-'));
    await writeFile(join(dir, 'a.js'), 'import"./b.js";');
    await writeFile(join(dir, 'b.js'), 'import"./a.js";');
    await expect(hashNames(dir, ['a.js', 'b.js'])).rejects.toThrow(/import cycle/);
  });
});
