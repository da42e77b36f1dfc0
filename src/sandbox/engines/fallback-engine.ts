// An engine that runs on WebContainer while it works and moves the lab to the browser engine the
// moment it does not: on a failed mount (files, dependencies, the smoke step: TypeScript runner and
// request helper) or a failed first start that is not the lab's own error (no file:line to show).
// The reader keeps their files, gets the same polite notice as when WebContainer cannot boot, and
// never sees a broken sandbox.
import type {
  CapabilityName,
  CheckResult,
  FileTree,
  LogEntry,
  MountOptions,
  SandboxEngine,
  SandboxRequest,
  SandboxResponse,
  ServiceSpec,
  ServiceStatus,
  TerminalProcess,
  Unsubscribe,
  ConsumerTarget,
  InfrastructureKind,
  InfrastructureSnapshot,
} from '../contract/index.ts';
import { hasChaos, hasInfrastructure, hasModuleGraph, hasTerminal, hasTests, type TestRunResult } from '../contract/index.ts';

export function fallbackNotice(reason: string): string {
  return `No se pudo usar WebContainer (Node completo): ${reason} Los servicios se ejecutan con el motor del navegador; todo el laboratorio funciona igual, salvo la terminal.`;
}

export interface FallbackOptions {
  createFallback: () => Promise<SandboxEngine>;
  /** Told once, when the lab moves to the fallback engine. */
  onFallback?: (notice: string) => void;
}

export class FallbackEngine implements SandboxEngine {
  #current: SandboxEngine;
  readonly #options: FallbackOptions;
  #fellBack = false;
  #firstStartDone = false;
  #mounted?: { tree: FileTree; services: ServiceSpec[]; options?: MountOptions };
  readonly #logListeners = new Set<(entry: LogEntry) => void>();
  readonly #statusListeners = new Set<(service: string, status: ServiceStatus) => void>();
  #unsubscribe: Unsubscribe[] = [];

  constructor(primary: SandboxEngine, options: FallbackOptions) {
    this.#current = primary;
    this.#options = options;
    this.#follow(primary);
  }

  get kind(): SandboxEngine['kind'] {
    return this.#current.kind;
  }

  get capabilities(): ReadonlySet<CapabilityName> {
    return this.#current.capabilities;
  }

  /** True once the lab runs on the fallback engine. */
  get fellBack(): boolean {
    return this.#fellBack;
  }

  async mount(tree: FileTree, services: ServiceSpec[], options?: MountOptions): Promise<void> {
    this.#mounted = { tree: { ...tree }, services, options };
    try {
      await this.#current.mount(tree, services, options);
    } catch (error) {
      if (this.#fellBack) throw error;
      await this.#fallBack(error);
    }
  }

  async writeFile(path: string, content: string): Promise<void> {
    if (this.#mounted) this.#mounted.tree[path] = content;
    await this.#current.writeFile(path, content);
  }

  readFile(path: string): Promise<string | undefined> {
    return this.#current.readFile(path);
  }

  async start(service: string): Promise<void> {
    if (this.#fellBack || this.#firstStartDone) return this.#current.start(service);
    let failure: unknown;
    try {
      await this.#current.start(service);
      const status = this.#current.status(service);
      // A crash with a location is the lab's code: the browser engine would report the same.
      if (status.state !== 'crashed' || status.file) {
        this.#firstStartDone = true;
        return;
      }
      failure = new Error(status.reason);
    } catch (error) {
      failure = error;
    }
    await this.#fallBack(failure);
    await this.#current.start(service);
  }

  stop(service: string): Promise<void> {
    return this.#current.stop(service);
  }

  status(service: string): ServiceStatus {
    return this.#current.status(service);
  }

  logs(service: string): string[] {
    return this.#current.logs(service);
  }

  request(req: SandboxRequest): Promise<SandboxResponse> {
    return this.#current.request(req);
  }

  onLog(listener: (entry: LogEntry) => void): Unsubscribe {
    this.#logListeners.add(listener);
    return () => this.#logListeners.delete(listener);
  }

  onStatus(listener: (service: string, status: ServiceStatus) => void): Unsubscribe {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  // Capabilities: declared by whichever engine runs the lab now (see `capabilities`), so the
  // wrapper forwards each capability's methods to it.

  async spawnShell(size: { cols: number; rows: number }): Promise<TerminalProcess> {
    const current = this.#current;
    if (!hasTerminal(current)) throw new Error('La terminal solo existe con WebContainer, y el laboratorio se ejecuta ahora con el motor del navegador.');
    return current.spawnShell(size);
  }

  servicesUsing(path: string): string[] {
    const current = this.#current;
    return hasModuleGraph(current) ? current.servicesUsing(path) : [];
  }

  #with<T>(guard: (engine: SandboxEngine) => boolean, what: string): T {
    const current = this.#current;
    if (!guard(current)) throw new Error(`${what} no está disponible con este motor.`);
    return current as T;
  }

  infrastructureSnapshot(): Promise<InfrastructureSnapshot> {
    const current = this.#current;
    return hasInfrastructure(current) ? current.infrastructureSnapshot() : Promise.resolve({ declared: [] });
  }

  resetInfrastructure(): Promise<void> {
    const current = this.#current;
    return hasInfrastructure(current) ? current.resetInfrastructure() : Promise.resolve();
  }

  /** Follows the engine that runs the lab now (a late fallback swaps it). */
  onInfrastructureChange(listener: (kinds: InfrastructureKind[]) => void): Unsubscribe {
    let engine: SandboxEngine | undefined;
    let off: Unsubscribe = () => undefined;
    const follow = () => {
      if (engine === this.#current) return;
      off();
      engine = this.#current;
      off = hasInfrastructure(engine) ? engine.onInfrastructureChange(listener) : () => undefined;
    };
    follow();
    const offStatus = this.onStatus(follow);
    return () => {
      off();
      offStatus();
    };
  }

  pauseConsumer(target: ConsumerTarget): Promise<void> {
    return this.#with<SandboxEngine & import('../contract/index.ts').ChaosCapability>(hasChaos, 'El caos').pauseConsumer(target);
  }

  resumeConsumer(target: ConsumerTarget): Promise<void> {
    return this.#with<SandboxEngine & import('../contract/index.ts').ChaosCapability>(hasChaos, 'El caos').resumeConsumer(target);
  }

  dropConnections(service: string, kind: 'rabbitmq' | 'kafka'): Promise<number> {
    return this.#with<SandboxEngine & import('../contract/index.ts').ChaosCapability>(hasChaos, 'El caos').dropConnections(service, kind);
  }

  crashService(service: string): Promise<void> {
    return this.#with<SandboxEngine & import('../contract/index.ts').ChaosCapability>(hasChaos, 'El caos').crashService(service);
  }

  openPreview(service: string, path: string): Promise<string> {
    return this.#current.openPreview(service, path);
  }

  runChecks(checksSource: string): Promise<CheckResult[]> {
    return this.#current.runChecks(checksSource);
  }

  runTests(files?: string[], overrides?: FileTree): Promise<TestRunResult> {
    const current = this.#current;
    if (!hasTests(current)) return Promise.reject(new Error('El motor que ejecuta el laboratorio no puede ejecutar tests.'));
    return current.runTests(files, overrides);
  }

  async dispose(): Promise<void> {
    for (const off of this.#unsubscribe.splice(0)) off();
    await this.#current.dispose();
  }

  #follow(engine: SandboxEngine): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#unsubscribe = [
      engine.onLog((entry) => {
        for (const listener of this.#logListeners) listener(entry);
      }),
      engine.onStatus((service, status) => {
        for (const listener of [...this.#statusListeners]) listener(service, status);
      }),
    ];
  }

  async #fallBack(error: unknown): Promise<void> {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.?$/, '.');
    const previous = this.#current;
    this.#fellBack = true;
    for (const off of this.#unsubscribe.splice(0)) off();
    await previous.dispose().catch(() => undefined);
    const fallback = await this.#options.createFallback();
    this.#current = fallback;
    this.#follow(fallback);
    if (this.#mounted) await fallback.mount(this.#mounted.tree, this.#mounted.services, this.#mounted.options);
    const notice = fallbackNotice(reason);
    this.#options.onFallback?.(notice);
    for (const service of this.#mounted?.services ?? []) {
      for (const listener of this.#logListeners) listener({ service: service.name, level: 'system', text: notice, time: Date.now() });
    }
  }
}
