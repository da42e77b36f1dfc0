import { existsSync, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { PostgresStorage } from './storage.ts';

/** Databases as PGlite data directories under `root` (one folder per database). Node only. */
export function nodeStorage(root: string): PostgresStorage {
  // PGlite creates the database's own folder, not its parents.
  mkdirSync(root, { recursive: true });
  const dir = (database: string) => path.join(root, database);
  return {
    dataDir: dir,
    exists: async (database) => existsSync(path.join(dir(database), 'PG_VERSION')),
    remove: (database) => rm(dir(database), { recursive: true, force: true }),
  };
}
