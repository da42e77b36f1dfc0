// One lab's live state, with no DOM: the reader's files, the engine running them, persistence,
// apply-and-restart, reset / solution with undo, requests and checks. The view and the inline
// "▶ Probar" buttons both drive a session.
import type { CheckResult, FileTree, SandboxEngine, SandboxRequest, SandboxResponse, ServiceSpec } from '../../contract/index.ts';
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

export class LabSession {
  /** The reader's current files (what the editor shows). */
  tree: FileTree;
  /** What the engine has (files are written on save and before a start). */
  private engineTree: FileTree;
  readonly store: LabStore;
  private readonly saver;
  private readonly treeListeners = new Set<Listener>();
  hasUndo = false;

  readonly lab: LabData;
  readonly engine: SandboxEngine;

  private constructor(lab: LabData, engine: SandboxEngine, store: KeyValueStore, tree: FileTree) {
    this.lab = lab;
    this.engine = engine;
    this.tree = tree;
    this.engineTree = { ...tree };
    this.store = new LabStore(store, lab.id);
    this.saver = debounce(() => this.store.saveEdits(this.tree, this.lab.start), 400);
  }

  static async create(lab: LabData, engine: SandboxEngine, store: KeyValueStore): Promise<LabSession> {
    const restored = await new LabStore(store, lab.id).restore(lab.start);
    const session = new LabSession(lab, engine, store, restored.tree);
    session.hasUndo = (await session.store.readUndo()) !== undefined;
    await engine.mount(restored.tree, lab.meta.services, {
      compiled: compiledSources(lab),
      ...(lab.meta.infrastructure ? { infrastructure: lab.meta.infrastructure } : {}),
    });
    return session;
  }

  get services(): ServiceSpec[] {
    return this.lab.meta.services;
  }

  /** Called for every edit: kept in memory and saved once typing pauses. */
  edit(path: string, content: string): void {
    if (this.tree[path] === content) return;
    this.tree[path] = content;
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
    await this.syncEngine();
    const stopped = this.services.filter((service) => this.engine.status(service.name).state !== 'running');
    await Promise.all(stopped.map((service) => this.engine.start(service.name)));
  }

  /** Resolves once no service of the lab is starting (at once if none is). */
  untilNoneStarting(): Promise<void> {
    const starting = () => this.services.some((service) => this.engine.status(service.name).state === 'starting');
    if (!starting()) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.engine.onStatus(() => {
        if (starting()) return;
        off();
        resolve();
      });
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

  /** Restores the files saved before the last reset or "Aplicar solución". */
  async undo(): Promise<boolean> {
    const saved = await this.store.readUndo();
    if (!saved) return false;
    this.tree = { ...saved.tree };
    await this.store.saveEdits(this.tree, this.lab.start);
    await this.store.clearUndo();
    this.hasUndo = false;
    await this.afterReplace();
    return true;
  }

  private async replaceTree(tree: FileTree, reason: 'reset' | 'solution'): Promise<void> {
    await this.saver.flush();
    await this.store.saveUndo({ ...this.tree }, reason);
    this.hasUndo = true;
    this.tree = tree;
    await this.store.saveEdits(this.tree, this.lab.start);
    await this.afterReplace();
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
