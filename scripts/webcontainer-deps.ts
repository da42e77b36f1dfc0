// Builds the node_modules the WebContainer engine mounts with a lab's files, so a normal run needs
// no `npm install`: every dependency any lab's package.json names (and what they depend on),
// copied from this project's node_modules (the lockfile's versions) as a WebContainer
// FileSystemTree. Runtime files only: no symlinks, no native binaries, no maps, docs or types.
//   node scripts/webcontainer-deps.ts  →  public/webcontainer/node_modules.json
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { LabError, listLabIds, loadLab } from '../sandboxes/lib/index.ts';
import { INFRA_PACKAGE, infrastructurePackageFiles } from '../src/sandbox/infra/node/bundles.ts';

type Tree = Record<string, { directory: Tree } | { file: { contents: string } }>;

const root = fileURLToPath(new URL('..', import.meta.url));
const modules = join(root, 'node_modules');
/**
 * Extra packages the engine itself runs in the container: the strip-types hook for older Node, the
 * `ws` client of the request helper (the WebSocket panel's connections), and @hono/node-ws, the
 * WebSocket helper services import (the conformance suite's labs use it without a package.json).
 */
const ENGINE_PACKAGES = ['sucrase', 'ws', '@hono/node-ws'];
const KEEP = /\.(m?js|cjs|json|css)$/;
/** Alternative builds Foodly never loads (swagger-ui-dist ships several copies of itself). */
const SKIP_FILES = /es-bundle|\.map$/;
const SKIP_DIRS = new Set(['test', 'tests', '__tests__', 'docs', 'example', 'examples', 'src', '.github', 'bin']);

function dependenciesOf(name: string): string[] {
  const manifest = JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  };
  // An optional peer is only needed by code the labs do not call (hono-rate-limiter's unstorage
  // store would bring h3, ofetch, chokidar… into every container).
  const peers = Object.keys(manifest.peerDependencies ?? {}).filter((peer) => !manifest.peerDependenciesMeta?.[peer]?.optional);
  return [...new Set([...Object.keys(manifest.dependencies ?? {}), ...peers])];
}

/** Top folders a package's entry points live in (urijs's main is src/URI.js): never skipped. */
function entryFolders(dir: string): Set<string> {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const folders = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const first = value.replace(/^\.\//, '').split('/')[0];
      if (first && value.replace(/^\.\//, '').includes('/')) folders.add(first);
    } else if (value && typeof value === 'object') for (const child of Object.values(value)) visit(child);
  };
  for (const field of ['main', 'module', 'browser', 'exports']) visit(manifest[field]);
  return folders;
}

function copyPackage(dir: string, isRoot: boolean): Tree {
  const tree: Tree = {};
  const entries = isRoot ? entryFolders(dir) : new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (lstatSync(path).isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || (isRoot && SKIP_DIRS.has(entry.name) && !entries.has(entry.name))) continue;
      const child = copyPackage(path, false);
      if (Object.keys(child).length > 0) tree[entry.name] = { directory: child };
    } else if (KEEP.test(entry.name) && !SKIP_FILES.test(entry.name)) {
      tree[entry.name] = { file: { contents: readFileSync(path, 'utf8') } };
    }
  }
  return tree;
}

function pgliteScripts(): Tree {
  const dir = join(modules, '@electric-sql/pglite');
  const scripts = (folder: string): Tree =>
    Object.fromEntries(
      readdirSync(join(dir, folder), { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
        .map((entry) => [entry.name, { file: { contents: readFileSync(join(dir, folder, entry.name), 'utf8') } }]),
    );
  return {
    'package.json': { file: { contents: readFileSync(join(dir, 'package.json'), 'utf8') } },
    dist: { directory: { ...scripts('dist'), fs: { directory: scripts('dist/fs') } } },
  };
}

/** Lab errors as the build prints content errors: `file → field: message`, one per line. */
export class ContentErrors extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`El contenido del curso tiene ${problems.length} ${problems.length === 1 ? 'error' : 'errores'}:\n${problems.map((problem) => `  - ${asFileField(problem)}`).join('\n')}`);
    this.problems = problems;
  }
}

/** LabError says `file: field: message`; the build's format is `file → field: message`. */
function asFileField(message: string): string {
  const match = /^([^:\s]+\.(?:ya?ml|ts|json)): (.*)$/s.exec(message);
  return match ? `${match[1]} → ${match[2]}` : message;
}

export async function buildWebContainerDependencies(): Promise<{ packages: string[]; tree: Tree }> {
  const wanted = new Set<string>(ENGINE_PACKAGES);
  const problems: string[] = [];
  for (const id of await listLabIds()) {
    let lab: Awaited<ReturnType<typeof loadLab>>;
    try {
      lab = await loadLab(id);
    } catch (error) {
      // Every broken lab in one pass, like the other content errors (the build names them all).
      if (!(error instanceof LabError)) throw error;
      problems.push(error.message);
      continue;
    }
    for (const [path, content] of Object.entries(lab.solution)) {
      if (path.endsWith('package.json') && !path.includes('/')) {
        for (const name of Object.keys((JSON.parse(content) as { dependencies?: object }).dependencies ?? {})) wanted.add(name);
      }
    }
  }
  if (problems.length > 0) throw new ContentErrors(problems);
  const queue = [...wanted];
  const packages = new Set<string>();
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (packages.has(name) || !existsSync(join(modules, name, 'package.json'))) continue;
    packages.add(name);
    queue.push(...dependenciesOf(name));
  }
  const tree: Tree = {};
  for (const name of [...packages].sort()) {
    const [scope, bare] = name.startsWith('@') ? name.split('/') : [undefined, name];
    const target = scope ? ((tree[scope] ??= { directory: {} }) as { directory: Tree }).directory : tree;
    target[bare!] = { directory: copyPackage(join(modules, name), true) };
  }
  // The infrastructure host process and the shims the engine maps amqplib/kafkajs/ioredis to, for
  // labs that declare infrastructure (src/sandbox/infra/node/bundles.ts).
  // PGlite's JavaScript for the host's PostgresHost (the top of dist/ and its file systems: no
  // extensions, CJS or maps, ~1 MiB). Its binaries (~16 MiB) are not text: the engine writes them
  // only for a lab that declares PostgreSQL (WebContainerEngineOptions.pglite).
  const scope = ((tree['@electric-sql'] ??= { directory: {} }) as { directory: Tree }).directory;
  scope.pglite ??= { directory: pgliteScripts() };
  tree[INFRA_PACKAGE] = { directory: Object.fromEntries(Object.entries(await infrastructurePackageFiles()).map(([name, contents]) => [name, { file: { contents } }])) };
  return { packages: [...packages].sort(), tree };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { packages, tree } = await buildWebContainerDependencies().catch((error: unknown) => {
    // A content mistake is not a crash of this script: no stack trace, just what to fix.
    if (!(error instanceof ContentErrors)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  const out = join(root, 'public/webcontainer');
  mkdirSync(out, { recursive: true });
  const json = JSON.stringify(tree);
  writeFileSync(join(out, 'node_modules.json'), json);
  console.log(`webcontainer: ${packages.length} paquetes (${packages.join(', ')}), ${(json.length / 1024 / 1024).toFixed(1)} MiB, ${(gzipSync(json).length / 1024 / 1024).toFixed(1)} MiB gzip`);
}
