// Pre-bundles what the Foodly services import (hono and its middleware, zod, @hono/*) into
// self-hosted ESM with shared chunks (hono is loaded once per worker), plus the engine's own
// worker runtime, the @hono/node-server and node:* shims, swagger-ui-dist and the sandboxed
// preview frame. Run at site build time: `npm run sandbox:vendor` (scripts/sandbox-vendor.ts).
import { build, type Plugin } from 'esbuild';
import { init as initLexer, parse as parseImports } from 'es-module-lexer';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import type { VendorEntries } from './entries.ts';
import { PGLITE_DATA_GZIP_FILE, PGLITE_TEMPLATE_FILE } from '../infra/postgres/vendor-files.ts';

const ENGINE_DIR = fileURLToPath(new URL('../engines/browser/', import.meta.url));

/** Packages the labs may import; more are added by scanning sandboxes/labs. */
export const PACKAGE_SPECIFIERS = [
  'hono',
  'hono/jwt',
  'hono/http-exception',
  'hono/cors',
  'hono/secure-headers',
  'hono/logger',
  'hono/request-id',
  'hono/timing',
  'hono/testing',
  'hono/factory',
  'hono/validator',
  'hono/streaming',
  'hono/body-limit',
  'hono/bearer-auth',
  'hono/basic-auth',
  'hono/etag',
  'hono/pretty-json',
  'hono/timeout',
  'hono/utils/http-status',
  'zod',
  '@hono/zod-validator',
  '@hono/zod-openapi',
  '@hono/swagger-ui',
  'hono-rate-limiter',
] as const;

/** Specifiers the engine provides itself (file under src/sandbox/engines/browser/shims/). */
export const SHIM_SPECIFIERS: Record<string, string> = {
  '@hono/node-server': 'shims/node-server.ts',
  '@hono/node-server/serve-static': 'shims/serve-static.ts',
  '@hono/node-server/conninfo': 'shims/node-server-conninfo.ts',
  // WebSockets over the virtual network (runtime/sockets.ts); loaded only by services that import it.
  '@hono/node-ws': 'shims/hono-node-ws.ts',
  // pino's browser build, set to write the JSON lines pino writes on Node (shims/pino.ts).
  pino: 'shims/pino.ts',
  'node:process': 'shims/node-process.ts',
  process: 'shims/node-process.ts',
  'node:crypto': 'shims/node-crypto.ts',
  crypto: 'shims/node-crypto.ts',
  'node:timers/promises': 'shims/node-timers-promises.ts',
  'node:module': 'shims/node-module.ts',
  'node:path': 'shims/node-path.ts',
  path: 'shims/node-path.ts',
  'node:fs/promises': 'shims/node-fs-promises.ts',
  'fs/promises': 'shims/node-fs-promises.ts',
  'node:fs': 'shims/node-fs.ts',
  fs: 'shims/node-fs.ts',
  'node:url': 'shims/node-url.ts',
  url: 'shims/node-url.ts',
  'node:os': 'shims/node-os.ts',
  os: 'shims/node-os.ts',
  'node:buffer': 'shims/node-buffer.ts',
  buffer: 'shims/node-buffer.ts',
};

/**
 * The client libraries of issue 14, each its own self-contained bundle (no chunk shared with
 * another), so a lab loads only what it imports: the real API over a MessagePort to the page's
 * hosts (src/sandbox/engines/browser/infra/). `pg` is node-postgres itself, with Node stand-ins.
 */
export const INFRA_SHIMS: Record<string, string> = {
  amqplib: 'shims/amqplib.ts',
  kafkajs: 'shims/kafkajs.ts',
  ioredis: 'shims/ioredis.ts',
  pg: 'shims/pg.ts',
};

/** The page-side hosts, one bundle per server kind, loaded by LabInfrastructure only when declared. */
export const INFRA_HOSTS: Record<string, string> = {
  'infra/amqp-host': 'infra/hosts/amqp.ts',
  'infra/kafka-host': 'infra/hosts/kafka.ts',
  'infra/redis-host': 'infra/hosts/redis.ts',
  'infra/postgres-host': 'infra/hosts/postgres.ts',
  // The Worker the hosts run in (so a runaway query blocks it, not the page).
  'infra/host-worker': 'infra/host-worker.ts',
};

export const SWAGGER_ASSETS = [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-16x16.png',
  'favicon-32x32.png',
];

export interface VendorOptions {
  /** Project root (where package.json and node_modules are). */
  root: string;
  /** Site base path, as in astro.config (`/` by default). */
  base?: string;
  /** Folder of lab sources to scan for extra bare imports. */
  labsDir?: string;
}

export interface VendorImportMap {
  imports: Record<string, string>;
  /**
   * Every file a specifier's module loads, itself first (its static import closure). A worker that
   * imports them all at once fetches in one round trip instead of a waterfall of chunk imports.
   */
  preload: Record<string, string[]>;
}

export interface VendorResult {
  outDir: string;
  importMap: VendorImportMap;
  entries: VendorEntries;
  files: { path: string; bytes: number; gzip: number }[];
}

export const VENDOR_DIR = 'public/sandbox-vendor';
export const PREVIEW_FRAME_PATH = 'public/__preview__/frame.html';

/**
 * The preview frame's document: its bootstrap (preview/frame.ts) inline, so the sandboxed frame
 * (opaque origin, under the site's COEP) loads no other file; its hash joins the CSP like every
 * inline script of the site (src/integrations/csp.ts).
 */
async function writePreviewFrame(root: string): Promise<void> {
  const result = await build({
    entryPoints: [join(ENGINE_DIR, 'preview/frame.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  const script = result.outputFiles[0]!.text.trim().replace(/<\/(script)/gi, '<\\/$1');
  const html = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Vista previa</title></head><body><p>Cargando la vista previa…</p><script>${script}</script></body></html>\n`;
  await mkdir(dirname(join(root, PREVIEW_FRAME_PATH)), { recursive: true });
  await writeFile(join(root, PREVIEW_FRAME_PATH), html);
}

export async function buildSandboxVendor(options: VendorOptions): Promise<VendorResult> {
  const base = (options.base ?? '/').replace(/\/?$/, '/');
  const outDir = join(options.root, VENDOR_DIR);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const specifiers = new Set<string>(PACKAGE_SPECIFIERS);
  for (const found of await scanBareImports(options.labsDir ?? join(options.root, 'sandboxes/labs'))) {
    // `vitest` is the Tests tab's own module (tests/vitest.js, below), not a package to bundle: a lab
    // helper that imports it outside a *.test.ts file (lab 21's shared contract suite) must not
    // replace it in the import map, or the learner's tests would load a second @vitest/runner.
    if (!SHIM_SPECIFIERS[found] && !INFRA_SHIMS[found] && !found.startsWith('node:') && found !== 'vitest') specifiers.add(found);
  }

  const common = {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    metafile: true,
  } as const;
  const outputs: Outputs = {};
  const collect = (result: { metafile: { outputs: Outputs } }) => Object.assign(outputs, result.metafile.outputs);

  // The worker runtime stands alone: a worker starts without waiting for a second file.
  collect(await build({ ...common, entryPoints: [join(ENGINE_DIR, 'runtime/worker-entry.ts')], outfile: join(outDir, 'runtime.js') }));

  const importMap: Record<string, string> = {};
  // The WebSocket layer of the workers, apart: only services that use WebSockets load it (loader/preload.ts).
  collect(await build({ ...common, entryPoints: [join(ENGINE_DIR, 'runtime/sockets-install.ts')], outfile: join(outDir, 'runtime-sockets.js') }));
  importMap['#sandbox/websocket'] = 'runtime-sockets.js';
  // The Tests tab's runner (src/sandbox/engines/browser/tests/): the test Worker and the `vitest`
  // module the learner's tests import share one chunk (@vitest/runner's state). Fetched only
  // when the reader runs tests.
  importMap['vitest'] = 'tests/vitest.js';
  collect(
    await build({
      ...common,
      entryPoints: [
        { in: join(ENGINE_DIR, 'tests/test-worker.ts'), out: 'tests/worker' },
        { in: join(ENGINE_DIR, 'tests/vitest-api.ts'), out: 'tests/vitest' },
      ],
      outdir: outDir,
      splitting: true,
      chunkNames: 'tests/chunks/[name]-[hash]',
      // @sinonjs/fake-timers requires 'util' only when a global `process` exists (Node): never here.
      external: ['util'],
    }),
  );
  const shimEntries = new Map<string, string>();
  for (const [specifier, file] of Object.entries(SHIM_SPECIFIERS)) {
    const out = `shims/${file.replace(/^shims\//, '').replace(/\.ts$/, '')}`;
    shimEntries.set(file, out);
    importMap[specifier] = `${out}.js`;
  }
  collect(
    await build({
      ...common,
      entryPoints: [...shimEntries].map(([file, out]) => ({ in: join(ENGINE_DIR, file), out })),
      outdir: outDir,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    }),
  );

  for (const [specifier, file] of Object.entries(INFRA_SHIMS)) {
    const out = `infra/${specifier}.js`;
    importMap[specifier] = out;
    const pg = specifier === 'pg' ? (await import('../infra/postgres/browser/build-options.ts')).pgForBrowser : {};
    collect(await build({ ...common, ...pg, entryPoints: [join(ENGINE_DIR, file)], outfile: join(outDir, out) }));
  }
  for (const [out, file] of Object.entries(INFRA_HOSTS)) {
    await build({
      ...common,
      entryPoints: [join(ENGINE_DIR, file)],
      outfile: join(outDir, `${out}.js`),
      // ioredis-mock's browser build calls require('fs' | 'path' | 'vm') through esbuild's require
      // shim (helpers it never uses in a browser); a global require answering empty modules lets it load.
      banner: out.endsWith('redis-host') ? { js: 'globalThis.require??=()=>({});' } : undefined,
      plugins: [pgliteBeside()],
    });
  }
  await copyPglite(outDir);

  // Packages, bundled by group (see vendorGroupOf): one file per group, shared by its specifiers.
  const groups = new Map<string, string[]>();
  for (const specifier of specifiers) {
    const group = vendorGroupOf(specifier);
    groups.set(group, [...(groups.get(group) ?? []), specifier]);
  }
  for (const [group, members] of groups) {
    for (const specifier of members) importMap[specifier] = `pkg/${group}.js`;
    collect(
      await build({
        ...common,
        stdin: { contents: await groupEntry(group, members), resolveDir: options.root, sourcefile: `${group}.entry.js`, loader: 'js' },
        outfile: join(outDir, `pkg/${group}.js`),
        plugins: [
          otherGroupsExternal(group, specifiers),
          localSwaggerAssets(`${base}sandbox-vendor`),
          onlyZodLocales(ZOD_LOCALES),
          nodeBuiltinStandIns(),
        ],
      }),
    );
  }

  await mkdir(join(outDir, 'swagger-ui-dist'), { recursive: true });
  const swaggerDir = dirname(fileURLToPath(import.meta.resolve('swagger-ui-dist/package.json')));
  for (const asset of SWAGGER_ASSETS) await copyFile(join(swaggerDir, asset), join(outDir, 'swagger-ui-dist', asset));

  await writePreviewFrame(options.root);

  const preload = preloadClosures(importMap, outputs, outDir, options.root);
  // Content-hashed names for the files a page or worker reaches by name, so the host can mark
  // them immutable (src/integrations/static-headers.ts, hashedFolders); chunks/ are hashed by esbuild.
  const hashable = (await readdir(outDir, { recursive: true })).map((path) => path.split(sep).join('/')).filter((path) => path === 'runtime.js' || /^(pkg|shims)\/[^/]+\.js$/.test(path));
  const renamed = await hashNames(outDir, hashable, (path) => (path === 'runtime.js' ? 'runtime/runtime.js' : path));
  const hashed = (path: string) => renamed.get(path) ?? path;
  const vendorMap: VendorImportMap = {
    imports: Object.fromEntries(Object.entries(importMap).map(([specifier, path]) => [specifier, hashed(path)])),
    preload: Object.fromEntries(Object.entries(preload).map(([specifier, paths]) => [specifier, paths.map(hashed)])),
  };
  const mapText = JSON.stringify(vendorMap, null, 2);
  const entries: VendorEntries = { runtime: hashed('runtime.js'), importmap: `map/importmap-${contentHash(mapText)}.json` };
  await mkdir(join(outDir, 'map'), { recursive: true });
  await writeFile(join(outDir, entries.importmap), mapText);
  // Unhashed aliases of the two entry points (they revalidate) for pages built without the
  // compile-time constant: unit tests of the engine, tools.
  await writeFile(join(outDir, 'importmap.json'), mapText);
  await copyFile(join(outDir, entries.runtime), join(outDir, 'runtime.js'));
  const files = await listSizes(outDir);
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify({ base, entries, files }, null, 2));
  return { outDir, importMap: vendorMap, entries, files };
}

/** The first 12 hex digits of the SHA-256 of `content`. */
export const contentHash = (content: string | Uint8Array): string => createHash('sha256').update(content).digest('hex').slice(0, 12);

/**
 * Renames each of `files` (paths inside `outDir`) to `<name>-<hash>.js` in the folder `placeOf`
 * gives it, the hash taken from its content once its relative imports of other renamed files
 * point at their new names (so a dependency's change changes its importers' names too).
 * Returns old path → new path. The files import each other without cycles (vendor groups).
 */
export async function hashNames(outDir: string, files: string[], placeOf: (path: string) => string = (path) => path): Promise<Map<string, string>> {
  await initLexer;
  const set = new Set(files);
  const sources = new Map<string, string>();
  for (const file of files) sources.set(file, await readFile(join(outDir, file), 'utf8'));
  const renamed = new Map<string, string>();
  const visiting = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (renamed.has(file)) return;
    if (visiting.has(file)) throw new Error(`sandbox-vendor: import cycle through ${file}; content hashes need an order.`);
    visiting.add(file);
    let source = sources.get(file)!;
    const place = placeOf(file);
    const [imports] = parseImports(source);
    const edits: { start: number; end: number; text: string }[] = [];
    for (const entry of imports as unknown as { specifier?: string; start: number; end: number }[]) {
      const specifier = entry.specifier;
      if (!specifier?.startsWith('.')) continue;
      const target = posix.join(posix.dirname(file), specifier);
      if (!set.has(target)) continue;
      await visit(target);
      let path = posix.relative(posix.dirname(place), renamed.get(target)!);
      if (!path.startsWith('.')) path = `./${path}`;
      const written = source.slice(entry.start, entry.end);
      if (written !== specifier && written.slice(1, -1) !== specifier) throw new Error(`sandbox-vendor: cannot rewrite the import of ${specifier} in ${file}.`);
      edits.push({ start: entry.start, end: entry.end, text: written === specifier ? path : JSON.stringify(path) });
    }
    for (const edit of edits.sort((a, b) => b.start - a.start)) source = source.slice(0, edit.start) + edit.text + source.slice(edit.end);
    const target = place.replace(/\.js$/, `-${contentHash(source)}.js`);
    await mkdir(dirname(join(outDir, target)), { recursive: true });
    await writeFile(join(outDir, target), source);
    await rm(join(outDir, file));
    renamed.set(file, target);
    visiting.delete(file);
  };
  for (const file of files) await visit(file);
  return renamed;
}

type Outputs = Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;

/** For each specifier, its output file and every output it statically imports, transitively. */
function preloadClosures(importMap: Record<string, string>, outputs: Outputs, outDir: string, root: string): Record<string, string[]> {
  // esbuild keys outputs by path relative to the working directory; index them by vendor path.
  const vendorPath = (output: string) => relative(outDir, join(process.cwd(), output)).split(sep).join('/');
  const graph = new Map<string, string[]>();
  for (const [output, meta] of Object.entries(outputs)) {
    if (!output.endsWith('.js')) continue;
    const from = vendorPath(output);
    const statics = meta.imports
      .filter((i) => i.kind === 'import-statement')
      // Chunks are named from the working directory; externals (other groups) relative to the importer.
      .map((i) => (i.external ? join(dirname(from), i.path).split(sep).join('/') : vendorPath(i.path)));
    graph.set(from, statics);
  }
  if (graph.size === 0) throw new Error(`sandbox-vendor: esbuild reported no outputs under ${relative(root, outDir)}.`);
  const closures: Record<string, string[]> = {};
  for (const [specifier, file] of Object.entries(importMap)) {
    if (!graph.has(file)) throw new Error(`sandbox-vendor: no output ${file} for '${specifier}' in the esbuild metafile.`);
    const seen = new Set<string>();
    const visit = (path: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      for (const next of graph.get(path) ?? []) visit(next);
    };
    visit(file);
    closures[specifier] = [...seen];
  }
  return closures;
}

/**
 * Specifiers of one group share a file, so a service that imports `hono`, `hono/jwt` and
 * `hono/cors` fetches and compiles one module instead of a dozen chunks (that, not the bytes,
 * is what made a cold start slow). zod and its Hono integrations form the other big group. The
 * groups cannot be one: zod and hono/jwt both export `jwt` and `decode`.
 */
export function vendorGroupOf(specifier: string): string {
  if (specifier === 'hono' || specifier.startsWith('hono/')) return 'hono';
  if (['zod', '@hono/zod-validator', '@hono/zod-openapi', '@hono/swagger-ui'].includes(specifier)) return 'zod';
  return specifier.replace(/^@/, '').replace(/[^a-zA-Z0-9-]+/g, '-');
}

/**
 * `export *` of every member, plus the one default export if a member has it. Two members that
 * export the same name with different values would make `export *` drop it silently: fail instead.
 */
async function groupEntry(group: string, members: string[]): Promise<string> {
  const owner = new Map<string, { specifier: string; value: unknown }>();
  const defaults: string[] = [];
  // esbuild cannot see the names of a CommonJS module through `export *` (it re-exports them at run time,
  // which an ES module's static exports cannot express): `import { Counter } from 'prom-client'` would fail
  // in the worker (and openapi-merge's `merge`, lab 29). Node's namespace of a CommonJS module (it carries 'module.exports') lists the names its
  // lexer found; those are exported one by one.
  const namedOf = new Map<string, string[]>();
  for (const specifier of members) {
    const module = (await import(specifier)) as Record<string, unknown>;
    if ('module.exports' in module) {
      namedOf.set(specifier, Object.keys(module).filter((name) => name !== 'default' && name !== 'module.exports' && name !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(name)));
    }
    for (const [name, value] of Object.entries(module)) {
      if (name === 'module.exports') continue;
      if (name === 'default') {
        defaults.push(specifier);
        continue;
      }
      const first = owner.get(name);
      if (first && first.value !== value) {
        throw new Error(`sandbox-vendor: '${first.specifier}' and '${specifier}' both export '${name}'; give one of them its own group in vendorGroupOf.`);
      }
      owner.set(name, first ?? { specifier, value });
    }
  }
  if (defaults.length > 1) throw new Error(`sandbox-vendor: group ${group} has several default exports (${defaults.join(', ')}).`);
  const reexport = (specifier: string) => {
    const named = namedOf.get(specifier);
    return named ? `export { ${named.join(', ')} } from ${JSON.stringify(specifier)};` : `export * from ${JSON.stringify(specifier)};`;
  };
  return [...members.map(reexport), ...defaults.map((specifier) => `export { default } from ${JSON.stringify(specifier)};`)].join('\n');
}

/**
 * prom-client (lab 27) requires Node built-ins at module load, but its metric types and registry use only
 * `util.format`/`util.inspect` (in error messages); the rest serve default process metrics
 * (`collectDefaultMetrics`: v8, fs, perf_hooks, process), the cluster aggregator (cluster) and the
 * Pushgateway (http, https, url, zlib), none of which a worker has. They resolve to stand-ins: `util`
 * with a format/inspect good enough for a message, the others empty, so calling one of those Node-only
 * features fails at the call (not at import), while Counter, Gauge, Histogram, Summary and Registry are the real code.
 */
const PROM_CLIENT_NODE_ONLY = ['cluster', 'v8', 'fs', 'perf_hooks', 'process', 'http', 'https', 'url', 'zlib'];
function nodeBuiltinStandIns(): Plugin {
  return {
    name: 'node-builtin-stand-ins',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^(util|cluster|v8|fs|perf_hooks|process|http|https|url|zlib)$/ }, (args) =>
        /[\\/]prom-client[\\/]/.test(args.importer) ? { path: args.path, namespace: 'node-stand-in' } : undefined,
      );
      pluginBuild.onLoad({ filter: /.*/, namespace: 'node-stand-in' }, (args) => ({
        loader: 'js',
        contents: PROM_CLIENT_NODE_ONLY.includes(args.path)
          ? 'module.exports = {};'
          : 'const show = (v) => { try { return typeof v === "string" ? v : JSON.stringify(v); } catch { return String(v); } };\n' +
            'module.exports = { format: (...values) => values.map(show).join(" "), inspect: show };',
      }));
    },
  };
}

/** Inside a group's bundle, specifiers of other groups stay imports of their group's file. */
function otherGroupsExternal(group: string, specifiers: Set<string>): Plugin {
  return {
    name: 'other-groups-external',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
        // A package on top of a client library (drizzle-orm over pg) uses the sandbox's shim.
        if (INFRA_SHIMS[args.path]) return { path: `../infra/${args.path}.js`, external: true };
        if (!specifiers.has(args.path) || vendorGroupOf(args.path) === group) return undefined;
        return { path: `./${vendorGroupOf(args.path)}.js`, external: true };
      });
    },
  };
}

/**
 * zod's `z.locales` namespace bundles error messages in 40+ languages (264 KB of the 456 KB zod
 * chunk that every worker compiles on start). The sandbox keeps English, zod's default, and Spanish,
 * the course's language; `z.locales.<other>` is undefined in the browser engine only.
 */
export const ZOD_LOCALES = ['en', 'es'];

function onlyZodLocales(locales: string[]): Plugin {
  return {
    name: 'only-zod-locales',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const lines = locales.map((locale) => `export { default as ${locale} } from "./${locale}.js";`);
        const missing = lines.filter((line) => !source.includes(line));
        if (missing.length > 0) throw new Error(`sandbox-vendor: zod's locales index changed (missing: ${missing.join(' ')}); update only-zod-locales.`);
        return { contents: lines.join('\n'), loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** @hono/swagger-ui links swagger-ui-dist on a CDN; point it at the copy served by the site. */
function localSwaggerAssets(localBase: string): Plugin {
  return {
    name: 'local-swagger-assets',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/]@hono[\\/]swagger-ui[\\/]dist[\\/]index\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const cdn = '"https://cdn.jsdelivr.net/npm"';
        const versioned = 'version !== void 0 ?';
        if (!source.includes(cdn) || !source.includes(versioned)) {
          throw new Error('sandbox-vendor: @hono/swagger-ui changed; update the local-swagger-assets patch.');
        }
        // The copy has one version, so a version option must not change the path.
        const contents = source.replace(cdn, JSON.stringify(localBase)).replace(versioned, 'false ?');
        return { contents, loader: 'js' };
      });
    },
  };
}

/** PGlite stays its own folder (sandbox-vendor/pglite/): it fetches its .wasm and .data beside its module. */
function pgliteBeside(): Plugin {
  return {
    name: 'pglite-beside',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^@electric-sql\/pglite$/ }, () => ({ path: '../pglite/index.js', external: true }));
    },
  };
}

/** Copies PGlite's browser files (modules, WebAssembly, data; not extensions, maps, types or CJS). */
async function copyPglite(outDir: string): Promise<void> {
  const dist = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  const target = join(outDir, 'pglite');
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(dist, { withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|wasm|data)$/.test(entry.name)) continue;
    await copyFile(join(dist, entry.name), join(target, entry.name));
  }
  // pglite.data (6 MB, the file system PostgreSQL reads: share/, lib/) also gzipped (2.1 MB): static
  // hosts send it as application/octet-stream, which few compress (serve-dist neither), and the
  // browser engine gunzips it as it arrives (lab-infrastructure.ts). The raw file stays for WebContainer.
  await writeFile(join(target, PGLITE_DATA_GZIP_FILE), gzipSync(await readFile(join(dist, 'pglite.data')), { level: 9 }));
  // A freshly initialised data directory: new service databases load it instead of running initdb.
  const { createTemplate } = await import('../infra/postgres/template.ts');
  const template = await createTemplate('gzip');
  await writeFile(join(target, PGLITE_TEMPLATE_FILE), new Uint8Array(await template.arrayBuffer()));
}

async function scanBareImports(dir: string): Promise<Set<string>> {
  const found = new Set<string>();
  if (!existsSync(dir)) return found;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ts|js|mts)$/.test(entry.name) || entry.name === 'checks.ts') continue;
    if (/\.test\.ts$/.test(entry.name)) continue;
    const source = await readFile(join(entry.parentPath, entry.name), 'utf8');
    for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)(?!\s+type\s)[^'"]*?from\s*['"]([^'"./][^'"]*)['"]/g)) {
      found.add(match[1]!);
    }
  }
  return found;
}

async function listSizes(dir: string): Promise<VendorResult['files']> {
  const files: VendorResult['files'] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const content = await readFile(absolute);
    files.push({ path: relative(dir, absolute).split(sep).join('/'), bytes: content.length, gzip: gzipSync(content).length });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
