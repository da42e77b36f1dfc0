/**
 * The part of Node's EventEmitter that client libraries' users call (on, once, off, emit…).
 * The clients here run inside service workers in the browser, where `node:events` is not
 * available, so they carry this instead of a polyfill.
 */
type Listener = (...args: any[]) => void;

export class SmallEmitter {
  #listeners = new Map<string | symbol, Listener[]>();

  on(event: string | symbol, listener: Listener): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }
  addListener(event: string | symbol, listener: Listener): this {
    return this.on(event, listener);
  }
  once(event: string | symbol, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.off(event, wrapper);
      listener.apply(this, args);
    };
    (wrapper as Listener & { listener?: Listener }).listener = listener;
    return this.on(event, wrapper);
  }
  off(event: string | symbol, listener: Listener): this {
    const list = this.#listeners.get(event) ?? [];
    const index = list.findIndex((l) => l === listener || (l as { listener?: Listener }).listener === listener);
    if (index >= 0) this.#listeners.set(event, list.toSpliced(index, 1));
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
    return [...(this.#listeners.get(event) ?? [])];
  }
  /** Like Node: an 'error' with no listener throws. */
  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this.#listeners.get(event);
    if (!list || list.length === 0) {
      if (event === 'error') throw args[0] instanceof Error ? args[0] : new Error(String(args[0]));
      return false;
    }
    for (const listener of list) listener.apply(this, args);
    return true;
  }
}
