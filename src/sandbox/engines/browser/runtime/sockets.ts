// WebSockets inside a service worker, both ways:
//  - served: a `ws-upgrade` from the page runs the app's fetch handler with a token in env.incoming
//    (as @hono/node-ws finds the socket through env.incoming); the @hono/node-ws shim's
//    upgradeWebSocket claims the token, and the handshake succeeds only if some route did;
//  - opened: the global WebSocket (WHATWG, as in Node 22+ and browsers) and the `ws` shim reach
//    ws://localhost:<port> through the page's virtual network; other URLs use the real WebSocket.
// No Worker APIs here, so it runs in Node unit tests over MessageChannels.
import type { FromWorker, ToWorker } from '../protocol.ts';
import { CLOSED, CLOSING, CONNECTING, OPEN, PortSocket, type SocketPort } from '../net/socket.ts';
import { virtualPortOf, wireToRequest, type WireRequest } from '../net/wire.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FetchHandler = (request: Request, ...rest: any[]) => Response | Promise<Response>;

/** What the @hono/node-ws shim gets for a handshake it accepts: the service's end of the connection. */
export interface ServerSocketEvents {
  onOpen(): void;
  onMessage(data: string | ArrayBuffer, binary: boolean): void;
  onClose(code: number, reason: string): void;
}

/** A pending handshake, found by the shim through c.env.incoming. */
export interface UpgradeSlot {
  request: Request;
  protocol: string;
  /** Called by upgradeWebSocket: the handshake will succeed; returns the socket once open. */
  accept(events: ServerSocketEvents): ServerSocket;
  accepted: boolean;
}

/** The service's end, as ctx.raw: the subset of the `ws` package's WebSocket that services use. */
export class ServerSocket {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSING = CLOSING;
  static readonly CLOSED = CLOSED;
  readonly #socket: PortSocket;
  readonly url: string;

  constructor(socket: PortSocket, url: string) {
    this.#socket = socket;
    this.url = url;
  }

  get readyState(): number {
    return this.#socket.readyState;
  }

  get protocol(): string {
    return this.#socket.protocol;
  }

  /** As the `ws` package: bytes sent that the client has not read yet (a slow consumer's grow). */
  get bufferedAmount(): number {
    return this.#socket.bufferedAmount;
  }

  /** As the `ws` package: strings go as text, bytes as binary; after close, nothing is sent. */
  send(data: unknown): void {
    if (this.#socket.readyState === CONNECTING) throw new Error('WebSocket is not open: readyState 0 (CONNECTING)');
    sendData(this.#socket, data, false);
  }

  /** As the `ws` package: invalid codes throw a TypeError, long reasons a RangeError. */
  close(code?: number, reason?: string): void {
    validateWsClose(code, reason);
    this.#socket.close(code, reason ?? '');
  }

  terminate(): void {
    this.#socket.drop();
  }
}

/** The `ws` package's rules for close(code, reason). */
export function validateWsClose(code: number | undefined, reason: string | undefined): void {
  const valid = (c: number) => (c >= 1000 && c <= 1014 && c !== 1004 && c !== 1005 && c !== 1006) || (c >= 3000 && c <= 4999);
  if (code !== undefined && (typeof code !== 'number' || !valid(code))) throw new TypeError('First argument must be a valid error code number');
  if (reason !== undefined && new TextEncoder().encode(reason).byteLength > 123) throw new RangeError('The message must not be greater than 123 bytes');
}

function sendData(socket: PortSocket, data: unknown, blobAllowed: boolean): void {
  if (typeof data === 'string') return socket.sendText(data);
  if (data instanceof ArrayBuffer) return socket.sendBinary(new Uint8Array(data));
  if (ArrayBuffer.isView(data)) return socket.sendBinary(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (blobAllowed && typeof Blob !== 'undefined' && data instanceof Blob) {
    void data.arrayBuffer().then((buffer) => socket.sendBinary(new Uint8Array(buffer)));
    return;
  }
  socket.sendText(String(data));
}

export interface SocketLayerOptions {
  post(message: FromWorker, transfer?: Transferable[]): void;
  handler(): FetchHandler | undefined;
  onHandlerError?(error: unknown): void;
  /** The platform's WebSocket, for URLs outside the virtual network. */
  RealWebSocket?: typeof WebSocket;
}

const TOKEN = Symbol('sandbox-websocket-upgrade');

export function createSocketLayer(options: SocketLayerOptions) {
  const { post } = options;
  /** Sockets this worker holds, by `s<sid>` (served) or `c<ref>` (opened). */
  const sockets = new Map<string, PortSocket>();
  const refused = new Map<number, (message: string) => void>();
  const slots = new WeakMap<object, UpgradeSlot>();
  let nextRef = 1;

  async function upgrade(sid: number, wire: WireRequest, port: SocketPort): Promise<void> {
    const key = `s${sid}`;
    const socket = new PortSocket(port, CONNECTING);
    sockets.set(key, socket);
    const request = wireToRequest(wire);
    const offered = (request.headers.get('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    let events: ServerSocketEvents | undefined;
    const server = new ServerSocket(socket, request.url);
    // The `ws` package's default: the first subprotocol the client offers.
    const slot: UpgradeSlot = {
      request,
      protocol: offered[0] ?? '',
      accepted: false,
      accept(given) {
        slot.accepted = true;
        events = given;
        return server;
      },
    };
    const token = { [TOKEN]: true };
    slots.set(token, slot);
    // 0: no HTTP answer at all (a server without an 'upgrade' listener drops the connection, as
    // Node's http.Server does when injectWebSocket(server) was never called).
    let status = 0;
    const handler = options.handler();
    if (handler) {
      try {
        const response = await handler(request, { incoming: token, outgoing: undefined });
        status = response instanceof Response ? response.status : 500;
      } catch (error) {
        options.onHandlerError?.(error);
        status = 500;
      }
    }
    if (!slot.accepted || !events) {
      sockets.delete(key);
      post({ type: 'ws-done', sid });
      socket.reject(status);
      return;
    }
    const accepted = events;
    socket.events = {
      message: (data, binary) => accepted.onMessage(data, binary),
      close: (code, reason) => {
        sockets.delete(key);
        post({ type: 'ws-done', sid });
        accepted.onClose(code, reason);
      },
    };
    socket.accept(slot.protocol);
    accepted.onOpen();
  }

  /** A client connection to ws://localhost:<port>: the page routes the handshake to that service. */
  function connect(port: number, url: string, headers: [string, string][], socketEvents: ConstructorParameters<typeof PortSocket>[2], onRefused: (message: string) => void): PortSocket {
    const ref = nextRef++;
    const key = `c${ref}`;
    const { port1, port2 } = new MessageChannel();
    const socket = new PortSocket(port1 as unknown as SocketPort, CONNECTING, socketEvents);
    const close = socketEvents?.close;
    socket.events.close = (code, reason, wasClean) => {
      sockets.delete(key);
      refused.delete(ref);
      close?.(code, reason, wasClean);
    };
    sockets.set(key, socket);
    refused.set(ref, (message) => {
      onRefused(message);
      socket.drop();
    });
    post({ type: 'ws-connect', ref, port, request: { url, method: 'GET', headers, body: null }, socket: port2 }, [port2 as unknown as Transferable]);
    return socket;
  }

  /** Returns true when the message belonged to the WebSocket protocol. */
  function handleMessage(message: ToWorker): boolean {
    switch (message.type) {
      case 'ws-upgrade':
        void upgrade(message.sid, message.request, message.socket as unknown as SocketPort);
        return true;
      case 'ws-drop':
        sockets.get(message.key)?.drop();
        return true;
      case 'ws-refused':
        refused.get(message.ref)?.(message.message);
        return true;
      default:
        return false;
    }
  }

  /** For the @hono/node-ws shim: the handshake behind c.env.incoming, if this request is one. */
  function claim(incoming: unknown): UpgradeSlot | undefined {
    return incoming && typeof incoming === 'object' ? slots.get(incoming) : undefined;
  }

  const WebSocketClass = createWebSocketClass(connect, options.RealWebSocket);
  return { handleMessage, claim, connect, WebSocket: WebSocketClass, CloseEvent: CloseEventClass, get openSockets() { return sockets.size; } };
}

export type SocketLayer = ReturnType<typeof createSocketLayer>;

/** Handshake headers a client sends (the ones a service can read, plus its own). */
export function handshakeHeaders(url: URL, protocols: string[], extra: Record<string, string> = {}): [string, string][] {
  const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const headers: [string, string][] = [
    ['host', url.host],
    ['connection', 'Upgrade'],
    ['upgrade', 'websocket'],
    ['sec-websocket-version', '13'],
    ['sec-websocket-key', key],
  ];
  if (protocols.length > 0) headers.push(['sec-websocket-protocol', protocols.join(', ')]);
  for (const [name, value] of Object.entries(extra)) headers.push([name.toLowerCase(), String(value)]);
  return headers;
}

/** MDN's CloseEvent where the platform has none (a Worker in some engines); the @hono/node-ws shim uses it too. */
const CloseEventClass: typeof CloseEvent =
  globalThis.CloseEvent ??
  (class extends Event {
    readonly code: number;
    readonly reason: string;
    readonly wasClean: boolean;
    constructor(type: string, init: CloseEventInit = {}) {
      super(type, init);
      this.code = init.code ?? 0;
      this.reason = init.reason ?? '';
      this.wasClean = init.wasClean ?? false;
    }
  } as unknown as typeof CloseEvent);

/** ws: / wss: / http(s): URL as the WHATWG constructor parses it (SyntaxError otherwise). */
export function parseSocketUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw new DOMException(`Failed to construct 'WebSocket': The URL '${String(input)}' is invalid.`, 'SyntaxError');
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new DOMException(`Failed to construct 'WebSocket': The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. '${url.protocol}' is not allowed.`, 'SyntaxError');
  }
  if (url.hash) throw new DOMException(`Failed to construct 'WebSocket': The URL contains a fragment identifier ('${url.hash}'). Fragment identifiers are not allowed in WebSocket URLs.`, 'SyntaxError');
  return url;
}

/** The port of a ws://localhost URL on the virtual network, or undefined for a real host. */
export function virtualSocketPort(url: URL): number | undefined {
  if (url.protocol !== 'ws:') return undefined;
  const http = new URL(url.href);
  http.protocol = 'http:';
  return virtualPortOf(http.href);
}

type Connect = SocketLayer['connect'];

/** The WHATWG WebSocket (the global one in Node 22+ and browsers) over the virtual network. */
function createWebSocketClass(connect: Connect, RealWebSocket: typeof WebSocket | undefined) {
  return class SandboxWebSocket extends EventTarget {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSING = CLOSING;
    static readonly CLOSED = CLOSED;
    readonly CONNECTING = CONNECTING;
    readonly OPEN = OPEN;
    readonly CLOSING = CLOSING;
    readonly CLOSED = CLOSED;
    readonly url: string = '';
    readonly extensions = '';
    binaryType: BinaryType = 'blob';
    onopen: ((event: Event) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    onclose: ((event: CloseEvent) => void) | null = null;
    #socket: PortSocket | undefined;
    #failed = false;
    #abandoned = false;

    // Node's WebSocket (undici) also takes `{ protocols, headers }` (handshake headers a browser cannot send):
    // a gateway in a lab forwards the verified user and the correlation id that way.
    constructor(input: string | URL, protocols: string | string[] | { protocols?: string | string[]; headers?: Record<string, string> } = []) {
      super();
      const url = parseSocketUrl(input);
      const init = typeof protocols === 'object' && !Array.isArray(protocols) ? protocols : { protocols };
      const offered = init.protocols ?? [];
      const list = typeof offered === 'string' ? [offered] : [...offered];
      if (new Set(list).size !== list.length) throw new DOMException(`Failed to construct 'WebSocket': The subprotocol '${list.find((p, i) => list.indexOf(p) !== i)}' is duplicated.`, 'SyntaxError');
      const port = virtualSocketPort(url);
      if (port === undefined) {
        if (!RealWebSocket) throw new DOMException('WebSocket no está disponible en este entorno.', 'NotSupportedError');
        // Outside the lab's network: the platform's own WebSocket.
        return new RealWebSocket(url.href, list) as unknown as SandboxWebSocket;
      }
      this.url = url.href;
      this.#socket = connect(
        port,
        url.href,
        handshakeHeaders(url, list, init.headers),
        {
          open: () => this.#emit('open', new Event('open')),
          message: (data, binary) => {
            const value = binary && this.binaryType === 'blob' ? new Blob([data as ArrayBuffer]) : data;
            this.#emit('message', new MessageEvent('message', { data: value, origin: new URL(this.url).origin }));
          },
          reject: () => this.#fail(),
          close: (code, reason, wasClean) => {
            if (!wasClean && !this.#failed) this.#fail();
            this.#emit('close', new CloseEventClass('close', { code, reason, wasClean }));
          },
        },
        () => this.#fail(),
      );
    }

    get readyState(): number {
      if (this.#abandoned) return CLOSED;
      return this.#socket?.readyState ?? CLOSED;
    }

    get protocol(): string {
      return this.#socket?.protocol ?? '';
    }

    get bufferedAmount(): number {
      return this.#socket?.bufferedAmount ?? 0;
    }

    send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (this.readyState === CONNECTING) throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
      if (this.#socket) sendData(this.#socket, data, true);
    }

    close(code?: number, reason?: string): void {
      if (code !== undefined && code !== 1000 && !(code >= 3000 && code <= 4999)) {
        throw new DOMException(`Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`, 'InvalidAccessError');
      }
      if (reason !== undefined && new TextEncoder().encode(reason).byteLength > 123) {
        throw new DOMException("Failed to execute 'close' on 'WebSocket': The close reason must not be greater than 123 UTF-8 bytes.", 'SyntaxError');
      }
      const socket = this.#socket;
      if (!socket || this.#abandoned) return;
      if (socket.readyState === CONNECTING) {
        // Closing before the handshake ends fails the connection: error, then close 1006; if the
        // service accepts meanwhile, it gets a close frame.
        this.#abandoned = true;
        socket.events = { open: () => socket.close(undefined, '') };
        this.#fail();
        this.#emit('close', new CloseEventClass('close', { code: 1006, reason: '', wasClean: false }));
        return;
      }
      socket.close(code, reason ?? '');
    }

    #fail(): void {
      if (this.#failed) return;
      this.#failed = true;
      this.#emit('error', new Event('error'));
    }

    #emit(type: 'open' | 'message' | 'error' | 'close', event: Event): void {
      const handler = this[`on${type}`] as ((event: Event) => void) | null;
      try {
        handler?.call(this, event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
      this.dispatchEvent(event);
    }
  };
}
