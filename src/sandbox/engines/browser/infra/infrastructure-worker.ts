// The page's handle on the lab's infrastructure Worker (host-worker.ts): creates it only for labs
// that declare infrastructure, hands it each service worker's port, and asks it for snapshots,
// resets and disposal. Service workers talk to it directly over their ports: the page relays nothing.
import type { InfrastructureKind, InfrastructureSpec } from '../../../contract/infrastructure.ts';
import type { ConsumerTarget, InfrastructureSnapshot } from '../../../contract/capabilities.ts';
import type { FromHostWorker, ToHostWorker } from './host-worker.ts';

/** Omit distributed over a union (Omit of the union itself keeps only the common keys). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class InfrastructureWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  #nextId = 0;
  readonly #changeListeners = new Set<(kinds: InfrastructureKind[]) => void>();
  /** Settles once the declared hosts have loaded (rejects with why they could not). */
  readonly ready: Promise<void>;

  constructor(spec: InfrastructureSpec, vendorBase: string, labKey: string) {
    this.#worker = new Worker(`${vendorBase}infra/host-worker.js`, { type: 'module', name: 'infraestructura' });
    this.#worker.addEventListener('message', (event: MessageEvent<FromHostWorker>) => {
      const message = event.data;
      if (message.type === 'changed') {
        for (const listener of [...this.#changeListeners]) listener(message.kinds);
        return;
      }
      const { id, value, error } = message;
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (error !== undefined) pending?.reject(new Error(error));
      else pending?.resolve(value);
    });
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault();
      for (const { reject } of this.#pending.values()) reject(new Error(event.message || 'el worker de infraestructura falló'));
      this.#pending.clear();
    });
    this.ready = this.#call({ type: 'create', spec, vendorBase, labKey }) as Promise<void>;
  }

  #call(message: WithoutId<Extract<ToHostWorker, { id: number }>>): Promise<unknown> {
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id });
    });
  }

  /** Serves service worker number `worker` through `port` (transferred). */
  connect(worker: number, port: MessagePort, service: string): void {
    this.#worker.postMessage({ type: 'connect', worker, service, port } satisfies ToHostWorker, [port]);
  }

  /** That service worker ended: its connections close (unacked messages requeue, transactions roll back). */
  disconnect(worker: number): void {
    this.#worker.postMessage({ type: 'disconnect', worker } satisfies ToHostWorker);
  }

  snapshot(): Promise<InfrastructureSnapshot> {
    return this.#call({ type: 'snapshot' }) as Promise<InfrastructureSnapshot>;
  }

  /** Throttled in the worker (CHANGE_THROTTLE_MS): which servers changed. */
  onChange(listener: (kinds: InfrastructureKind[]) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  async setConsumerPaused(target: ConsumerTarget, paused: boolean): Promise<void> {
    await this.#call({ type: 'pause-consumer', target, paused });
  }

  dropConnections(service: string, kind: 'rabbitmq' | 'kafka'): Promise<number> {
    return this.#call({ type: 'drop-connections', service, kind }) as Promise<number>;
  }

  async reset(): Promise<void> {
    await this.#call({ type: 'reset' });
  }

  async dispose(): Promise<void> {
    await Promise.race([this.#call({ type: 'dispose' }).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000))]);
    this.#worker.terminate();
  }
}
