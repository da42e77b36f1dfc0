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

/** Lines "a-b" (1-based, inclusive) of a text; the whole text without a range. */
export function sliceLines(text: string, range?: string): string {
  if (!range) return text.replace(/\n$/, '');
  const match = /^(\d+)(?:-(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`Rango de líneas no válido: "${range}" (usa "10-25")`);
  const lines = text.split('\n');
  const from = Number(match[1]);
  const to = match[2] ? Number(match[2]) : from;
  if (from < 1 || to > lines.length || from > to) throw new Error(`Las líneas ${range} no existen (el archivo tiene ${lines.length})`);
  return lines.slice(from - 1, to).join('\n');
}

export function languageOf(path: string): string {
  const extension = path.split('.').pop() ?? '';
  return ({ ts: 'ts', js: 'js', json: 'json', md: 'md', yaml: 'yaml', yml: 'yaml', html: 'html', css: 'css' } as Record<string, string>)[extension] ?? 'txt';
}
