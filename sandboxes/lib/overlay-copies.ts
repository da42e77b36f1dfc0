// Overlays replace whole files: when lab 08 changes one method of Order.ts, its start/ overlay holds a
// full copy of Order.ts. A fix made in one copy is easily forgotten in the others, so this module
// lists, for every file that more than one overlay carries, its copies down the chain and how much
// each differs from the version it replaces.
//   node sandboxes/lib/overlay-copies.ts          the report (npm run labs:copies)
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { listLabIds, loadLab, LABS_DIR, type LabVariant } from './labs.ts';

export type OverlayCopy = {
  lab: string;
  variant: LabVariant;
  /** The stored overlay file (relative to the project's sandboxes/labs/). */
  stored: string;
  /** Whether this copy replaces a version of the file (false in a lab without base, or for a new file). */
  replaces: boolean;
  /** Lines added and removed with respect to the version this copy replaces. */
  added: number;
  removed: number;
};

export type CopyChain = { path: string; copies: OverlayCopy[] };

async function overlayPaths(lab: string, variant: LabVariant): Promise<string[]> {
  const dir = join(LABS_DIR, lab, variant);
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** Lines of `after` not in `before` and of `before` not in `after` (as multisets: cheap, good enough to size a change). */
export function lineChanges(before: string, after: string): { added: number; removed: number } {
  const count = (text: string) => {
    const counts = new Map<string, number>();
    for (const line of text.split('\n')) counts.set(line, (counts.get(line) ?? 0) + 1);
    return counts;
  };
  const a = count(before);
  const b = count(after);
  let added = 0;
  let removed = 0;
  for (const [line, n] of b) added += Math.max(0, n - (a.get(line) ?? 0));
  for (const [line, n] of a) removed += Math.max(0, n - (b.get(line) ?? 0));
  return { added, removed };
}

/** Every file path that two or more overlays carry, with its copies in chain order. */
export async function overlayCopyChains(): Promise<CopyChain[]> {
  const ids = await listLabIds();
  const labs = new Map(await Promise.all(ids.map(async (id) => [id, await loadLab(id)] as const)));
  const chains = new Map<string, OverlayCopy[]>();
  // Chain order: a lab after its base (ids sort that way already: a base always has a lower number).
  for (const id of ids) {
    const lab = labs.get(id)!;
    for (const variant of ['start', 'solution'] as const) {
      for (const path of await overlayPaths(id, variant)) {
        const content = await readFile(join(LABS_DIR, id, variant, path), 'utf8');
        const replaced = variant === 'solution' ? lab.start[path] : lab.meta.base ? labs.get(lab.meta.base)!.solution[path] : undefined;
        const { added, removed } = replaced === undefined ? { added: 0, removed: 0 } : lineChanges(replaced, content);
        const copy = { lab: id, variant, stored: `${id}/${variant}/${path}`, replaces: replaced !== undefined, added, removed };
        chains.set(path, [...(chains.get(path) ?? []), copy]);
      }
    }
  }
  return [...chains.entries()]
    .filter(([, copies]) => copies.length > 1)
    .map(([path, copies]) => ({ path, copies }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export function formatCopyReport(chains: readonly CopyChain[]): string {
  const lines = [`${chains.length} archivos con copias en varios overlays (un arreglo en una copia debe llegar a las demás):`, ''];
  for (const { path, copies } of chains) {
    lines.push(path);
    for (const [index, copy] of copies.entries()) {
      const change = !copy.replaces ? (index === 0 ? 'primera copia' : 'copia independiente (laboratorio sin base)') : `+${copy.added} −${copy.removed} líneas respecto a la versión que sustituye`;
      lines.push(`  ${copy.lab} (${copy.variant === 'start' ? 'inicio' : 'solución'}): ${change}`);
    }
  }
  return lines.join('\n');
}

if (import.meta.main) console.log(formatCopyReport(await overlayCopyChains()));
