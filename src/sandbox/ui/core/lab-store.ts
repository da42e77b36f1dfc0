// The reader's work per lab, on top of any KeyValueStore: the edited files (only those that differ
// from the lab's start, so lab updates reach untouched files), an undo copy taken before Reset or
// "Aplicar solución", and the HTTP panel's request history.
//
// Every stored record is validated before use (like the progress store, src/review/progress.ts):
// what cannot be read is copied aside under its own backup key (never overwriting an earlier
// backup), the learner gets a notice, and the sandbox carries on with what was valid.
// Edits are stored per file with the time of the edit and merged file by file inside one
// transaction, so two tabs editing different files of one lab do not overwrite each other.
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
  /** Set when `body` is only the first HISTORY_BODY_LIMIT characters: the length it had. */
  truncated?: number;
}

/** One edited file: its content and when the reader typed it (ms since epoch). */
export interface FileEdit {
  content: string;
  at: number;
}

export const EDITS_VERSION = 2;

interface StoredEdits {
  version: typeof EDITS_VERSION;
  files: Record<string, FileEdit>;
  savedAt: number;
}

interface StoredUndo {
  version: 1;
  tree: FileTree;
  reason: 'reset' | 'solution' | 'import';
  savedAt: number;
}

export const HISTORY_LIMIT = 20;
/** Request bodies kept in the history (the request as sent, not the answer). */
export const HISTORY_BODY_LIMIT = 16 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
/** A lab path: relative, with a file name (never a bare array index like "0"). */
const isLabPath = (value: string): boolean => /^[\w@.-]+(\/[\w@.-]+)*$/.test(value) && !value.split('/').includes('..') && /[^\d]/.test(value);

export function isFileTree(value: unknown): value is FileTree {
  return isRecord(value) && Object.entries(value).every(([path, content]) => isLabPath(path) && typeof content === 'string');
}

export function isSavedRequest(value: unknown): value is SavedRequest {
  return (
    isRecord(value) &&
    typeof value.service === 'string' &&
    typeof value.method === 'string' &&
    typeof value.path === 'string' &&
    typeof value.body === 'string' &&
    isRecord(value.headers) &&
    Object.values(value.headers).every((v) => typeof v === 'string') &&
    (value.status === undefined || Number.isInteger(value.status)) &&
    (value.truncated === undefined || Number.isInteger(value.truncated)) &&
    isTime(value.at)
  );
}

/** What a stored edits record holds, once validated; `damaged` counts what had to be dropped. */
export function parseEdits(value: unknown): { files: Record<string, FileEdit>; damaged: boolean; newer: boolean } {
  const none = { files: {}, damaged: false, newer: false };
  if (value === undefined) return none;
  if (!isRecord(value)) return { ...none, damaged: true };
  if (typeof value.version === 'number' && value.version > EDITS_VERSION) return { ...none, damaged: true, newer: true };
  const files: Record<string, FileEdit> = {};
  let dropped = 0;
  if (value.version === 1 && isRecord(value.files)) {
    // Version 1 kept the whole record's time only.
    const at = isTime(value.savedAt) ? value.savedAt : 0;
    for (const [path, content] of Object.entries(value.files)) {
      if (isLabPath(path) && typeof content === 'string') files[path] = { content, at };
      else dropped++;
    }
  } else if (value.version === EDITS_VERSION && isRecord(value.files)) {
    for (const [path, edit] of Object.entries(value.files)) {
      if (isLabPath(path) && isRecord(edit) && typeof edit.content === 'string' && isTime(edit.at)) files[path] = { content: edit.content, at: edit.at };
      else dropped++;
    }
  } else {
    return { ...none, damaged: true };
  }
  return { files, damaged: dropped > 0, newer: false };
}

export class LabStore {
  private readonly store: KeyValueStore;
  readonly lab: string;
  /** Sentences for the learner about stored data that could not be used (shown once by the view). */
  readonly notices: string[] = [];

  constructor(store: KeyValueStore, lab: string) {
    this.store = store;
    this.lab = lab;
  }

  /** False when the underlying store keeps data only while the page lives (IndexedDB unusable). */
  get persistent(): boolean {
    return this.store.persistent !== false;
  }

  /**
   * Saves `paths` of `tree`: a file equal to the start is forgotten, others are stored with the
   * time of the edit. Only these files change in the stored record (read and written in one
   * transaction), so another tab's edits to other files survive.
   */
  async saveFiles(paths: Iterable<string>, tree: FileTree, start: FileTree, at = Date.now()): Promise<Record<string, FileEdit>> {
    const changed: Record<string, FileEdit> = {};
    const list = [...paths];
    await this.store.update(this.key('edits'), (current) => {
      const { files } = this.readEdits(current);
      for (const path of list) {
        const content = tree[path];
        if (content === undefined || content === start[path]) delete files[path];
        else files[path] = changed[path] = { content, at };
      }
      return Object.keys(files).length === 0 ? undefined : ({ version: EDITS_VERSION, files, savedAt: at } satisfies StoredEdits);
    });
    return changed;
  }

  /** Saves the whole tree (Reset, solution, undo): the record becomes every file that differs from start. */
  async saveEdits(tree: FileTree, start: FileTree, at = Date.now()): Promise<void> {
    const files: Record<string, FileEdit> = {};
    for (const [path, content] of Object.entries(tree)) if (start[path] !== content) files[path] = { content, at };
    if (Object.keys(files).length === 0) await this.store.delete(this.key('edits'));
    else await this.store.set(this.key('edits'), { version: EDITS_VERSION, files, savedAt: at } satisfies StoredEdits);
  }

  /** The reader's stored edits, validated (damaged records are backed up and reported). */
  async edits(): Promise<Record<string, FileEdit>> {
    const raw = await this.readSafely<unknown>('edits');
    const parsed = parseEdits(raw);
    if (!parsed.damaged) return parsed.files;
    const { files } = this.readEdits(raw);
    // Once backed up, the damaged record is replaced by what was valid in it (read once, kept once).
    const valid = Object.keys(files).length === 0 ? undefined : { version: EDITS_VERSION, files, savedAt: Date.now() };
    await this.store.update(this.key('edits'), (current) => (current === raw || JSON.stringify(current) === JSON.stringify(raw) ? valid : current)).catch(() => undefined);
    return files;
  }

  /** The start tree with the reader's saved edits on top. */
  async restore(start: FileTree): Promise<{ tree: FileTree; edited: string[]; times: Record<string, number> }> {
    const files = await this.edits();
    const tree = { ...start };
    const times: Record<string, number> = {};
    for (const [path, edit] of Object.entries(files)) {
      tree[path] = edit.content;
      times[path] = edit.at;
    }
    return { tree, edited: Object.keys(files), times };
  }

  async saveUndo(tree: FileTree, reason: StoredUndo['reason']): Promise<void> {
    await this.store.set(this.key('undo'), { version: 1, tree, reason, savedAt: Date.now() } satisfies StoredUndo);
  }

  async readUndo(): Promise<{ tree: FileTree; reason: StoredUndo['reason']; savedAt: number } | undefined> {
    const undo = await this.readSafely<unknown>('undo');
    if (undo === undefined) return undefined;
    if (isRecord(undo) && undo.version === 1 && isFileTree(undo.tree) && (undo.reason === 'reset' || undo.reason === 'solution' || undo.reason === 'import') && isTime(undo.savedAt)) {
      return { tree: undo.tree, reason: undo.reason, savedAt: undo.savedAt };
    }
    await this.setAside('undo', undo, 'La copia para «Deshacer» estaba dañada y no se puede usar.');
    await this.store.delete(this.key('undo')).catch(() => undefined);
    return undefined;
  }

  async clearUndo(): Promise<void> {
    await this.store.delete(this.key('undo'));
  }

  async history(): Promise<SavedRequest[]> {
    const list = await this.readSafely<unknown>('history');
    if (list === undefined) return [];
    const valid = Array.isArray(list) ? list.filter(isSavedRequest) : [];
    if (!Array.isArray(list) || valid.length !== list.length) {
      await this.setAside('history', list, 'Parte del historial de peticiones estaba dañada y se descartó.');
      await this.store.set(this.key('history'), valid).catch(() => undefined);
    }
    return valid;
  }

  /** Adds a request on top; an identical earlier one moves up instead of repeating. Bodies are capped. */
  async remember(request: SavedRequest): Promise<SavedRequest[]> {
    const capped = request.body.length > HISTORY_BODY_LIMIT ? { ...request, body: request.body.slice(0, HISTORY_BODY_LIMIT), truncated: request.body.length } : request;
    const same = (a: SavedRequest) =>
      a.service === capped.service && a.method === capped.method && a.path === capped.path && a.body === capped.body &&
      JSON.stringify(a.headers) === JSON.stringify(capped.headers);
    const list = [capped, ...(await this.history()).filter((item) => !same(item))].slice(0, HISTORY_LIMIT);
    await this.store.set(this.key('history'), list);
    return list;
  }

  /** Keys of the copies kept of damaged records, oldest first. */
  async backups(): Promise<string[]> {
    return ((await this.store.keys?.(`${this.key('backup')}:`)) ?? []).sort();
  }

  private key(kind: string): string {
    return `lab:${this.lab}:${kind}`;
  }

  private readEdits(raw: unknown): { files: Record<string, FileEdit> } {
    const parsed = parseEdits(raw);
    if (parsed.damaged) {
      void this.setAside(
        'edits',
        raw,
        parsed.newer
          ? 'Tu código de este laboratorio lo guardó una versión más reciente del curso y esta no sabe leerlo: ves el código de inicio. Guardamos una copia en este navegador.'
          : 'Parte de tu código guardado de este laboratorio estaba dañado y no se pudo leer. Guardamos una copia en este navegador; el resto se conservó.',
      );
    }
    return { files: parsed.files };
  }

  /**
   * Keeps unreadable data under a new key (time + random suffix: a second damage never overwrites
   * the first backup) and tells the learner once per kind.
   */
  private async setAside(kind: string, value: unknown, notice: string): Promise<void> {
    if (!this.notices.includes(notice)) this.notices.push(notice);
    const key = `${this.key('backup')}:${new Date().toISOString()}:${Math.random().toString(36).slice(2, 8)}`;
    let copy: unknown = value;
    try {
      copy = structuredClone(value);
    } catch {
      copy = String(value);
    }
    await this.store.set(key, { kind, value: copy, at: Date.now() }).catch(() => undefined);
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
