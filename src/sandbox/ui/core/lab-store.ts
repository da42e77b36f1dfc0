// The reader's work per lab, on top of any KeyValueStore: the edited files (only those that differ
// from the lab's start, so lab updates reach untouched files), an undo copy taken before Reset or
// "Aplicar solución", and the HTTP panel's request history.
import type { FileTree } from '../../contract/index.ts';
import type { KeyValueStore } from './storage.ts';

export interface SavedRequest {
  service: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Status of the answer, when there was one. */
  status?: number;
  at: number;
}

interface StoredEdits {
  version: 1;
  files: FileTree;
  savedAt: number;
}

interface StoredUndo {
  version: 1;
  tree: FileTree;
  reason: 'reset' | 'solution';
  savedAt: number;
}

export const HISTORY_LIMIT = 20;

export class LabStore {
  private readonly store: KeyValueStore;
  readonly lab: string;

  constructor(store: KeyValueStore, lab: string) {
    this.store = store;
    this.lab = lab;
  }

  /** Saves the files of `tree` that differ from `start` (a deleted start file is kept as absent). */
  async saveEdits(tree: FileTree, start: FileTree): Promise<void> {
    const files: FileTree = {};
    for (const [path, content] of Object.entries(tree)) if (start[path] !== content) files[path] = content;
    if (Object.keys(files).length === 0) await this.store.delete(this.key('edits'));
    else await this.store.set(this.key('edits'), { version: 1, files, savedAt: Date.now() } satisfies StoredEdits);
  }

  /** The start tree with the reader's saved edits on top. */
  async restore(start: FileTree): Promise<{ tree: FileTree; edited: string[] }> {
    const saved = await this.readSafely<StoredEdits>('edits');
    const files = saved?.version === 1 && saved.files && typeof saved.files === 'object' ? saved.files : {};
    const edited = Object.keys(files).filter((path) => typeof files[path] === 'string');
    const tree = { ...start };
    for (const path of edited) tree[path] = files[path]!;
    return { tree, edited };
  }

  async saveUndo(tree: FileTree, reason: StoredUndo['reason']): Promise<void> {
    await this.store.set(this.key('undo'), { version: 1, tree, reason, savedAt: Date.now() } satisfies StoredUndo);
  }

  async readUndo(): Promise<{ tree: FileTree; reason: StoredUndo['reason']; savedAt: number } | undefined> {
    const undo = await this.readSafely<StoredUndo>('undo');
    return undo?.version === 1 && undo.tree ? { tree: undo.tree, reason: undo.reason, savedAt: undo.savedAt } : undefined;
  }

  async clearUndo(): Promise<void> {
    await this.store.delete(this.key('undo'));
  }

  async history(): Promise<SavedRequest[]> {
    const list = await this.readSafely<SavedRequest[]>('history');
    return Array.isArray(list) ? list : [];
  }

  /** Adds a request on top; an identical earlier one moves up instead of repeating. */
  async remember(request: SavedRequest): Promise<SavedRequest[]> {
    const same = (a: SavedRequest) =>
      a.service === request.service && a.method === request.method && a.path === request.path && a.body === request.body &&
      JSON.stringify(a.headers) === JSON.stringify(request.headers);
    const list = [request, ...(await this.history()).filter((item) => !same(item))].slice(0, HISTORY_LIMIT);
    await this.store.set(this.key('history'), list);
    return list;
  }

  private key(kind: string): string {
    return `lab:${this.lab}:${kind}`;
  }

  /** Storage written by another version or damaged must not break the sandbox. */
  private async readSafely<T>(kind: string): Promise<T | undefined> {
    try {
      return await this.store.get<T>(this.key(kind));
    } catch {
      return undefined;
    }
  }
}

/** Calls `save` once typing pauses for `delayMs`; `flush()` saves now (page hide, Ctrl+S). */
export function debounce(save: () => Promise<void> | void, delayMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const run = async () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    pending = false;
    await save();
  };
  return {
    schedule() {
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(run, delayMs);
    },
    flush: run,
    get pending() {
      return pending;
    },
  };
}
