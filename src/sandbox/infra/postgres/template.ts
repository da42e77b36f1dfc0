import { MemoryFS, PGlite } from '@electric-sql/pglite';

/** PGlite's data directory inside its file system. */
const PGDATA = '/pglite/data';

/**
 * A freshly initialised PGlite data directory as a tarball. initdb is most of PGlite's start-up
 * (seconds); a database created from this dump skips it. The browser build ships one made at build
 * time; Node tests make one per process.
 *
 * Trimmed, because every byte of it is unpacked and copied into PGlite's file system before the
 * first query (loading it was the largest part of a cold start): 39 MB → 16 MB.
 * - The WAL segment keeps only the pages initdb wrote (7 MB of 16 MB; the rest is zeros).
 *   PostgreSQL reads a short segment's end as the end of the WAL and extends the file as it
 *   writes, as it does a recycled one (host.test.ts writes past it and reopens).
 * - The template databases (template1, template0: 14 MB) are left out. They only serve CREATE
 *   DATABASE, which the sandbox does not offer: each declared database is its own PGlite.
 */
export async function createTemplate(compression: 'none' | 'gzip' = 'gzip'): Promise<Blob> {
  const fs = new DumpOnCloseFS(compression);
  const pglite = await PGlite.create({ fs });
  try {
    const templates = await pglite.query<{ oid: number }>("SELECT oid FROM pg_database WHERE datname IN ('template0', 'template1')");
    fs.removeDatabases = templates.rows.map((row) => row.oid);
  } finally {
    await pglite.close();
  }
  if (!fs.dump) throw new Error('PGlite closed without dumping its data directory');
  return fs.dump;
}

/**
 * Dumps the data directory as PGlite closes, after PostgreSQL's shutdown checkpoint: the cluster
 * is then "shut down" cleanly. A directory dumped while running reads as a crash on every start:
 * PostgreSQL replays the WAL and deletes its relation cache files (pg_internal.init), so the first
 * query of each new database rebuilt the catalog caches (about half of PGlite.create in Chromium).
 */
class DumpOnCloseFS extends MemoryFS {
  dump: Blob | undefined;
  removeDatabases: number[] = [];
  readonly #compression: 'none' | 'gzip';

  constructor(compression: 'none' | 'gzip') {
    super();
    this.#compression = compression;
  }

  override async closeFs(): Promise<void> {
    const fs = this.pg!.Module.FS;
    const wal = `${PGDATA}/pg_wal`;
    for (const name of fs.readdir(wal)) {
      const path = `${wal}/${name}`;
      if (name.startsWith('.') || !fs.isFile(fs.stat(path).mode)) continue;
      const bytes = fs.readFile(path);
      let last = bytes.length - 1;
      while (last >= 0 && bytes[last] === 0) last--;
      fs.truncate(path, Math.ceil((last + 1) / 8192) * 8192);
    }
    for (const oid of this.removeDatabases) removeTree(fs, `${PGDATA}/base/${oid}`);
    this.dump = await this.dumpTar('pgdata', this.#compression);
    await super.closeFs();
  }
}

function removeTree(fs: PGlite['Module']['FS'], path: string): void {
  for (const name of fs.readdir(path)) {
    if (name === '.' || name === '..') continue;
    const child = `${path}/${name}`;
    if (fs.isDir(fs.stat(child).mode)) removeTree(fs, child);
    else fs.unlink(child);
  }
  fs.rmdir(path);
}
