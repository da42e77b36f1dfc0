// Lab trees for the site build, loaded once per build from sandboxes/ (the single source of
// lab code: lessons show excerpts of these files, never copies).
import { loadLab, type LoadedLab } from '../../sandboxes/lib/index.ts';

const cache = new Map<string, Promise<LoadedLab>>();

export function getLab(id: string): Promise<LoadedLab> {
  let lab = cache.get(id);
  if (!lab) {
    lab = loadLab(id);
    cache.set(id, lab);
  }
  return lab;
}

export type LabVariant = 'start' | 'solution';

/** A file of a lab's resolved tree, or an error that names the lab, the variant and the file. */
export async function labFile(id: string, variant: LabVariant, path: string): Promise<string> {
  const lab = await getLab(id);
  const content = lab[variant][path];
  if (content === undefined) {
    const known = Object.keys(lab[variant]).filter((p) => !p.endsWith('.json')).join(', ');
    throw new Error(`El archivo "${path}" no existe en ${id} (${variant}). Archivos: ${known}`);
  }
  return content;
}

// Named regions, as in VitePress's `<<< file#region`: a lab file marks an excerpt with a line
// `// #region name` before it and `// #endregion name` after it. Regions may nest or overlap; the
// marker lines never show in an excerpt. A line range would silently show other lines once the
// file changed; a region moves with the code, and a missing one fails the build.
const MARKER = /^\s*\/\/\s*#(region|endregion)\b[ \t]*(\S*)\s*$/;

export interface RegionSpan {
  /** 0-based index of the first line inside the region (after `#region`). */
  from: number;
  /** 0-based index of the `#endregion` line. */
  to: number;
}

/** The regions of a text, or an error naming the problem (unclosed, duplicated or unnamed region). */
export function regionsOf(text: string, where = 'el archivo'): Map<string, RegionSpan> {
  const regions = new Map<string, RegionSpan>();
  const open = new Map<string, number>();
  text.split('\n').forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (!marker) return;
    const [, kind, name] = marker;
    if (!name) throw new Error(`${where}:${index + 1}: «// #${kind}» necesita un nombre (// #${kind} nombre)`);
    if (kind === 'region') {
      if (open.has(name) || regions.has(name)) throw new Error(`${where}:${index + 1}: la región "${name}" está repetida`);
      open.set(name, index + 1);
    } else {
      const from = open.get(name);
      if (from === undefined) throw new Error(`${where}:${index + 1}: «#endregion ${name}» sin su «#region ${name}»`);
      open.delete(name);
      regions.set(name, { from, to: index });
    }
  });
  for (const [name, from] of open) throw new Error(`${where}:${from}: la región "${name}" no se cierra (falta «// #endregion ${name}»)`);
  return regions;
}

/** The text without its region marker lines (what a whole-file excerpt shows). */
export function withoutRegionMarkers(text: string): string {
  return text
    .split('\n')
    .filter((line) => !MARKER.test(line))
    .join('\n');
}

/** The lines of a named region, without markers and without their common indentation. */
export function extractRegion(text: string, name: string, where = 'el archivo'): string {
  const regions = regionsOf(text, where);
  const span = regions.get(name);
  if (!span) {
    const known = [...regions.keys()].join(', ') || 'ninguna';
    throw new Error(`${where}: no tiene la región "${name}" (añade «// #region ${name}» y «// #endregion ${name}» alrededor del código; regiones: ${known})`);
  }
  const lines = text.split('\n').slice(span.from, span.to).filter((line) => !MARKER.test(line));
  if (lines.every((line) => line.trim() === '')) throw new Error(`${where}: la región "${name}" está vacía`);
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** What <LabCode> shows: a named region, or the whole file; never line numbers. */
export function excerptOf(text: string, region: string | undefined, where: string): string {
  return region ? extractRegion(text, region, where) : withoutRegionMarkers(text).replace(/\n$/, '');
}

export function languageOf(path: string): string {
  if (/(^|\/)Dockerfile$/.test(path)) return 'dockerfile';
  const extension = path.split('.').pop() ?? '';
  return ({ ts: 'ts', js: 'js', json: 'json', md: 'md', yaml: 'yaml', yml: 'yaml', html: 'html', css: 'css' } as Record<string, string>)[extension] ?? 'txt';
}
