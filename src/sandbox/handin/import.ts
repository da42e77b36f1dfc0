// Importing a hand-in back into its lab: the zip read with limits (zip.ts), then the checks that make
// it this lab's repository. Nothing is applied here: the session replaces the reader's files (with
// «Deshacer») only when the outcome is ok, so a bad file changes nothing.
import type { FileTree } from '../contract/index.ts';
import { MANIFEST_PATH, withoutGenerated, type HandinLab, type HandinManifest } from './repository.ts';
import { IMPORT_LIMITS, readZip, type ImportLimits } from './zip.ts';

export type ImportOutcome =
  | { ok: true; tree: FileTree; ignored: string[]; manifest?: HandinManifest }
  | { ok: false; error: string };

function parseManifest(text: string): HandinManifest | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${MANIFEST_PATH} no es JSON válido: bórralo del .zip si lo editaste a mano.`;
  }
  const manifest = value as Partial<HandinManifest>;
  if (manifest?.format !== 1 || typeof manifest.lab !== 'string' || typeof manifest.generated !== 'object' || manifest.generated === null) {
    return `${MANIFEST_PATH} no tiene el formato que escribe «Descargar repositorio» (format 1, lab, generated).`;
  }
  return manifest as HandinManifest;
}

export async function importRepository(bytes: Uint8Array, lab: HandinLab, limits: ImportLimits = IMPORT_LIMITS): Promise<ImportOutcome> {
  const read = readZip(bytes, limits);
  if (!read.ok) return read;
  let manifest: HandinManifest | undefined;
  const manifestText = read.tree[MANIFEST_PATH];
  if (manifestText !== undefined) {
    const parsed = parseManifest(manifestText);
    if (typeof parsed === 'string') return { ok: false, error: `${parsed} No se ha importado nada.` };
    if (parsed.lab !== lab.id) {
      return { ok: false, error: `Este repositorio es del laboratorio «${parsed.title}» (${parsed.lab}), no de este (${lab.id}). Impórtalo desde la lección de su laboratorio. No se ha importado nada.` };
    }
    manifest = parsed;
  }
  const missing = ['package.json', ...lab.services.map((service) => `${service.dir}/src/server.ts`)].filter((path) => read.tree[path] === undefined);
  if (missing.length > 0) {
    const found = Object.keys(read.tree).length;
    return {
      ok: false,
      error: `El .zip no tiene la estructura de este laboratorio: falta ${missing.join(', ')}${found === 0 ? ' (está vacío)' : ''}. Debe contener package.json y la carpeta de cada servicio (${lab.services.map((service) => `${service.dir}/`).join(', ')}). No se ha importado nada.`,
    };
  }
  return { ok: true, tree: await withoutGenerated(read.tree, manifest), ignored: read.ignored, ...(manifest ? { manifest } : {}) };
}
