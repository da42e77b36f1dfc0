// `pino` in the browser engine: pino's own browser build (pino/browser.js, what esbuild picks for a
// browser platform), configured as it behaves on Node: one JSON line per call (level number, time in
// ms, msg, the child's bindings), `err` through pino's standard serializer. Without this, the browser
// build hands objects to console.info/error and the logs panel would show them formatted, not as the
// JSON lines the lab's checks and the learner read on Node. Node-only options (transport, destination)
// have no meaning in a worker and are ignored, as pino's browser build does.
import browserPino from 'pino';
import type { Logger, LoggerOptions } from 'pino';

type BrowserOptions = LoggerOptions & { browser?: Record<string, unknown> };

/** The options Node's pino would apply by itself, on top of what the service passes. */
export function nodeLikeOptions(options: BrowserOptions = {}): BrowserOptions {
  return {
    ...options,
    serializers: { err: browserPino.stdSerializers.err, ...options.serializers },
    browser: {
      serialize: true,
      // All levels go to stdout on Node (sonic-boom on fd 1), so all go to console.log here.
      write: (record: object) => console.log(JSON.stringify(record)),
      ...options.browser,
    },
  };
}

export function pino(options?: BrowserOptions | unknown): Logger {
  // pino(destination) on Node: a stream has no meaning here; keep the defaults.
  const given = options !== null && typeof options === 'object' && !('write' in options) ? (options as BrowserOptions) : {};
  return browserPino(nodeLikeOptions(given) as LoggerOptions) as Logger;
}
pino.levels = browserPino.levels;
pino.stdSerializers = browserPino.stdSerializers;
pino.stdTimeFunctions = browserPino.stdTimeFunctions;

export const levels = browserPino.levels;
export const stdSerializers = browserPino.stdSerializers;
export const stdTimeFunctions = browserPino.stdTimeFunctions;
export default pino;
