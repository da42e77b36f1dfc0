import { PGlite } from '@electric-sql/pglite';

/**
 * A freshly initialised PGlite data directory as a tarball. initdb is most of PGlite's start-up
 * (seconds); a database created from this dump skips it. The browser build ships one made at build
 * time; Node tests make one per process.
 */
export async function createTemplate(compression: 'none' | 'gzip' = 'gzip'): Promise<Blob> {
  const pglite = await PGlite.create();
  try {
    return await pglite.dumpDataDir(compression);
  } finally {
    await pglite.close();
  }
}
