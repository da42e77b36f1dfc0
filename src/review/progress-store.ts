// Progress kept in the browser (localStorage), shared by the lesson page, the quiz, the home page
// and /repaso/. Every call is safe: storage that is missing, full, blocked or damaged never
// throws; the learner gets a notice instead and the page keeps working in memory.
import { emptyProgress, parseStoredProgress, type Progress } from './progress.ts';

export const STORAGE_KEY = 'foodly-curso:progreso';
/** Where unreadable data is kept aside before a reset, so nothing is silently destroyed. */
export const BACKUP_KEY = 'foodly-curso:progreso-dañado';
/** Dispatched on `document` after every change made in this page (detail: the new Progress). */
export const CHANGE_EVENT = 'progress:change';

/** The subset of the Web Storage API the store uses (localStorage, or a fake in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface ProgressStore {
  get(): Progress;
  /** Applies a change to the freshest stored progress, saves it and notifies listeners. */
  update(change: (progress: Progress) => Progress): Progress;
  /** The same as update(), and says whether the change reached storage (false: only this page has it). */
  commit(change: (progress: Progress) => Progress): { progress: Progress; saved: boolean };
  /** Forgets everything. */
  clear(): void;
  /** A problem the learner should hear about (damaged data reset, storage unavailable…), once. */
  takeNotice(): string | undefined;
  subscribe(listener: (progress: Progress) => void): () => void;
}

const UNAVAILABLE =
  'Este navegador no deja guardar datos (¿modo privado o almacenamiento bloqueado?): tu progreso se mantendrá solo mientras no cierres esta página.';
const NOT_SAVED = 'No se pudo guardar tu progreso en este navegador (¿almacenamiento lleno o bloqueado?). Exporta tu progreso desde la página de repaso para no perderlo.';

export function createProgressStore(storage: KeyValueStorage | null, now: () => string = () => new Date().toISOString()): ProgressStore {
  let memory = emptyProgress();
  let notice: string | undefined = storage ? undefined : UNAVAILABLE;
  const listeners = new Set<(progress: Progress) => void>();

  const read = (): Progress => {
    if (!storage) return memory;
    let raw: string | null;
    try {
      raw = storage.getItem(STORAGE_KEY);
    } catch {
      notice ??= UNAVAILABLE;
      return memory;
    }
    const parsed = parseStoredProgress(raw, now);
    if (parsed.notice) notice = parsed.notice;
    const normalized = JSON.stringify(parsed.progress);
    // Migrated, repaired or reset data is written back, so the next page reads it directly.
    if (raw !== null && normalized !== raw) {
      try {
        // A second damage gets its own key: the first backup is never overwritten.
        if (parsed.reset && raw !== null) storage.setItem(storage.getItem(BACKUP_KEY) === null ? BACKUP_KEY : `${BACKUP_KEY}:${now()}`, raw);
        storage.setItem(STORAGE_KEY, normalized);
      } catch {
        /* reported when the next write fails */
      }
    }
    memory = parsed.progress;
    return memory;
  };

  const write = (progress: Progress): boolean => {
    memory = progress;
    if (!storage) return false;
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify(progress));
      return true;
    } catch {
      notice = NOT_SAVED;
      return false;
    }
  };

  const emit = (progress: Progress) => {
    for (const listener of listeners) {
      try {
        listener(progress);
      } catch (error) {
        console.error(error);
      }
    }
  };

  const commit = (change: (progress: Progress) => Progress) => {
    const next = change(read());
    const saved = write(next);
    emit(next);
    return { progress: next, saved };
  };

  return {
    get: read,
    update: (change) => commit(change).progress,
    commit,
    clear() {
      memory = emptyProgress();
      if (storage) {
        try {
          storage.removeItem(STORAGE_KEY);
        } catch {
          notice = NOT_SAVED;
        }
      }
      emit(memory);
    },
    takeNotice() {
      const message = notice;
      notice = undefined;
      return message;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function safeLocalStorage(): KeyValueStorage | null {
  try {
    const storage = globalThis.localStorage;
    // Accessing it can throw (blocked cookies); a write can throw (Safari private mode, quota).
    const probe = `${STORAGE_KEY}:probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

let shared: ProgressStore | undefined;

/** The page's store over localStorage; other tabs' changes reach subscribers too. */
export function browserProgressStore(): ProgressStore {
  if (shared) return shared;
  const store = createProgressStore(safeLocalStorage());
  const notifyPage = (progress: Progress) => document.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: progress }));
  store.subscribe(notifyPage);
  addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) notifyPage(store.get());
  });
  shared = store;
  return store;
}
