import { describe, expect, it } from 'vitest';
import type { FileTree } from '../../../contract/index.ts';
import { ModuleError } from './errors.ts';
import { buildModuleGraph } from './module-graph.ts';
import { joinPath, resolveRelative } from './resolve.ts';
import { compileTree, stripTypes } from './transform.ts';

// Node can import data: URLs natively, so the graph's modules really run here (Blob URLs in the browser).
const dataUrl = (code: string, path: string) =>
  `data:${path.endsWith('.json') ? 'application/json' : 'text/javascript'};base64,${Buffer.from(code).toString('base64')}`;
const nativeImport = (url: string) => import(/* @vite-ignore */ url) as Promise<Record<string, unknown>>;

let run = 0;
async function runTree(tree: FileTree, entry = 'src/server.ts', bare: Record<string, string> = {}) {
  const graph = await buildModuleGraph({
    tree,
    entry,
    resolveBare: (specifier) => bare[specifier],
    strip: stripTypes,
    createUrl: dataUrl,
    registryPrefix: `test${run++}:`,
  });
  return { graph, ns: await nativeImport(graph.entryUrl) };
}

describe('resolveRelative', () => {
  const tree: FileTree = {
    'svc/src/server.ts': '',
    'svc/src/app.ts': '',
    'svc/src/orders/index.ts': '',
    'svc/src/orders/domain/order.ts': '',
    'svc/src/legacy.js': '',
    'shared/money.ts': '',
  };
  it('resolves ./ and ../ with the .ts extension as written', () => {
    expect(resolveRelative(tree, 'svc/src/server.ts', './app.ts')).toBe('svc/src/app.ts');
    expect(resolveRelative(tree, 'svc/src/orders/domain/order.ts', '../../app.ts')).toBe('svc/src/app.ts');
    expect(resolveRelative(tree, 'svc/src/app.ts', '../../shared/money.ts')).toBe('shared/money.ts');
  });
  it('adds a missing extension, maps .js to .ts and finds index files', () => {
    expect(resolveRelative(tree, 'svc/src/server.ts', './app')).toBe('svc/src/app.ts');
    expect(resolveRelative(tree, 'svc/src/server.ts', './app.js')).toBe('svc/src/app.ts');
    expect(resolveRelative(tree, 'svc/src/server.ts', './legacy.js')).toBe('svc/src/legacy.js');
    expect(resolveRelative(tree, 'svc/src/server.ts', './orders')).toBe('svc/src/orders/index.ts');
    expect(resolveRelative(tree, 'svc/src/server.ts', './orders/index.ts')).toBe('svc/src/orders/index.ts');
  });
  it('does not find missing files or paths above the root', () => {
    expect(resolveRelative(tree, 'svc/src/server.ts', './nope.ts')).toBeUndefined();
    expect(resolveRelative(tree, 'shared/money.ts', '../../x.ts')).toBeUndefined();
    expect(joinPath('a', '../..')).toBeUndefined();
  });
});

describe('buildModuleGraph', () => {
  it('type-strips TypeScript and links relative imports', async () => {
    const { ns, graph } = await runTree({
      'src/server.ts': `import { total } from './app.ts';\nimport type { Item } from './types.ts';\nconst items: Item[] = [{ price: 2 }, { price: 3 }];\nexport const result: number = total(items);`,
      'src/app.ts': `import type { Item } from './types.ts';\nexport function total(items: Item[]): number { return items.reduce((s, i) => s + i.price, 0); }`,
      'src/types.ts': `export interface Item { price: number }`,
    });
    expect(ns.result).toBe(5);
    // Type-only imports are erased, so types.ts is never loaded.
    expect(graph.files).toEqual(['src/app.ts', 'src/server.ts']);
  });

  it('rewrites bare specifiers through the import map and dynamic imports too', async () => {
    const dep = dataUrl('export const answer = 42;', 'dep.js');
    const { ns } = await runTree(
      {
        'src/server.ts': `import { answer } from 'dep';\nexport const viaDynamic = (await import('./lazy.ts')).value;\nexport { answer };`,
        'src/lazy.ts': `export const value: string = 'lazy';`,
      },
      'src/server.ts',
      { dep },
    );
    expect(ns.answer).toBe(42);
    expect(ns.viaDynamic).toBe('lazy');
  });

  it('runs a two-module cycle with functions that call each other', async () => {
    const { ns } = await runTree({
      'src/server.ts': `import { isEven } from './even.ts';\nexport const answer = [isEven(10), isEven(7)];`,
      'src/even.ts': `import { isOdd } from './odd.ts';\nexport function isEven(n: number): boolean { return n === 0 ? true : isOdd(n - 1); }`,
      'src/odd.ts': `import { isEven } from './even.ts';\nexport function isOdd(n: number): boolean { return n === 0 ? false : isEven(n - 1); }`,
    });
    expect(ns.answer).toEqual([true, false]);
  });

  it('runs a cycle through the entry, a default export and an export * re-export', async () => {
    const { ns } = await runTree({
      'src/server.ts': `import describe from './a.ts';\nexport const name = 'server';\nexport const text = describe();`,
      'src/a.ts': `import * as all from './barrel.ts';\nexport default function describe() { return all.helper() + '+' + all.fromServer(); }`,
      'src/barrel.ts': `export * from './helper.ts';`,
      'src/helper.ts': `import { name } from './server.ts';\nexport const helper = () => 'helper';\nexport const fromServer = () => name;`,
    });
    // helper.ts imports server.ts (the entry) back: its binding is filled once server.ts finishes,
    // but describe() runs during server.ts's evaluation, before that.
    expect(ns.text).toBe('helper+undefined');
    expect(ns.name).toBe('server');
  });

  it('binds late values for calls made after the cycle finished', async () => {
    const { ns } = await runTree({
      'src/server.ts': `import { later } from './b.ts';\nexport const config = { port: 3000 };\nexport const read = () => later();`,
      'src/b.ts': `import { config } from './server.ts';\nexport const later = () => config.port;`,
    });
    expect((ns.read as () => number)()).toBe(3000);
  });

  it('imports JSON files', async () => {
    const { ns } = await runTree({
      'src/server.ts': `import data from './seed.json' with { type: 'json' };\nexport const count = data.length;`,
      'src/seed.json': '[1, 2, 3]',
    });
    expect(ns.count).toBe(3);
  });

  it('reports a syntax error with file, line and column', async () => {
    const error = await buildModuleGraph({
      tree: {
        'src/server.ts': `import { app } from './app.ts';\nexport default app;`,
        'src/app.ts': `const ok = 1;\nexport const app = {\n  port: 3000,\n  name: 'x' 'y',\n};`,
      },
      entry: 'src/server.ts',
      resolveBare: () => undefined,
      createUrl: dataUrl,
      strip: stripTypes,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleError);
    const moduleError = error as ModuleError;
    expect(moduleError.file).toBe('src/app.ts');
    expect(moduleError.line).toBe(4);
    expect(moduleError.column).toBe(13);
    expect(moduleError.location).toBe('src/app.ts:4:13');
    expect(moduleError.message).toMatch(/^Error de sintaxis en src\/app\.ts:4:13: Unexpected token/);
  });

  it('reports a missing relative module and an unknown package where they are imported', async () => {
    const build = (source: string) =>
      buildModuleGraph({
        tree: { 'src/server.ts': source },
        entry: 'src/server.ts',
        resolveBare: () => undefined,
        createUrl: dataUrl,
        strip: stripTypes,
      }).then(
        () => { throw new Error('expected a ModuleError'); },
        (e: unknown) => e as ModuleError,
      );
    const missing = await build(`const a = 1;\n  import { x } from './nope.ts';`);
    expect(missing.message).toBe("No se encuentra el módulo './nope.ts' importado desde src/server.ts.");
    expect(missing.location).toBe('src/server.ts:2:21');
    const unknown = await build(`import express from "express";`);
    expect(unknown.message).toMatch(/El paquete 'express'.*no está disponible/);
    expect(unknown.location).toBe('src/server.ts:1:21');
  });

  it('reuses cached type-stripped code while the source is unchanged', async () => {
    const cache = new Map<string, { source: string; code: string }>();
    const tree = { 'src/server.ts': 'export const n: number = 1;' };
    const options = { tree, entry: 'src/server.ts', resolveBare: () => undefined, createUrl: dataUrl, cache, strip: stripTypes };
    await buildModuleGraph(options);
    cache.set('src/server.ts', { source: tree['src/server.ts'], code: 'export const n = 2;' });
    expect((await nativeImport((await buildModuleGraph(options)).entryUrl)).n).toBe(2);
    tree['src/server.ts'] = 'export const n: number = 3;';
    expect((await nativeImport((await buildModuleGraph(options)).entryUrl)).n).toBe(3);
  });

  it('calls the compiler only for files without cached code', async () => {
    const tree = { 'src/server.ts': "import { n } from './n.ts';\nexport const twice: number = n * 2;", 'src/n.ts': 'export const n: number = 21;' };
    const cache = new Map(Object.keys(tree).map((path) => [path, { source: tree[path as keyof typeof tree], code: stripTypes(path, tree[path as keyof typeof tree]) }]));
    const stripped: string[] = [];
    const strip = (path: string, source: string) => {
      stripped.push(path);
      return stripTypes(path, source);
    };
    const options = { tree, entry: 'src/server.ts', resolveBare: () => undefined, createUrl: dataUrl, cache, strip };
    expect((await nativeImport((await buildModuleGraph(options)).entryUrl)).twice).toBe(42);
    expect(stripped).toEqual([]);
    tree['src/n.ts'] = 'export const n: number = 5;';
    expect((await nativeImport((await buildModuleGraph(options)).entryUrl)).twice).toBe(10);
    expect(stripped).toEqual(['src/n.ts']);
  });
});

describe('compileTree', () => {
  it('compiles every code file of a tree and skips data and broken files', () => {
    const compiled = compileTree({
      'a/src/x.ts': 'export const x: number = 1;',
      'a/data.json': '{"x": 1}',
      'README.md': '# hola',
      'a/src/broken.ts': 'export const = ;',
    });
    expect(compiled).toEqual([{ source: 'export const x: number = 1;', code: 'export const x = 1;' }]);
  });
});
