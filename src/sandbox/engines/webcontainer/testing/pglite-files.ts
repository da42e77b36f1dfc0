// What the page fetches from sandbox-vendor/pglite/ for WebContainerEngineOptions.pglite
// (select-engine.ts), for the process-backed tests: PGlite's binaries from node_modules and a
// template made once per test process.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTemplate } from '../../../infra/postgres/template.ts';
import { PGLITE_BINARIES, PGLITE_TEMPLATE_FILE } from '../infrastructure.ts';

let files: Promise<Record<string, Uint8Array>> | undefined;

export function pgliteFiles(): Promise<Record<string, Uint8Array>> {
  files ??= (async () => {
    const dist = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
    const out: Record<string, Uint8Array> = {};
    for (const name of PGLITE_BINARIES) out[name] = new Uint8Array(await readFile(join(dist, name)));
    out[PGLITE_TEMPLATE_FILE] = new Uint8Array(await (await createTemplate('gzip')).arrayBuffer());
    return out;
  })();
  return files;
}
