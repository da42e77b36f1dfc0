// Spare workers: per service, one worker started ahead of time (runtime and dependencies loaded,
// no lab code) that the next start() adopts. Spares are made one at a time and never while a
// service is starting: on a small machine a spare's compiling would slow down the start the reader
// is waiting for.
import type { ServiceSpec } from '../../contract/index.ts';
import type { ServiceHost } from './service-host.ts';

/** Longest wait for a spare's dependencies before the next spare is made. */
const SPARE_TIMEOUT_MS = 10_000;

export interface SparePoolDeps {
  /** A new worker for `spec`, not yet booted. */
  spawn(spec: ServiceSpec): ServiceHost;
  /** Sends the boot message (vendor map, preloads) if the worker is still alive; rejects when the vendor map cannot load. */
  boot(host: ServiceHost, spec: ServiceSpec): Promise<void>;
  /** Whether `spec` is still the mounted lab's spec for its service. */
  isCurrent(spec: ServiceSpec): boolean;
  /** Resolves when no service is starting. */
  quiet(): Promise<void>;
}

export class SparePool {
  readonly #deps: SparePoolDeps;
  readonly #spares = new Map<string, ServiceHost>();
  #queue: ServiceSpec[] = [];
  #pumping = false;
  /** Spares whose runtime and dependencies have loaded. */
  readonly #ready = new WeakSet<ServiceHost>();

  constructor(deps: SparePoolDeps) {
    this.#deps = deps;
  }

  /** Queues a spare for `spec`. */
  prepare(spec: ServiceSpec): void {
    if (!this.#queue.includes(spec)) this.#queue.push(spec);
    void this.#pump();
  }

  /**
   * A spare for `spec` made at once, without waiting for the others or for quiet: the reader woke
   * the sandbox or pressed «Ejecutar», so every service is about to start (BrowserEngine.prepare).
   */
  prepareNow(spec: ServiceSpec): void {
    if (this.#spares.get(spec.name)?.alive) return;
    const spare = this.#deps.spawn(spec);
    this.#spares.set(spec.name, spare);
    void spare.whenPreloaded.then(() => this.#ready.add(spare));
    this.#deps.boot(spare, spec).catch(() => this.#drop(spec.name, spare));
  }

  /**
   * The service's spare, if any, now owned by the caller. A spare still queued for it is
   * forgotten: made now, it would compete with this start and the first requests (the engine
   * queues the next one once the start has settled).
   */
  take(service: string): ServiceHost | undefined {
    this.#queue = this.#queue.filter((spec) => spec.name !== service);
    const spare = this.#spares.get(service);
    this.#spares.delete(service);
    return spare;
  }

  /** A new mount: keeps the spares made for a spec equal to one of `specs` (prepared before it), stops the rest. */
  retain(specs: ServiceSpec[], same: (a: ServiceSpec, b: ServiceSpec) => boolean): void {
    this.#queue = [];
    for (const [name, spare] of [...this.#spares]) {
      if (!spare.alive || !specs.some((spec) => same(spec, spare.spec))) this.#drop(name, spare);
    }
  }

  /** Whether the service's spare is alive and has its dependencies loaded (tests wait on it). */
  hasReady(service: string): boolean {
    const spare = this.#spares.get(service);
    return Boolean(spare?.alive && this.#ready.has(spare));
  }

  /** Stops every spare and forgets the queue (a new mount, or dispose). */
  clear(): void {
    this.#queue = [];
    for (const name of [...this.#spares.keys()]) this.#drop(name);
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (let spec = this.#queue.shift(); spec; spec = this.#queue.shift()) {
        await this.#deps.quiet();
        if (!this.#deps.isCurrent(spec) || this.#spares.get(spec.name)?.alive) continue;
        const spare = this.#deps.spawn(spec);
        this.#spares.set(spec.name, spare);
        void spare.whenPreloaded.then(() => this.#ready.add(spare));
        try {
          await this.#deps.boot(spare, spec);
        } catch {
          this.#drop(spec.name, spare);
          continue;
        }
        await Promise.race([spare.whenPreloaded, new Promise((resolve) => setTimeout(resolve, SPARE_TIMEOUT_MS))]);
      }
    } finally {
      this.#pumping = false;
    }
  }

  #drop(service: string, spare = this.#spares.get(service)): void {
    if (!spare || this.#spares.get(service) !== spare) return;
    this.#spares.delete(service);
    spare.stop();
  }
}
