/**
 * Writes a freshly initialised PGlite data directory (a tar, gzip by default) for the browser
 * engine to start new service databases from: loading it skips initdb, most of PGlite's start-up.
 * Usage: node scripts/pglite-template.ts <out-file> [--uncompressed]
 * The vendor build (src/sandbox/vendor/build.ts) writes sandbox-vendor/pglite/template.tar.gz the same way.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTemplate } from '../src/sandbox/infra/postgres/template.ts';

export async function writePgliteTemplate(outFile: string, compression: 'gzip' | 'none' = 'gzip'): Promise<number> {
  const blob = await createTemplate(compression);
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, new Uint8Array(await blob.arrayBuffer()));
  return blob.size;
}

if (import.meta.main) {
  const [outFile, flag] = process.argv.slice(2);
  if (!outFile) {
    console.error('Usage: node scripts/pglite-template.ts <out-file> [--uncompressed]');
    process.exit(2);
  }
  const started = performance.now();
  const bytes = await writePgliteTemplate(outFile, flag === '--uncompressed' ? 'none' : 'gzip');
  console.log(`${outFile}: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`);
}
