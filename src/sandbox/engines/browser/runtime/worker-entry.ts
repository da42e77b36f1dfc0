// Entry of every service Worker (bundled to /sandbox-vendor/runtime.js). On the boot message it
// installs the Node-ish globals the Foodly services use and starts loading their dependencies; on
// the run message (the page has built the module graph meanwhile) it imports the service's entry.
import type { BootMessage, FromWorker, LogLevel, RunMessage, ToWorker } from '../protocol.ts';
import { confine } from './confine.ts';
import { formatArgs, locate, LogBatcher, mapStack } from './format.ts';
import { createServiceRuntime } from './service-runtime.ts';
import type { ServiceRuntime } from './service-runtime.ts';

// Typed loosely: the project compiles with the DOM lib, not the webworker one.
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
  close(): void;
}
declare const self: WorkerScope;

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);
let booted = false;
let started = false;
let runEntry: ((message: RunMessage) => void) | undefined;

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'boot') {
    if (!booted) {
      booted = true;
      runEntry = boot(message);
    }
    return;
  }
  if (message.type === 'run') {
    if (runEntry && !started) {
      started = true;
      runEntry(message);
    }
    return;
  }
  runtime?.handleMessage(message);
});

let runtime: ReturnType<typeof createServiceRuntime> | undefined;

function boot(config: BootMessage): (message: RunMessage) => void {
  let urlToPath: Record<string, string> = {};
  // A first beat at once: the page then knows the runtime is up, and silence from here on means
  // the service's modules are busy (compiling, or a top-level loop), not a slow download.
  post({ type: 'beat' });
  setInterval(() => post({ type: 'beat' }), config.heartbeatMs);
  const batcher = new LogBatcher<LogLevel>((batch) => post({ type: 'logs', ...batch }));
  const log = (level: LogLevel, args: unknown[]) => batcher.write(level, () => formatArgs(args, urlToPath));

  const realFetch = fetch.bind(globalThis);
  const RealWebSocket = globalThis.WebSocket;
  runtime = createServiceRuntime({
    RealWebSocket,
    // What a handler logged goes out before its answer, as a process's output written before a
    // reply is there when the reply arrives: a check that reads the logs after a response sees them.
    post: (message, transfer) => {
      if (message.type === 'response') batcher.flush();
      post(message, transfer);
    },
    realFetch,
    onHandlerError: (error) => log('error', [error]),
  });

  let listening = false;
  const crash = (error: unknown) => {
    batcher.flush();
    const reason = (isOutOfMemory(error) ? 'Sin memoria: el servicio pidió más memoria de la que el navegador le da (¿un array, una cadena o un búfer enormes?). ' : '') +
      (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    post({ type: 'crashed', reason: mapStack(reason, urlToPath), ...locate(error, urlToPath) });
  };

  const methods: Record<string, LogLevel> = { log: 'log', info: 'info', debug: 'log', trace: 'log', warn: 'warn', error: 'error' };
  for (const [method, level] of Object.entries(methods)) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => log(level, args);
  }

  const processShim = createProcess(config, log, (code) => {
    batcher.flush();
    post({ type: 'exit', code });
    self.close();
  });
  Object.assign(globalThis, {
    process: processShim,
    global: globalThis,
    fetch: runtime.fetch,
    __sandboxRuntime: {
      // Called by runtime-sockets.js (preloaded only for services that use WebSockets): from then on
      // new WebSocket('ws://localhost:<port>') reaches the lab's service on that port, as fetch does,
      // and the @hono/node-ws shim finds the layer here.
      installSockets(create: Parameters<ServiceRuntime['installSockets']>[0]) {
        const layer = runtime!.installSockets(create);
        Object.assign(globalThis, { WebSocket: layer.WebSocket });
        (globalThis as unknown as { __sandboxRuntime: { websocket: unknown } }).__sandboxRuntime.websocket = layer;
      },
      serve: (...args: Parameters<ServiceRuntime['serve']>) => {
        listening = true;
        return runtime!.serve(...args);
      },
      vendorBase: config.vendorBase,
      service: config.service,
      realFetch,
      fileSystem: runtime.fileSystem,
      infrastructure: config.infrastructure && {
        declared: config.infrastructure.declared,
        dial(kind: string): MessagePort {
          const { port1, port2 } = new MessageChannel();
          config.infrastructure!.port.postMessage({ dial: kind, port: port2 }, [port2]);
          return port1;
        },
      },
    },
  });

  self.addEventListener('error', (event) => {
    event.preventDefault();
    if (!listening) crash(event.error ?? event.message);
    else log('error', [`Error no capturado: `, event.error ?? event.message]);
  });
  self.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    if (!listening) crash(event.reason);
    else log('error', ['Promesa rechazada sin capturar:', event.reason]);
  });

  // Before any dependency or learner module runs: no site storage, tabs' channels or nested workers.
  confine();

  // Dependencies load now, in parallel with the page's type-stripping. A failure is ignored here:
  // the service's own import of that module fails again and reports it with its context.
  const preloaded = Promise.all(config.preload.map((url) => import(/* @vite-ignore */ url).catch(() => undefined)));
  void preloaded.then(() => post({ type: 'preloaded' }));

  return (message) => {
    urlToPath = message.urlToPath;
    void preloaded
      .then(() => Promise.all((message.preload ?? []).map((url) => import(/* @vite-ignore */ url))))
      .then(() => import(/* @vite-ignore */ message.entryUrl))
      .then(
        () => post({ type: 'loaded' }),
        (error: unknown) => crash(error),
      );
  };
}

/** V8's errors when an allocation cannot be made (a huge array, string or ArrayBuffer). */
function isOutOfMemory(error: unknown): boolean {
  return error instanceof RangeError && /allocation failed|Invalid (typed )?array length|Invalid string length|out of memory/i.test(error.message);
}

function createProcess(config: BootMessage, log: (level: LogLevel, args: unknown[]) => void, exit: (code: number) => void) {
  const startedAt = performance.now();
  const noop = function (this: unknown) {
    return processShim;
  };
  const stream = (level: LogLevel) => ({
    write: (chunk: unknown) => {
      log(level, [String(chunk).replace(/\n$/, '')]);
      return true;
    },
    isTTY: false,
  });
  const processShim = {
    env: { NODE_ENV: 'development', PORT: String(config.port), ...config.env },
    argv: ['node', 'src/server.ts'],
    platform: 'browser',
    version: 'v24.0.0',
    versions: { node: '24.0.0' },
    pid: 1,
    exitCode: undefined as number | undefined,
    cwd: () => '/',
    uptime: () => (performance.now() - startedAt) / 1000,
    hrtime: Object.assign(
      (previous?: [number, number]) => {
        const ns = BigInt(Math.round(performance.now() * 1e6));
        const now: [number, number] = [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
        if (!previous) return now;
        const diff = (now[0] - previous[0]) * 1e9 + (now[1] - previous[1]);
        return [Math.floor(diff / 1e9), diff % 1e9];
      },
      { bigint: () => BigInt(Math.round(performance.now() * 1e6)) },
    ),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)),
    exit: (code?: number) => {
      exit(code ?? processShim.exitCode ?? 0);
      throw new Error(`process.exit(${code ?? 0})`);
    },
    on: noop,
    once: noop,
    off: noop,
    addListener: noop,
    removeListener: noop,
    removeAllListeners: noop,
    emit: () => false,
    stdout: stream('log'),
    stderr: stream('error'),
  };
  return processShim;
}
