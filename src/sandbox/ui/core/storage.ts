// Where the sandbox keeps the reader's work: a tiny key-value interface, an IndexedDB adapter for
// the browser and an in-memory one for tests (and for browsers where IndexedDB is unavailable).
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Reads and writes one key atomically (one IndexedDB transaction: another tab's write cannot
   * land in between). `change` returns the new value, or undefined to delete the key.
   */
  update(key: string, change: (current: unknown) => unknown): Promise<void>;
  /** Keys that start with `prefix`. */
  keys?(prefix: string): Promise<string[]>;
  /** Set when the store could not keep data across visits: a sentence for the learner. */
  readonly notice?: string | undefined;
  /** False when what is written lasts only as long as the page (default: true). */
  readonly persistent?: boolean;
  /** Starts opening the storage ahead of the first read (IndexedDB's first open is slow). */
  warm?(): void;
}

export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();

  async get<T>(key: string): Promise<T | undefined> {
    // A structured clone, as IndexedDB would give: callers cannot mutate what is stored.
    return this.data.has(key) ? (structuredClone(this.data.get(key)) as T) : undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    this.data.set(key, structuredClone(value));
  }

  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }

  async update(key: string, change: (current: unknown) => unknown): Promise<void> {
    const next = change(await this.get(key));
    if (next === undefined) this.data.delete(key);
    else this.data.set(key, structuredClone(next));
  }

  async keys(prefix: string): Promise<string[]> {
    return [...this.data.keys()].filter((key) => key.startsWith(prefix));
  }
}

const DB_NAME = 'foodly-sandbox';
const STORE = 'kv';
const DB_VERSION = 1;

export class IndexedDbStore implements KeyValueStore {
  private db: Promise<IDBDatabase> | undefined;

  private readonly factory: IDBFactory;

  constructor(factory: IDBFactory = indexedDB) {
    this.factory = factory;
  }

  /** Set when the database could not be used as ours (see open()): a sentence for the learner. */
  notice: string | undefined;
  persistent = true;

  warm(): void {
    this.open().catch(() => undefined);
  }

  private open(): Promise<IDBDatabase> {
    if (this.db) return this.db;
    this.db = this.openAt(DB_VERSION).catch((error: unknown) => {
      // A database left at a newer version (a newer site, or someone else's code) refuses
      // version 1: open whatever version it has and use our store if it is there.
      if ((error as DOMException)?.name !== 'VersionError') throw error;
      return this.openAt(undefined).then((db) => {
        if (db.objectStoreNames.contains(STORE)) return db;
        db.close();
        throw new Error('foreign database');
      });
    });
    this.db.catch(() => {
      this.persistent = false;
      this.notice =
        'Este navegador no deja usar la base de datos del sandbox (no disponible o de otra versión): tu código se guarda en un espacio más pequeño (localStorage) y, si es muy grande, solo mientras la pestaña esté abierta.';
    });
    return this.db;
  }

  private openAt(version: number | undefined): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      const request = version === undefined ? this.factory.open(DB_NAME) : this.factory.open(DB_NAME, version);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
      };
      request.onsuccess = () => {
        // Another tab upgrading the database must not be blocked by this one.
        request.result.onversionchange = () => request.result.close();
        resolve(request.result);
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked'));
    });
  }

  /** Where data goes when IndexedDB cannot be used: the tab's memory (the notice says so). */
  private readonly fallback = new MemoryStore();

  private async usable(): Promise<IDBDatabase | undefined> {
    return this.open().catch(() => undefined);
  }

  private async run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (!(await this.usable())) return this.fallback.get<T>(key);
    return this.run<T | undefined>('readonly', (store) => store.get(key));
  }

  async set(key: string, value: unknown): Promise<void> {
    if (!(await this.usable())) return this.fallback.set(key, value);
    await this.run('readwrite', (store) => store.put(value, key));
  }

  async delete(key: string): Promise<void> {
    if (!(await this.usable())) return this.fallback.delete(key);
    await this.run('readwrite', (store) => store.delete(key));
  }

  async update(key: string, change: (current: unknown) => unknown): Promise<void> {
    const db = await this.usable();
    if (!db) return this.fallback.update(key, change);
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      const read = store.get(key);
      read.onsuccess = () => {
        try {
          const next = change(read.result);
          if (next === undefined) store.delete(key);
          else store.put(next, key);
        } catch (error) {
          transaction.abort();
          reject(error);
        }
      };
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('aborted'));
    });
  }

  async keys(prefix: string): Promise<string[]> {
    if (!(await this.usable())) return this.fallback.keys(prefix);
    const all = await this.run<IDBValidKey[]>('readonly', (store) => store.getAllKeys(IDBKeyRange.bound(prefix, `${prefix}\uffff`)));
    return all.map(String);
  }
}

/** IndexedDB when the browser has it and it opens; memory otherwise (private modes, tests). */
export function defaultStore(): KeyValueStore {
  return typeof indexedDB === 'undefined' ? new MemoryStore() : new IndexedDbStore();
}
