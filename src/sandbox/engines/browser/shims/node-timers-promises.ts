// node:timers/promises → promise-returning timers.
export function setTimeout<T = void>(ms = 0, value?: T, options: { signal?: AbortSignal } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const signal = options.signal;
    if (signal?.aborted) return reject(signal.reason);
    const timer = globalThis.setTimeout(() => resolve(value as T), ms);
    signal?.addEventListener('abort', () => {
      globalThis.clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
export const setImmediate = <T = void>(value?: T) => setTimeout(0, value);
export const scheduler = { wait: (ms: number, options?: { signal?: AbortSignal }) => setTimeout(ms, undefined, options) };
