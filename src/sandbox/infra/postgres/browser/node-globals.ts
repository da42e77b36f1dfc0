/**
 * Browser stand-ins for the Node globals node-postgres touches (injected by esbuild into the
 * worker bundle of pg-browser.test.ts): Buffer from the `buffer` package, and the part of
 * `process` pg reads (env, nextTick), and `global`.
 */
import { Buffer } from 'buffer';

export { Buffer };
/** pg reads `global.Promise`. */
export const global = globalThis;
export const process = {
  env: {} as Record<string, string | undefined>,
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => callback(...args)),
  platform: 'browser',
  version: '',
  versions: {},
};
