// Turns a lab's file tree into a graph of URL-addressed ES modules that a module Worker can import.
//
// Each file is type-stripped, its import specifiers are rewritten to URLs (relative ones to the
// URL of the imported file, bare ones through the vendor import map) and it gets its own URL
// (a Blob URL in the browser). A URL can only be made once the code is final, so files are built
// in post-order of the evaluation DFS. Cycles are broken at their back edges: the importer of an
// ancestor gets a tiny "late binding" module whose exports are filled in, through a per-realm
// registry, the moment the ancestor finishes evaluating (its importers load a wrapper that
// re-exports it and then registers its namespace). Values used at the top level of a module
// before the ancestor ran are `undefined` (Node would throw a TDZ error); values used later,
// inside functions, work as in Node.
import { init, parse } from 'es-module-lexer';
import type { FileTree } from '../../../contract/index.ts';
import { ModuleError } from './errors.ts';
import { isRelative, positionOf, resolveRelative } from './resolve.ts';

export interface ModuleGraphOptions {
  tree: FileTree;
  entry: string;
  /** URL of a bare specifier (`hono`, `hono/jwt`, `node:crypto`…), or undefined if not provided. */
  resolveBare(specifier: string): string | undefined;
  /** Publishes finished code and returns a URL to import it by (Blob URL, data URL in tests). */
  createUrl(code: string, path: string): string;
  /** Prefix for keys of the cycle registry; only tests that share one realm need it. */
  registryPrefix?: string;
  /** Cache of type-stripped code, keyed by path; entries are reused while the source is unchanged. */
  cache?: Map<string, { source: string; code: string }>;
  /**
   * Type-strips a file that is not in the cache (stripTypes of ./transform.ts). A parameter, so
   * the compiler loads only when some file was not compiled ahead of time.
   */
  strip(path: string, source: string): string;
}

export interface ModuleGraph {
  entryUrl: string;
  /** Lab paths of every module in the graph, in build order. */
  files: string[];
  /** Every URL created (for revoking) mapped to the lab path it stands for. */
  urlToPath: Record<string, string>;
}

interface Edge {
  target: string;
  start: number;
  end: number;
  /** Dynamic import ranges include the quotes; static ones do not. */
  quoted: boolean;
}

interface BareRef {
  url: string;
  start: number;
  end: number;
  quoted: boolean;
}

interface ModuleRecord {
  path: string;
  code: string;
  edges: Edge[];
  bare: BareRef[];
  directExports: string[];
  starFrom: string[];
  hasDefault: boolean;
}

export const REGISTRY_GLOBAL = '__sandboxModules';

export async function buildModuleGraph(options: ModuleGraphOptions): Promise<ModuleGraph> {
  await init;
  const { tree, entry } = options;
  if (!Object.hasOwn(tree, entry)) {
    throw new ModuleError(`No existe el archivo de entrada ${entry}.`, { file: entry });
  }
  const records = new Map<string, ModuleRecord>();
  const load = (path: string): ModuleRecord => {
    let record = records.get(path);
    if (!record) {
      record = analyse(path, options);
      records.set(path, record);
    }
    return record;
  };

  // Evaluation-order DFS: post-order gives a build order; edges to modules on the stack are back edges.
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  const backEdges = new Set<Edge>();
  const visit = (path: string): void => {
    state.set(path, 'open');
    for (const edge of load(path).edges) {
      const seen = state.get(edge.target);
      if (seen === 'open') backEdges.add(edge);
      else if (seen === undefined) visit(edge.target);
    }
    state.set(path, 'done');
    order.push(path);
  };
  visit(entry);

  const prefix = options.registryPrefix ?? '';
  const urlToPath: Record<string, string> = {};
  const publish = (code: string, path: string): string => {
    const url = options.createUrl(code, path);
    urlToPath[url] = path;
    return url;
  };

  const lateTargets = new Set([...backEdges].map((edge) => edge.target));
  const lateUrls = new Map<string, string>();
  for (const target of lateTargets) {
    const names = exportedNames(target, records);
    lateUrls.set(target, publish(lateBindingModule(prefix + target, names), target));
  }

  const publicUrls = new Map<string, string>();
  for (const path of order) {
    const record = records.get(path)!;
    const replacements = [
      ...record.edges.map((edge) => ({
        ...edge,
        url: backEdges.has(edge) ? lateUrls.get(edge.target)! : publicUrls.get(edge.target)!,
      })),
      ...record.bare,
    ];
    const code = path.endsWith('.json') ? record.code : rewrite(record.code, replacements);
    const rawUrl = publish(code, path);
    publicUrls.set(
      path,
      lateTargets.has(path) ? publish(registrarModule(prefix + path, rawUrl, record.hasDefault), path) : rawUrl,
    );
  }

  return { entryUrl: publicUrls.get(entry)!, files: order, urlToPath };
}

function analyse(path: string, options: ModuleGraphOptions): ModuleRecord {
  const source = options.tree[path]!;
  const empty = { path, code: source, edges: [], bare: [], directExports: [], starFrom: [], hasDefault: true };
  if (path.endsWith('.json')) return empty;

  const cached = options.cache?.get(path);
  const code = cached && cached.source === source ? cached.code : options.strip(path, source);
  options.cache?.set(path, { source, code });

  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(code, path);
  } catch (error) {
    const idx = (error as { idx?: number }).idx ?? 0;
    throw new ModuleError(`Error de sintaxis en ${path}: no se pudo analizar el módulo.`, {
      file: path,
      ...positionOf(code, idx),
    });
  }
  const [imports, exports] = parsed;
  const record: ModuleRecord = { ...empty, code, hasDefault: false };
  for (const entry of imports) {
    if (entry.type === 'import-meta' || entry.specifier === undefined) continue;
    if (entry.type !== 'dynamic' && entry.typeOnly) continue;
    const specifier = entry.specifier;
    const quoted = entry.type === 'dynamic';
    if (isRelative(specifier)) {
      const target = resolveRelative(options.tree, path, specifier);
      if (target === undefined) {
        throw new ModuleError(
          `No se encuentra el módulo '${specifier}' importado desde ${path}.`,
          positionOfSpecifier(source, specifier, path),
        );
      }
      record.edges.push({ target, start: entry.start, end: entry.end, quoted });
    } else {
      const url = options.resolveBare(specifier);
      if (url === undefined) {
        throw new ModuleError(
          `El paquete '${specifier}' (importado desde ${path}) no está disponible en el sandbox del navegador.`,
          positionOfSpecifier(source, specifier, path),
        );
      }
      record.bare.push({ url, start: entry.start, end: entry.end, quoted });
    }
  }
  for (const entry of exports) {
    if (entry.typeOnly) continue;
    if (entry.type === 'reexport-all') {
      if (isRelative(entry.from)) {
        const target = resolveRelative(options.tree, path, entry.from);
        if (target) record.starFrom.push(target);
      }
    } else {
      record.directExports.push(entry.name);
      if (entry.name === 'default') record.hasDefault = true;
    }
  }
  return record;
}

function positionOfSpecifier(source: string, specifier: string, file: string) {
  for (const quote of ["'", '"']) {
    const at = source.indexOf(`${quote}${specifier}${quote}`);
    if (at !== -1) return { file, ...positionOf(source, at) };
  }
  return { file };
}

function rewrite(code: string, replacements: { start: number; end: number; quoted: boolean; url: string }[]): string {
  let out = '';
  let last = 0;
  for (const r of [...replacements].sort((a, b) => a.start - b.start)) {
    out += code.slice(last, r.start) + (r.quoted ? JSON.stringify(r.url) : r.url);
    last = r.end;
  }
  return out + code.slice(last);
}

/** Names a module exports, following `export * from` (which never re-exports `default`). */
function exportedNames(path: string, records: Map<string, ModuleRecord>, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  const record = records.get(path);
  if (!record || seen.has(path)) return names;
  seen.add(path);
  for (const name of record.directExports) names.add(name);
  for (const from of record.starFrom) {
    for (const name of exportedNames(from, records, seen)) if (name !== 'default') names.add(name);
  }
  return names;
}

const registryExpr = `(globalThis.${REGISTRY_GLOBAL} ??= new Map())`;

/** Stands in for `key` inside a cycle: exports the same names, bound once `key` has evaluated. */
export function lateBindingModule(key: string, names: Iterable<string>): string {
  const list = [...names];
  const locals = list.map((_, i) => `__b${i}`);
  return [
    list.length ? `let ${locals.join(', ')};` : '',
    list.length ? `export { ${list.map((n, i) => `${locals[i]} as ${JSON.stringify(n)}`).join(', ')} };` : 'export {};',
    `const bind = (ns) => { ${list.map((n, i) => `${locals[i]} = ns[${JSON.stringify(n)}];`).join(' ')} };`,
    `const registry = ${registryExpr};`,
    `const entry = registry.get(${JSON.stringify(key)}) ?? { listeners: [] };`,
    `registry.set(${JSON.stringify(key)}, entry);`,
    `if (entry.ns) bind(entry.ns); else entry.listeners.push(bind);`,
  ].join('\n');
}

/** Re-exports a cycle member and, once it has evaluated, hands its namespace to late bindings. */
export function registrarModule(key: string, rawUrl: string, hasDefault: boolean): string {
  const url = JSON.stringify(rawUrl);
  return [
    `import * as ns from ${url};`,
    `export * from ${url};`,
    hasDefault ? `export { default } from ${url};` : '',
    `const registry = ${registryExpr};`,
    `const entry = registry.get(${JSON.stringify(key)}) ?? { listeners: [] };`,
    `registry.set(${JSON.stringify(key)}, entry);`,
    `entry.ns = ns;`,
    `for (const bind of entry.listeners.splice(0)) bind(ns);`,
  ].join('\n');
}
