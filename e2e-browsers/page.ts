// What the cross-browser tests need from a browser, whatever protocol drives it.
export interface RemotePage {
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page and returns its (awaited) result, which must survive JSON. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  close(): Promise<void>;
}

/** The script both clients run in the page: calls `fn` with the JSON argument, answers JSON. */
export function pageFunction(fn: (arg: never) => unknown): string {
  return `async (json) => JSON.stringify(await (${fn.toString()})(JSON.parse(json)))`;
}

/** Polls `fn` in the page until it returns true. */
export async function waitFor(page: RemotePage, fn: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(fn))) {
    if (Date.now() > deadline) throw new Error(`se agotó la espera (${timeoutMs / 1000} s): ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
