// Packing a repository as a .zip and reading one back, with the checks an upload from anywhere needs.
// Reading streams the archive through fflate in small pieces and counts what every file inflates to,
// so a zip bomb stops at the limit instead of filling memory; paths are checked before anything is
// kept (no `..`, no absolute or Windows paths, no duplicates), and nothing outside the result changes:
// the caller applies the tree only when the outcome is ok.
import { Unzip, UnzipInflate, UnzipPassThrough, zipSync, type Zippable } from 'fflate';
import type { FileTree } from '../contract/index.ts';

export const IMPORT_LIMITS = {
  /** The .zip as uploaded. A lab's repository is a few hundred KB. */
  zipBytes: 8 * 1024 * 1024,
  /** Files kept (folders and ignored files do not count). */
  files: 1_000,
  /** One file, inflated: source files, not data. */
  fileBytes: 512 * 1024,
  /** Everything inflated, ignored files included (they are inflated to be skipped). */
  totalBytes: 32 * 1024 * 1024,
} as const;

export type ImportLimits = { [K in keyof typeof IMPORT_LIMITS]: number };

export type ZipReadOutcome =
  | {
      ok: true;
      tree: FileTree;
      /** Paths skipped on purpose: dependencies, git data, build output, binary files. */
      ignored: string[];
    }
  | { ok: false; error: string };

const IGNORED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'coverage', '.astro', '.vite']);
const READ_PIECE = 4 * 1024; // deflate expands at most ~1032×: a piece inflates to ≤ ~4 MB

const KB = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The .zip of a repository, every file under `folder/` (as GitHub's "Download ZIP" does). */
export function zipRepository(tree: FileTree, folder: string, modified: Date = new Date()): Uint8Array {
  const entries: Zippable = {};
  const encoder = new TextEncoder();
  for (const path of Object.keys(tree).sort()) entries[`${folder}/${path}`] = [encoder.encode(tree[path]!), { mtime: modified }];
  return zipSync(entries, { level: 6 });
}

/** Why a path inside a zip cannot be a file of the repository, or undefined when it can. */
function badPath(name: string): string | undefined {
  if (name.includes('\0')) return 'contiene un carácter nulo';
  if (name.includes('\\')) return 'usa barras invertidas (\\)';
  if (name.startsWith('/')) return 'es una ruta absoluta';
  if (/^[A-Za-z]:/.test(name)) return 'es una ruta de Windows con unidad';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((segment) => segment === '..')) return 'sale de la carpeta con «..»';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'tiene segmentos vacíos o «.»';
  if (name.length > 300) return 'es demasiado larga';
  return undefined;
}

function isZip(bytes: Uint8Array): boolean {
  // Local file header (PK\3\4), or the end-of-central-directory record of an empty archive (PK\5\6).
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

interface Entry {
  name: string;
  chunks: Uint8Array[];
  size: number;
  done: boolean;
  ignored: boolean;
}

/**
 * Reads an uploaded .zip into a file tree. A single top folder shared by every entry (GitHub's
 * `repo-main/`) is removed. Never throws: a bad archive is `{ ok: false, error }` in Spanish.
 */
export function readZip(bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): ZipReadOutcome {
  if (bytes.length > limits.zipBytes) return { ok: false, error: `El archivo ocupa ${MB(bytes.length)}; un repositorio del curso cabe en ${MB(limits.zipBytes)}. ¿Incluye node_modules u otros datos? Quítalos y vuelve a comprimirlo.` };
  if (!isZip(bytes)) return { ok: false, error: 'El archivo no es un .zip. Elige el .zip que descargaste con «Descargar repositorio» (o el «Download ZIP» de GitHub).' };

  const entries: Entry[] = [];
  const names = new Set<string>();
  let total = 0;
  let failure: string | undefined;
  const fail = (message: string) => {
    failure ??= message;
  };

  const unzip = new Unzip((file) => {
    if (failure) return;
    const name = file.name;
    const problem = badPath(name);
    if (problem) return fail(`El .zip tiene una ruta no válida, «${name.slice(0, 120)}»: ${problem}. No se ha importado nada.`);
    if (name.endsWith('/')) return; // a folder
    if (names.has(name)) return fail(`El .zip tiene dos veces «${name}». No se ha importado nada.`);
    names.add(name);
    const ignored = name.split('/').some((segment) => IGNORED_FOLDERS.has(segment));
    const entry: Entry = { name, chunks: [], size: 0, done: false, ignored };
    entries.push(entry);
    if (!ignored && entries.filter((candidate) => !candidate.ignored).length > limits.files) {
      return fail(`El .zip tiene más de ${limits.files} archivos; un repositorio del curso tiene unas decenas. No se ha importado nada.`);
    }
    if (file.originalSize !== undefined && !ignored && file.originalSize > limits.fileBytes) {
      return fail(`«${name}» ocupa ${KB(file.originalSize)} descomprimido; el límite por archivo es ${KB(limits.fileBytes)}. No se ha importado nada.`);
    }
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) return fail(`El .zip está dañado (${error.message}). No se ha importado nada.`);
      entry.size += chunk.length;
      total += chunk.length;
      if (!entry.ignored && entry.size > limits.fileBytes) return fail(`«${name}» pasa de ${KB(limits.fileBytes)} al descomprimirlo: no parece código fuente (¿un zip bomb?). No se ha importado nada.`);
      if (total > limits.totalBytes) return fail(`El contenido descomprimido pasa de ${MB(limits.totalBytes)} (¿un zip bomb?). No se ha importado nada.`);
      if (!entry.ignored) entry.chunks.push(chunk);
      if (final) entry.done = true;
    };
    try {
      file.start();
    } catch {
      fail(`«${name}» usa un método de compresión que no sabemos leer (${file.compression}); comprime el repositorio con un zip normal (deflate).`);
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let offset = 0; offset < bytes.length && !failure; offset += READ_PIECE) {
      unzip.push(bytes.subarray(offset, offset + READ_PIECE), offset + READ_PIECE >= bytes.length);
    }
  } catch (error) {
    fail(`El .zip está dañado (${error instanceof Error ? error.message : String(error)}). No se ha importado nada.`);
  }
  if (failure) return { ok: false, error: failure };
  const unfinished = entries.find((entry) => !entry.done);
  if (unfinished) return { ok: false, error: `El .zip está incompleto o dañado: «${unfinished.name}» no termina. ¿Se cortó la descarga? No se ha importado nada.` };

  // GitHub's "Download ZIP" (and ours) put everything under one folder: the repository is inside it.
  const kept = entries.filter((entry) => !entry.ignored);
  const tops = new Set(entries.map((entry) => entry.name.split('/')[0]));
  const strip = tops.size === 1 && entries.every((entry) => entry.name.includes('/')) ? `${[...tops][0]}/` : '';

  const tree: FileTree = {};
  const ignored = entries.filter((entry) => entry.ignored).map((entry) => entry.name.slice(strip.length));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const entry of kept) {
    const data = new Uint8Array(entry.size);
    let at = 0;
    for (const chunk of entry.chunks) {
      data.set(chunk, at);
      at += chunk.length;
    }
    const path = entry.name.slice(strip.length);
    let text: string;
    try {
      text = decoder.decode(data);
    } catch {
      ignored.push(path);
      continue;
    }
    if (text.includes('\0')) {
      ignored.push(path);
      continue;
    }
    tree[path] = text;
  }
  return { ok: true, tree, ignored: ignored.sort() };
}
