// The subset of Node's EventEmitter that amqplib's, kafkajs's, ioredis's and pg's objects expose, for
// a worker that has no `node:events`. Node's behaviours kept: listeners are called with the emitter
// as `this`, `off(listener)` also removes a `once` wrapper, and emitting 'error' with no listener
// throws, which is how an unhandled client error crashes a real Node service.
type Listener = (...args: never[]) => void;
type Wrapped = Listener & { listener?: Listener };

export class Emitter {
  #listeners = new Map<string | symbol, Wrapped[]>();

  on(event: string | symbol, listener: Listener): this {
    const list = this.#listeners.get(event);
    if (list) list.push(listener);
    else this.#listeners.set(event, [listener]);
    return this;
  }

  addListener(event: string | symbol, listener: Listener): this {
    return this.on(event, listener);
  }

  once(event: string | symbol, listener: Listener): this {
    const wrapper: Wrapped = (...args: never[]) => {
      this.off(event, wrapper);
      (listener as (...a: unknown[]) => void).apply(this, args);
    };
    wrapper.listener = listener;
    return this.on(event, wrapper);
  }

  off(event: string | symbol, listener: Listener): this {
    const list = this.#listeners.get(event);
    if (!list) return this;
    const index = list.findIndex((candidate) => candidate === listener || candidate.listener === listener);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.#listeners.delete(event);
    return this;
  }

  removeListener(event: string | symbol, listener: Listener): this {
    return this.off(event, listener);
  }

  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  listenerCount(event: string | symbol): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  listeners(event: string | symbol): Listener[] {
    return (this.#listeners.get(event) ?? []).map((listener) => listener.listener ?? listener);
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this.#listeners.get(event);
    if (!list || list.length === 0) {
      if (event === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error: ${String(args[0])}`);
      return false;
    }
    for (const listener of [...list]) (listener as (...a: unknown[]) => void).apply(this, args);
    return true;
  }
}
