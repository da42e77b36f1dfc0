// Worker side of a service: `serve()` registers the app's fetch handler, incoming requests from the
// page run through it, and `fetch()` to localhost ports goes out through the page to other services.
// No Worker APIs here (only a port to post on), so it runs in Node tests over a MessageChannel.
import type { FromWorker, ToWorker } from '../protocol.ts';
import {
  failureToError,
  requestToWire,
  responseToWire,
  transferablesOf,
  virtualPortOf,
  wireToRequest,
  wireToResponse,
} from '../net/wire.ts';
import type { WireFailure, WireResponse } from '../net/wire.ts';
import type { FsCall, FsErrorInfo } from '../fs/fs-protocol.ts';
import type { createSocketLayer, SocketLayer } from './sockets.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FetchHandler = (request: Request, ...rest: any[]) => Response | Promise<Response>;

export interface ServeOptions {
  fetch: FetchHandler;
  port?: number | string;
  hostname?: string;
}

export interface AddressInfo {
  address: string;
  family: string;
  port: number;
}

export interface ServiceRuntimeOptions {
  post(message: FromWorker, transfer?: Transferable[]): void;
  realFetch: typeof fetch;
  /** The platform's WebSocket, for ws:// URLs outside the lab (the lab's go through the page). */
  RealWebSocket?: typeof WebSocket;
  /** Reports a handler error (logged by the caller; the client gets a 500 like @hono/node-server). */
  onHandlerError?(error: unknown): void;
}

interface PendingFetch {
  resolve(response: Response): void;
  reject(error: unknown): void;
  port: number;
  signal: AbortSignal;
}

export function createServiceRuntime(options: ServiceRuntimeOptions) {
  const { post } = options;
  let handler: FetchHandler | undefined;
  let listeningPort: number | undefined;
  const incoming = new Map<number, AbortController>();
  const outgoing = new Map<number, PendingFetch>();
  const fsCalls = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let nextId = 1;
  /** Listeners of the server's 'upgrade' event (@hono/node-ws's injectWebSocket adds one). */
  let upgradeListeners = 0;
  /** The WebSocket layer, installed only for services that use WebSockets (runtime-sockets.js). */
  let sockets: SocketLayer | undefined;
  function installSockets(create: typeof createSocketLayer): SocketLayer {
    sockets ??= create({ post, handler: () => (upgradeListeners > 0 ? handler : undefined), onHandlerError: options.onHandlerError, RealWebSocket: options.RealWebSocket });
    return sockets;
  }

  function serve(serveOptions: ServeOptions | FetchHandler, onListening?: (info: AddressInfo) => void) {
    const config = typeof serveOptions === 'function' ? { fetch: serveOptions } : serveOptions;
    if (typeof config.fetch !== 'function') throw new TypeError('serve() necesita { fetch: app.fetch, port }.');
    const port = Number(config.port ?? 3000);
    handler = config.fetch;
    listeningPort = port;
    post({ type: 'listening', port });
    const info: AddressInfo = { address: '::', family: 'IPv6', port };
    // Like Node, the listening callback runs asynchronously, after serve() returns.
    if (onListening) setTimeout(() => onListening(info), 0);
    const server = {
      address: () => info,
      close(callback?: (error?: Error) => void) {
        handler = undefined;
        listeningPort = undefined;
        post({ type: 'listening', port: -1 });
        if (callback) setTimeout(() => callback(), 0);
        return server;
      },
      on: (event: string) => {
        if (event === 'upgrade') upgradeListeners++;
        return server;
      },
      once: () => server,
      off: () => server,
      listening: true,
    };
    return server;
  }

  async function handleRequest(id: number, request: Parameters<typeof wireToRequest>[0]) {
    const controller = new AbortController();
    incoming.set(id, controller);
    try {
      if (!handler) {
        post({ type: 'response', id, failure: { kind: 'refused', message: 'connect ECONNREFUSED' } });
        return;
      }
      let response: Response;
      try {
        response = await handler(wireToRequest(request, controller.signal));
        if (!(response instanceof Response)) throw new TypeError('El manejador fetch no devolvió un Response.');
      } catch (error) {
        options.onHandlerError?.(error);
        response = new Response('Internal Server Error', { status: 500, headers: { 'content-type': 'text/plain' } });
      }
      const wire = await responseToWire(response);
      post({ type: 'response', id, response: wire }, transferablesOf(wire));
    } catch (error) {
      const failure: WireFailure = controller.signal.aborted
        ? { kind: 'aborted', message: 'aborted' }
        : { kind: 'error', message: String((error as Error)?.message ?? error) };
      post({ type: 'response', id, failure });
    } finally {
      incoming.delete(id);
    }
  }

  async function virtualFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = input instanceof Request ? input.url : String(input);
    const port = virtualPortOf(url);
    if (port === undefined) {
      const outside = outsideOrigin(url);
      if (outside) throw new TypeError(`fetch failed: ${outside}`);
      return options.realFetch(input, init);
    }
    const request = new Request(input, init);
    const signal = request.signal;
    if (signal.aborted) throw signal.reason;
    const wire = await requestToWire(request, input instanceof Request ? input.headers : init?.headers);
    const id = nextId++;
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        outgoing.delete(id);
        post({ type: 'fetch-abort', id });
        reject(signal.reason ?? new DOMException('This operation was aborted', 'AbortError'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = <T>(fn: (value: T) => void) => (value: T) => {
        signal.removeEventListener('abort', onAbort);
        fn(value);
      };
      outgoing.set(id, { resolve: settle(resolve), reject: settle(reject), port, signal });
      post({ type: 'fetch', id, port, request: wire }, transferablesOf(wire));
    });
  }

  function settleFetch(id: number, response?: WireResponse, failure?: WireFailure) {
    const pending = outgoing.get(id);
    if (!pending) return;
    outgoing.delete(id);
    if (response) pending.resolve(wireToResponse(response));
    else pending.reject(failureToError(failure ?? { kind: 'error', message: 'sin respuesta' }, pending.port, pending.signal));
  }

  /** One node:fs call, run by the page on the lab's file system (kept there across restarts). */
  function fileSystem(call: FsCall): Promise<unknown> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      fsCalls.set(id, { resolve, reject });
      post({ type: 'fs', id, call });
    });
  }

  function settleFs(id: number, value: unknown, error?: FsErrorInfo) {
    const pending = fsCalls.get(id);
    if (!pending) return;
    fsCalls.delete(id);
    if (error) pending.reject(fsError(error));
    else pending.resolve(value);
  }

  /** Returns true when the message belonged to the network or file-system protocol. */
  function handleMessage(message: ToWorker): boolean {
    if (sockets?.handleMessage(message)) return true;
    switch (message.type) {
      case 'ws-upgrade':
        // A service without the WebSocket layer has no 'upgrade' listener: the handshake is dropped.
        message.socket.postMessage({ t: 'reject', status: 0 });
        post({ type: 'ws-done', sid: message.sid });
        return true;
      case 'ws-drop':
      case 'ws-refused':
        return true;
      case 'request':
        void handleRequest(message.id, message.request);
        return true;
      case 'abort':
        incoming.get(message.id)?.abort(new DOMException('The client aborted the request', 'AbortError'));
        return true;
      case 'fetch-result':
        settleFetch(message.id, message.response, message.failure);
        return true;
      case 'fs-result':
        settleFs(message.id, message.value, message.error);
        return true;
      default:
        return false;
    }
  }

  return {
    serve,
    fetch: virtualFetch,
    fileSystem,
    handleMessage,
    installSockets,
    get sockets() {
      return sockets;
    },
    get listeningPort() {
      return listeningPort;
    },
  };
}

export type ServiceRuntime = ReturnType<typeof createServiceRuntime>;

/** Node's fs errors are plain Errors with code, errno, syscall and path. */
function fsError(info: FsErrorInfo): Error {
  const { message, ...fields } = info;
  return Object.assign(new Error(message), fields);
}

/**
 * Why a fetch to `url` cannot leave the browser sandbox, or undefined when it may (the site's own
 * files). The runtime's CSP (connect-src 'self') refuses other origins anyway; this says why in
 * words a learner can act on, instead of the browser's bare "Failed to fetch".
 */
export function outsideOrigin(url: string): string | undefined {
  if (typeof location === 'undefined') return undefined;
  let target: URL;
  try {
    target = new URL(url, location.href);
  } catch {
    return undefined;
  }
  if (target.origin === location.origin || !/^https?:$/.test(target.protocol)) return undefined;
  return (
    `el sandbox del navegador no deja que un servicio llame a otro origen (${target.origin}): ` +
    'solo a los servicios del laboratorio en http://localhost:<puerto>. Ejecutado en Node (npm run foodly), sí saldría a la red.'
  );
}
