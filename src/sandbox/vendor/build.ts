// Pre-bundles what the Foodly services import (hono and its middleware, zod, @hono/*) into
// self-hosted ESM with shared chunks (hono is loaded once per worker), plus the engine's own
// worker runtime, the @hono/node-server and node:* shims, swagger-ui-dist and the preview
// Service Worker. Run at site build time: `npm run sandbox:vendor` (scripts/sandbox-vendor.ts).
import { build, type Plugin } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ENGINE_DIR = fileURLToPath(new URL('../engine/', import.meta.url));

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
] as const;

/** Specifiers the engine provides itself (file under src/sandbox/engine/shims/). */
export const SHIM_SPECIFIERS: Record<string, string> = {
  '@hono/node-server': 'shims/node-server.ts',
  '@hono/node-server/serve-static': 'shims/serve-static.ts',
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

export interface VendorResult {
  outDir: string;
  importMap: { imports: Record<string, string> };
  files: { path: string; bytes: number; gzip: number }[];
}

export const VENDOR_DIR = 'public/sandbox-vendor';
export const PREVIEW_SW_PATH = 'public/__sandbox__/preview-sw.js';

export async function buildSandboxVendor(options: VendorOptions): Promise<VendorResult> {
  const base = (options.base ?? '/').replace(/\/?$/, '/');
  const outDir = join(options.root, VENDOR_DIR);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const specifiers = new Set<string>(PACKAGE_SPECIFIERS);
  for (const found of await scanBareImports(options.labsDir ?? join(options.root, 'sandboxes/labs'))) {
    if (!SHIM_SPECIFIERS[found] && !found.startsWith('node:')) specifiers.add(found);
  }

  const entryPoints: { in: string; out: string }[] = [{ in: join(ENGINE_DIR, 'runtime/worker-entry.ts'), out: 'runtime' }];
  const importMap: Record<string, string> = {};
  const shimOut = new Map<string, string>();
  for (const [specifier, file] of Object.entries(SHIM_SPECIFIERS)) {
    const out = `shims/${file.replace(/^shims\//, '').replace(/\.ts$/, '')}`;
    if (!shimOut.has(file)) {
      shimOut.set(file, out);
      entryPoints.push({ in: join(ENGINE_DIR, file), out });
    }
    importMap[specifier] = `${shimOut.get(file)}.js`;
  }
  for (const specifier of specifiers) {
    let resolved: string;
    try {
      resolved = fileURLToPath(import.meta.resolve(specifier));
    } catch {
      throw new Error(`sandbox-vendor: cannot resolve '${specifier}' (imported by a lab); add it to devDependencies.`);
    }
    const out = `pkg/${specifier}`;
    entryPoints.push({ in: resolved, out });
    importMap[specifier] = `${out}.js`;
  }

  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    chunkNames: 'chunks/[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [localSwaggerAssets(`${base}sandbox-vendor`)],
    logLevel: 'warning',
  });

  await mkdir(join(outDir, 'swagger-ui-dist'), { recursive: true });
  const swaggerDir = dirname(fileURLToPath(import.meta.resolve('swagger-ui-dist/package.json')));
  for (const asset of SWAGGER_ASSETS) await copyFile(join(swaggerDir, asset), join(outDir, 'swagger-ui-dist', asset));

  await build({
    entryPoints: [join(ENGINE_DIR, 'preview/sw.ts')],
    outfile: join(options.root, PREVIEW_SW_PATH),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });

  await writeFile(join(outDir, 'importmap.json'), JSON.stringify({ imports: importMap }, null, 2));
  const files = await listSizes(outDir);
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify({ base, files }, null, 2));
  return { outDir, importMap: { imports: importMap }, files };
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
