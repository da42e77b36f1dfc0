/**
 * Where a lab's databases live between service restarts and page reloads. PGlite takes a data
 * directory string: a path in Node (`nodeStorage`), `idb://name` in the browser (`browserStorage`,
 * IndexedDB), nothing for memory. The host only sees this interface.
 */
export interface PostgresStorage {
  /** PGlite's `dataDir` for a database; undefined keeps it in memory. */
  dataDir(database: string): string | undefined;
  /** Whether the database was persisted before (then it is opened as is, not created). */
  exists(database: string): Promise<boolean>;
  /** Deletes the persisted database (reset). */
  remove(database: string): Promise<void>;
}

/** Databases in memory: they survive service restarts (the host outlives services), not reloads. */
export const memoryStorage: PostgresStorage = {
  dataDir: () => undefined,
  exists: async () => false,
  remove: async () => {},
};

/**
 * IndexedDB through PGlite's idb:// file system. PGlite names the IndexedDB database
 * `/pglite/<name>` (its IdbFs), which is what `remove` deletes.
 */
export function browserStorage(labKey: string): PostgresStorage {
  const name = (database: string) => `foodly-${labKey}-${database}`;
  return {
    dataDir: (database) => `idb://${name(database)}`,
    async exists(database) {
      const databases = await indexedDB.databases();
      return databases.some((info) => info.name === `/pglite/${name(database)}`);
    },
    remove: (database) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(`/pglite/${name(database)}`);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
        request.onblocked = () => resolve();
      }),
  };
}
