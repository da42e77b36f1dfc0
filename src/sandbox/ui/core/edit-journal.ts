// A synchronous journal of the edits not yet in IndexedDB. IndexedDB writes are asynchronous, so
// an edit typed just before a reload or a tab close can be lost (measured: 10 of 10 on reload
// within 150 ms). Every edit is first written here, synchronously, to localStorage (which, unlike
// sessionStorage, also survives closing the tab), one key per file; the entry is removed once
// IndexedDB holds that content, and entries still present on load are replayed over IndexedDB's.
import type { FileEdit } from './lab-store.ts';

/** The part of `Storage` the journal needs (localStorage in the browser, a Map in tests). */
export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

/** Files bigger than this are not journaled (localStorage has ~5 MB per site). */
const MAX_ENTRY_CHARS = 512 * 1024;

export class EditJournal {
  private readonly storage: SyncStorage | undefined;
  private readonly prefix: string;

  constructor(storage: SyncStorage | undefined, lab: string) {
    this.storage = storage;
    this.prefix = `foodly-sandbox:journal:${lab}:`;
  }

  /** Records an edit; false if it could not be kept (no storage, full, too big). */
  record(path: string, content: string, at = Date.now()): boolean {
    if (!this.storage || content.length > MAX_ENTRY_CHARS) return false;
    try {
      this.storage.setItem(this.prefix + path, JSON.stringify({ content, at } satisfies FileEdit));
      return true;
    } catch {
      return false;
    }
  }

  /** Forgets `path` if its journaled content is `content` (a newer edit stays). */
  settle(path: string, content: string | undefined): void {
    const entry = this.read(path);
    if (entry && (content === undefined || entry.content === content)) this.remove(path);
  }

  forget(path: string): void {
    this.remove(path);
  }

  /** Valid entries by path; damaged ones are dropped (they only duplicate an edit being saved). */
  entries(): Record<string, FileEdit> {
    const found: Record<string, FileEdit> = {};
    if (!this.storage) return found;
    const paths: string[] = [];
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(this.prefix)) paths.push(key.slice(this.prefix.length));
      }
    } catch {
      return found;
    }
    for (const path of paths) {
      const entry = this.read(path);
      if (entry) found[path] = entry;
      else this.remove(path);
    }
    return found;
  }

  private read(path: string): FileEdit | undefined {
    try {
      const value: unknown = JSON.parse(this.storage?.getItem(this.prefix + path) ?? 'null');
      if (typeof value === 'object' && value !== null && typeof (value as FileEdit).content === 'string' && Number.isFinite((value as FileEdit).at)) {
        return { content: (value as FileEdit).content, at: (value as FileEdit).at };
      }
    } catch {
      // Damaged: treated as absent.
    }
    return undefined;
  }

  private remove(path: string): void {
    try {
      this.storage?.removeItem(this.prefix + path);
    } catch {
      // Nothing to do: the entry is replayed once more at worst.
    }
  }
}

/** localStorage when this page may use it (it throws in some privacy modes). */
export function defaultJournalStorage(): SyncStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
