// Lab chain resolution (Node only): reads sandboxes/labs/<id>/{lab.yaml,start/,solution/,checks.ts}
// and turns the stored overlays into full file trees.
//   start    = resolved solution of `base` (or nothing) − `remove` paths + start/ overlay
//   solution = start + solution/ overlay
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { labId as labIdSchema, labSchema } from '../../src/content/schemas.ts';
import type { LabMeta } from '../../src/content/schemas.ts';
import { expandReplicas } from '../../src/sandbox/contract/replicas.ts';

export type { LabMeta };
/** posix path inside the lab → utf-8 content. */
export type FileTree = Record<string, string>;
export type LabVariant = 'start' | 'solution';

export type LabSummary = {
  id: string;
  title: string;
  topic: number;
  session?: number;
  summary: string;
  base?: string;
  services: string[];
};

export type LoadedLab = {
  id: string;
  meta: LabMeta;
  start: FileTree;
  solution: FileTree;
  /** Source of checks.ts (TypeScript with type-only imports). */
  checks: string;
};

// When the site build bundles this module, import.meta.url no longer points into sandboxes/:
// fall back to the project root the build runs from.
const besideThisFile = fileURLToPath(new URL('..', import.meta.url));
export const SANDBOXES_DIR = existsSync(join(besideThisFile, 'labs')) ? besideThisFile : join(process.cwd(), 'sandboxes');
export const LABS_DIR = join(SANDBOXES_DIR, 'labs');
/** Where materializeLab writes by default (git-ignored). */
export const MATERIALIZED_DIR = join(SANDBOXES_DIR, '.labs');

export class LabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabError';
  }
}

const toPosix = (path: string) => path.split(sep).join('/');

async function readTree(dir: string): Promise<FileTree> {
  const tree: FileTree = {};
  if (!existsSync(dir)) return tree;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    tree[toPosix(relative(dir, absolute))] = await readFile(absolute, 'utf8');
  }
  return tree;
}

export async function listLabIds(): Promise<string[]> {
  const entries = await readdir(LABS_DIR, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(join(LABS_DIR, entry.name, 'lab.yaml')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The complete Foodly system, which `npm run foodly` starts and deploy/ packages: the final project's
 * lab (topic 16) when the course has one, otherwise the end of the main line (the lab with the longest
 * chain of bases, ties to the highest id; labs 11 and 12 branch off earlier labs and are not it).
 */
export async function currentSystemLabId(): Promise<string> {
  const ids = await listLabIds();
  const metas = new Map<string, LabMeta>();
  for (const id of ids) metas.set(id, await readMeta(id));
  const finalProject = ids.filter((id) => metas.get(id)!.topic === 16).sort().at(-1);
  if (finalProject) return finalProject;
  const depth = (id: string | undefined): number => (id ? 1 + depth(metas.get(id)?.base) : 0);
  return [...ids].sort((a, b) => depth(b) - depth(a) || b.localeCompare(a))[0]!;
}

async function readMeta(id: string): Promise<LabMeta> {
  const file = `sandboxes/labs/${id}/lab.yaml`;
  if (!labIdSchema.safeParse(id).success) throw new LabError(`${file}: "${id}" is not a valid lab id (lab-NN-name)`);
  const path = join(LABS_DIR, id, 'lab.yaml');
  if (!existsSync(path)) throw new LabError(`${file}: no such lab`);
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(path, 'utf8'));
  } catch (error) {
    throw new LabError(`${file}: invalid YAML: ${(error as Error).message}`);
  }
  const parsed = labSchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new LabError(`${file}: ${details.join('; ')}`);
  }
  return parsed.data;
}

function removePaths(tree: FileTree, paths: readonly string[], id: string): FileTree {
  const result = { ...tree };
  for (const path of paths) {
    const prefix = path.replace(/\/+$/, '') + '/';
    const matches = Object.keys(result).filter((file) => file === path || file.startsWith(prefix));
    if (matches.length === 0) throw new LabError(`sandboxes/labs/${id}/lab.yaml: remove: "${path}" is not in the base tree`);
    for (const file of matches) delete result[file];
  }
  return result;
}

type Resolved = { meta: LabMeta; start: FileTree; solution: FileTree };

async function resolve(id: string, chain: readonly string[], cache: Map<string, Resolved>): Promise<Resolved> {
  const cached = cache.get(id);
  if (cached) return cached;
  if (chain.includes(id)) throw new LabError(`sandboxes/labs/${id}/lab.yaml: base: cycle ${[...chain, id].join(' → ')}`);
  const meta = await readMeta(id);
  let baseTree: FileTree = {};
  if (meta.base) {
    if (!existsSync(join(LABS_DIR, meta.base, 'lab.yaml'))) {
      throw new LabError(`sandboxes/labs/${id}/lab.yaml: base: unknown lab "${meta.base}"`);
    }
    baseTree = (await resolve(meta.base, [...chain, id], cache)).solution;
  } else if (meta.remove.length > 0) {
    throw new LabError(`sandboxes/labs/${id}/lab.yaml: remove: needs a base`);
  }
  const start = { ...removePaths(baseTree, meta.remove, id), ...(await readTree(join(LABS_DIR, id, 'start'))) };
  const solution = { ...start, ...(await readTree(join(LABS_DIR, id, 'solution'))) };
  checkReferences(id, meta, start, solution);
  const resolved = { meta, start, solution };
  cache.set(id, resolved);
  return resolved;
}

/** Every service entry and every file to open must exist, or the lab cannot run. */
function checkReferences(id: string, meta: LabMeta, start: FileTree, solution: FileTree) {
  const file = `sandboxes/labs/${id}/lab.yaml`;
  meta.services.forEach((service, index) => {
    const entry = `${service.dir}/src/server.ts`;
    if (!(entry in solution)) throw new LabError(`${file}: services.${index}.dir: ${entry} does not exist in the solution`);
  });
  checkReplicas(file, meta);
  meta.open.forEach((path, index) => {
    if (!(path in start) && !(path in solution)) throw new LabError(`${file}: open.${index}: ${path} does not exist`);
  });
  meta.requests.forEach((request, index) => {
    if (!meta.services.some((service) => service.name === request.service)) {
      throw new LabError(`${file}: requests.${index}.service: unknown service "${request.service}"`);
    }
  });
  meta.connections.forEach((connection, index) => {
    if (!meta.services.some((service) => service.name === connection.service)) {
      throw new LabError(`${file}: connections.${index}.service: unknown service "${connection.service}"`);
    }
  });
  for (const [kind, list] of [['requests', meta.requests], ['connections', meta.connections]] as const) {
    list.forEach((target, index) => {
      const service = meta.services.find((candidate) => candidate.name === target.service);
      if (service && target.replica !== undefined && target.replica > service.replicas) {
        throw new LabError(`${file}: ${kind}.${index}.replica: ${target.service} runs ${service.replicas} replica(s), not ${target.replica}`);
      }
    });
  }
}

/**
 * Replica k of a service listens on port + 10·(k−1) and is named <name>-k (src/sandbox/contract/replicas.ts):
 * neither may collide with another service's port or name, or two processes would fight over it.
 */
export function checkReplicas(file: string, meta: Pick<LabMeta, 'services'>) {
  const ports = new Map<number, string>();
  const names = new Map<string, string>();
  meta.services.forEach((service, index) => {
    for (const instance of expandReplicas([service])) {
      const field = instance.replica === 1 ? `services.${index}.port` : `services.${index}.replicas`;
      const what = instance.replicas > 1 ? `replica ${instance.replica} of ${service.name} (${instance.name})` : service.name;
      const portOwner = ports.get(instance.port);
      if (portOwner) throw new LabError(`${file}: ${field}: ${what} would listen on port ${instance.port}, already taken by ${portOwner}`);
      ports.set(instance.port, what);
      const nameOwner = names.get(instance.name);
      if (nameOwner) throw new LabError(`${file}: ${field}: ${what} is named ${instance.name}, like ${nameOwner}`);
      names.set(instance.name, what);
    }
  });
}

export async function listLabs(): Promise<LabSummary[]> {
  const ids = await listLabIds();
  const summaries: LabSummary[] = [];
  for (const id of ids) {
    const meta = await readMeta(id);
    summaries.push({
      id,
      title: meta.title,
      topic: meta.topic,
      session: meta.session,
      summary: meta.summary,
      base: meta.base,
      services: meta.services.map((service) => service.name),
    });
  }
  return summaries;
}

export async function loadLab(id: string): Promise<LoadedLab> {
  const { meta, start, solution } = await resolve(id, [], new Map());
  const checksPath = join(LABS_DIR, id, 'checks.ts');
  if (!existsSync(checksPath)) throw new LabError(`sandboxes/labs/${id}/checks.ts: missing`);
  return { id, meta, start, solution, checks: await readFile(checksPath, 'utf8') };
}

/** Writes a lab's start or solution tree to `dir` (default sandboxes/.labs/<id>/<variant>), replacing it. */
export async function materializeLab(id: string, variant: LabVariant, dir?: string): Promise<string> {
  const lab = await loadLab(id);
  const target = dir ?? join(MATERIALIZED_DIR, id, variant);
  await writeTree(lab[variant], target);
  return target;
}

export async function writeTree(tree: FileTree, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const [path, content] of Object.entries(tree)) {
    const absolute = join(dir, ...path.split('/'));
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, content);
  }
}

export const checksPath = (id: string) => join(LABS_DIR, id, 'checks.ts');
