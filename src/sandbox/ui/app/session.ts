// One lab's live state, with no DOM: the reader's files, the engine running them, persistence,
// apply-and-restart, reset / solution with undo, requests and checks. The view and the inline
// "▶ Probar" buttons both drive a session.
import type { CheckResult, FileTree, SandboxEngine, SandboxRequest, SandboxResponse, ServiceInstance } from '../../contract/index.ts';
import { expandReplicas } from '../../contract/replicas.ts';
import { EditJournal, defaultJournalStorage, type SyncStorage } from '../core/edit-journal.ts';
import { hasModuleGraph } from '../../contract/index.ts';
import { LabStore, debounce } from '../core/lab-store.ts';
import type { KeyValueStore } from '../core/storage.ts';
import { compiledSources, type LabData } from './lab-data.ts';

export interface ChecksOutcome {
  lab: string;
  results: CheckResult[];
  passed: boolean;
}

type Listener = () => void;
type NoticeListener = (text: string) => void;

export interface SessionOptions {
  /** Synchronous storage for the edit journal (default localStorage; null: none). */
  journal?: SyncStorage | null;
  /** Tell other tabs of this lab what this one saved, and listen to theirs (default true). */
  shareAcrossTabs?: boolean;
}

/** What a tab tells the other tabs of the same lab after saving: path → content (null: back to start). */
interface SavedMessage {
  type: 'saved';
  tab: string;
  files: Record<string, { content: string | null; at: number }>;
}

export class LabSession {
  /** The reader's current files (what the editor shows). */
  tree: FileTree;
  /** What the engine has (files are written on save and before a start). */
  private engineTree: FileTree;
  readonly store: LabStore;
  private readonly journal: EditJournal;
  private readonly saver;
  private readonly treeListeners = new Set<Listener>();
  private readonly noticeListeners = new Set<NoticeListener>();
  /** Files edited in this tab and not yet in IndexedDB (they are in the journal). */
  private readonly unsaved = new Set<string>();
  private readonly tabId = Math.random().toString(36).slice(2, 10);
  private channel: BroadcastChannel | undefined;
  /** Sentences for the learner from loading (damaged data, recovered edits), shown by the view. */
  readonly notices: string[] = [];
  hasUndo = false;

  readonly lab: LabData;
  readonly engine: SandboxEngine;

  private constructor(lab: LabData, engine: SandboxEngine, store: LabStore, journal: EditJournal, tree: FileTree) {
    this.lab = lab;
    this.engine = engine;
    this.tree = tree;
    this.engineTree = { ...tree };
    this.store = store;
    this.journal = journal;
    this.saver = debounce(() => this.saveUnsaved(), 400);
  }

  static async create(lab: LabData, engine: SandboxEngine, store: KeyValueStore, options: SessionOptions = {}): Promise<LabSession> {
    const labStore = new LabStore(store, lab.id);
    const journal = new EditJournal(options.journal === undefined ? defaultJournalStorage() : options.journal ?? undefined, lab.id);
    // Two reads of IndexedDB side by side, not one after the other: on a cold Run each waits for a
    // main thread busy building the view, and the second one came 20-100 ms later.
    const [restored, undo] = await Promise.all([labStore.restore(lab.start), labStore.readUndo()]);
    performance.mark('sandbox:ui:restored');
    // Edits typed just before the last reload or tab close that IndexedDB did not get in time.
    const recovered: string[] = [];
    for (const [path, entry] of Object.entries(journal.entries())) {
      if (entry.at < (restored.times[path] ?? 0) || restored.tree[path] === entry.content) {
        if (store.persistent !== false) journal.settle(path, entry.content);
        continue;
      }
      restored.tree[path] = entry.content;
      recovered.push(path);
    }
    const session = new LabSession(lab, engine, labStore, journal, restored.tree);
    session.hasUndo = undo !== undefined;
    session.notices.push(...labStore.notices);
    if (store.notice) session.notices.push(store.notice);
    if (recovered.length > 0) {
      for (const path of recovered) session.unsaved.add(path);
      await session.saveUnsaved();
      if (store.persistent !== false) session.notices.push(`Recuperamos cambios que no se habían llegado a guardar en ${recovered.join(', ')}.`);
    }
    if (options.shareAcrossTabs !== false) session.listenToOtherTabs();
    await engine.mount(restored.tree, lab.meta.services, {
      compiled: compiledSources(lab),
      ...(lab.meta.infrastructure ? { infrastructure: lab.meta.infrastructure } : {}),
    });
    performance.mark('sandbox:ui:mounted');
    return session;
  }

  /** Notices raised after loading (another tab's change, a failed save). */
  onNotice(listener: NoticeListener): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  private notify(text: string): void {
    for (const listener of this.noticeListeners) listener(text);
  }

  /** Saves the files edited since the last save, file by file (see LabStore.saveFiles). */
  private async saveUnsaved(): Promise<void> {
    if (this.unsaved.size === 0) return;
    const paths = [...this.unsaved];
    this.unsaved.clear();
    const snapshot: FileTree = {};
    for (const path of paths) if (this.tree[path] !== undefined) snapshot[path] = this.tree[path];
    try {
      await this.store.saveFiles(paths, snapshot, this.lab.start);
    } catch (error) {
      // The journal still holds them; try again on the next edit or flush.
      for (const path of paths) if (!this.unsaved.has(path)) this.unsaved.add(path);
      this.notify(`No se pudo guardar tu código en este navegador (${error instanceof Error ? error.message : String(error)}): lo intentaremos de nuevo; no cierres la pestaña.`);
      return;
    }
    // Without a lasting store the journal is what survives a reload: it stays.
    if (this.persistent()) for (const path of paths) this.journal.settle(path, snapshot[path]);
    this.broadcast(paths, snapshot);
  }

  private persistent(): boolean {
    return this.store.persistent;
  }

  private broadcast(paths: string[], tree: FileTree): void {
    if (!this.channel) return;
    const at = Date.now();
    const files: SavedMessage['files'] = {};
    for (const path of paths) files[path] = { content: tree[path] === undefined || tree[path] === this.lab.start[path] ? null : tree[path]!, at };
    try {
      this.channel.postMessage({ type: 'saved', tab: this.tabId, files } satisfies SavedMessage);
    } catch {
      // A closed channel: nothing to tell.
    }
  }

  /**
   * Another tab of the same lab saved files: a file not edited here takes its version (the editor
   * shows it); one edited here too keeps this tab's version and the reader is warned that saving
   * here replaces the other tab's.
   */
  private listenToOtherTabs(): void {
    if (typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(`foodly-sandbox:${this.lab.id}`);
    this.channel.onmessage = (event: MessageEvent<SavedMessage>) => {
      const message = event.data;
      if (message?.type !== 'saved' || message.tab === this.tabId) return;
      const adopted: string[] = [];
      const conflicts: string[] = [];
      for (const [path, edit] of Object.entries(message.files)) {
        const content = edit.content ?? this.lab.start[path];
        if (content === undefined || this.tree[path] === content) continue;
        if (this.unsaved.has(path)) {
          conflicts.push(path);
          continue;
        }
        this.tree[path] = content;
        adopted.push(path);
      }
      if (adopted.length > 0) {
        for (const listener of this.treeListeners) listener();
        this.notify(`Otra pestaña de este laboratorio cambió ${adopted.join(', ')}: ves su versión. Ctrl+S la aplica aquí.`);
      }
      if (conflicts.length > 0) {
        this.notify(`Atención: otra pestaña también cambió ${conflicts.join(', ')}. Si sigues editando aquí, tu versión sustituirá a la suya; para quedarte con la suya, recarga esta página.`);
      }
    };
  }

  /** Stops listening to other tabs (the page is going away, or tests). */
  close(): void {
    this.channel?.close();
    this.channel = undefined;
  }

  /** What runs: lab.yaml's services, a replicated one as its replicas (`tracking-1`, `tracking-2`…). */
  get services(): ServiceInstance[] {
    return (this.instances ??= expandReplicas(this.lab.meta.services));
  }

  private instances: ServiceInstance[] | undefined;

  /** Called for every edit: journaled at once (synchronously), saved to IndexedDB once typing pauses. */
  edit(path: string, content: string): void {
    if (this.tree[path] === content) return;
    this.tree[path] = content;
    this.journal.record(path, content);
    this.unsaved.add(path);
    this.saver.schedule();
  }

  flush(): Promise<void> {
    return this.saver.flush();
  }

  onTreeReplaced(listener: Listener): () => void {
    this.treeListeners.add(listener);
    return () => this.treeListeners.delete(listener);
  }

  /** Files whose content the engine does not have yet. */
  pendingFiles(): string[] {
    const paths = new Set([...Object.keys(this.tree), ...Object.keys(this.engineTree)]);
    return [...paths].filter((path) => this.tree[path] !== this.engineTree[path]);
  }

  /** Ctrl+S: hands the changed files to the engine and restarts the running services they touch. */
  async apply(): Promise<{ files: string[]; restarted: string[] }> {
    const files = await this.syncEngine();
    await this.saver.flush();
    const touched = this.servicesTouching(files).filter((name) => this.engine.status(name).state !== 'stopped');
    for (const name of touched) await this.engine.start(name);
    return { files, restarted: touched };
  }

  async start(service: string): Promise<void> {
    await this.syncEngine();
    await this.engine.start(service);
  }

  async stop(service: string): Promise<void> {
    await this.engine.stop(service);
  }

  /**
   * Starts every service that is not running, all at once (like `docker compose up`: no service of
   * the labs calls another while it starts, and their downloads and compiling overlap).
   */
  async startAll(): Promise<void> {
    performance.mark('sandbox:ui:start-all');
    // Counted from the first line (before any await): untilNoneStarting() then waits for a Run
    // whose services have not reached 'starting' yet.
    this.startAllPending++;
    try {
      await this.syncEngine();
      const stopped = this.services.filter((service) => this.engine.status(service.name).state !== 'running');
      await Promise.all(stopped.map((service) => this.engine.start(service.name)));
    } finally {
      this.startAllPending--;
      for (const listener of [...this.startAllSettled]) listener();
    }
  }

  private startAllPending = 0;
  /** Told when a startAll() ends: it can end with no status change (every service was running already). */
  private readonly startAllSettled = new Set<() => void>();

  /** Resolves once no service of the lab is starting, nor about to (a startAll() under way); at once if none is. */
  untilNoneStarting(): Promise<void> {
    const starting = () => this.startAllPending > 0 || this.services.some((service) => this.engine.status(service.name).state === 'starting');
    if (!starting()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (starting()) return;
        off();
        this.startAllSettled.delete(check);
        resolve();
      };
      const off = this.engine.onStatus(check);
      this.startAllSettled.add(check);
    });
  }

  async stopAll(): Promise<void> {
    for (const service of this.services) await this.engine.stop(service.name);
  }

  request(request: SandboxRequest): Promise<SandboxResponse> {
    return this.engine.request(request);
  }

  /** Runs the lab's checks and announces the outcome to the page (progress store: `lab:checks`). */
  async runChecks(): Promise<ChecksOutcome> {
    await this.startAll();
    const results = await this.engine.runChecks(this.lab.checks);
    const outcome = { lab: this.lab.id, results, passed: results.length > 0 && results.every((result) => result.ok) };
    document.dispatchEvent(new CustomEvent('lab:checks', { detail: outcome }));
    return outcome;
  }

  /** Back to the start files; the reader's files stay as the undo copy. */
  async resetToStart(): Promise<void> {
    await this.replaceTree({ ...this.lab.start }, 'reset');
  }

  async applySolution(): Promise<void> {
    await this.replaceTree({ ...this.tree, ...this.lab.solution }, 'solution');
  }

  /** A repository imported from a .zip (handin/) replaces the reader's files; undo brings them back. */
  async importTree(tree: FileTree): Promise<void> {
    await this.replaceTree({ ...tree }, 'import');
  }

  /** «Nuevo archivo»: an empty file the reader then writes (the path is checked by core/new-file.ts). */
  createFile(path: string, content = ''): void {
    if (this.tree[path] !== undefined) return;
    this.tree[path] = content;
    this.journal.record(path, content);
    this.unsaved.add(path);
    this.saver.schedule();
  }

  /** Restores the files saved before the last reset, "Aplicar solución" or import. */
  async undo(): Promise<boolean> {
    const saved = await this.store.readUndo();
    if (!saved) return false;
    const before = this.tree;
    this.tree = { ...saved.tree };
    await this.saveWhole(before);
    await this.store.clearUndo();
    this.hasUndo = false;
    await this.afterReplace();
    return true;
  }

  private async replaceTree(tree: FileTree, reason: 'reset' | 'solution' | 'import'): Promise<void> {
    await this.saver.flush();
    await this.store.saveUndo({ ...this.tree }, reason);
    this.hasUndo = true;
    const before = this.tree;
    this.tree = tree;
    await this.saveWhole(before);
    await this.afterReplace();
  }

  /** After Reset, solution or undo: the whole tree replaces what was stored and journaled. */
  private async saveWhole(before: FileTree): Promise<void> {
    this.unsaved.clear();
    await this.store.saveEdits(this.tree, this.lab.start);
    const paths = [...new Set([...Object.keys(before), ...Object.keys(this.tree)])];
    if (this.persistent()) for (const path of paths) this.journal.forget(path);
    else for (const path of paths) if (this.tree[path] !== undefined && this.tree[path] !== this.lab.start[path]) this.journal.record(path, this.tree[path]);
    this.broadcast(paths.filter((path) => before[path] !== this.tree[path]), this.tree);
  }

  private async afterReplace(): Promise<void> {
    for (const listener of this.treeListeners) listener();
    const files = await this.syncEngine();
    const running = this.servicesTouching(files).filter((name) => this.engine.status(name).state !== 'stopped');
    for (const name of running) await this.engine.start(name);
  }

  private async syncEngine(): Promise<string[]> {
    const files = this.pendingFiles();
    for (const path of files) {
      const content = this.tree[path];
      // A file the reader no longer has is emptied (the engine contract has no delete).
      await this.engine.writeFile(path, content ?? '');
      this.engineTree[path] = content ?? '';
      if (content === undefined) delete this.engineTree[path];
    }
    return files;
  }

  /** Services a set of files belongs to: by folder, or by the engine's module graph when it knows it. */
  private servicesTouching(files: string[]): string[] {
    const engine = this.engine;
    const graph = hasModuleGraph(engine) ? (path: string) => engine.servicesUsing(path) : undefined;
    const names = new Set<string>();
    for (const path of files) {
      for (const service of this.services) if (path.startsWith(`${service.dir}/`)) names.add(service.name);
      for (const name of graph?.(path) ?? []) names.add(name);
    }
    return this.services.map((s) => s.name).filter((name) => names.has(name));
  }
}
