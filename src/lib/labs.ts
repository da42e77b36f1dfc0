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

const regionMarker = /^\s*\/\/\s*#(end)?region\b\s*(\S*)/;

/**
 * The lines between `// #region name` and its `// #endregion` (markers of other regions inside are
 * dropped). Named regions follow the code when lines move, unlike a line range.
 */
export function sliceRegion(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => regionMarker.exec(line)?.[2] === name && !regionMarker.exec(line)?.[1]);
  if (start === -1) throw new Error(`La región "${name}" no existe (márcala con // #region ${name} … // #endregion)`);
  let depth = 0;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const marker = regionMarker.exec(line);
    if (marker && marker[1]) {
      if (depth === 0) return dedent(body).join('\n');
      depth -= 1;
      continue;
    }
    if (marker) {
      depth += 1;
      continue;
    }
    body.push(line);
  }
  throw new Error(`La región "${name}" no tiene su // #endregion`);
}

/** Removes the indentation every non-empty line shares (a region inside a function starts indented). */
function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common));
}

export function languageOf(path: string): string {
  const extension = path.split('.').pop() ?? '';
  return ({ ts: 'ts', js: 'js', json: 'json', md: 'md', yaml: 'yaml', yml: 'yaml', html: 'html', css: 'css' } as Record<string, string>)[extension] ?? 'txt';
}
