// The virtual loopback network: which service listens on which port, and delivery of requests to it.
import type { WireFailure, WireRequest, WireResponse } from './wire.ts';

export interface Endpoint {
  service: string;
  handle(request: WireRequest, signal: AbortSignal): Promise<WireResponse>;
  /** Hands a WebSocket handshake and its port to the service (see socket.ts). */
  upgrade?(sid: number, request: WireRequest, socket: MessagePort): void;
  /** Tells the service that the other end of its connection `sid` is gone (close 1006). */
  dropSocket?(sid: number): void;
}

/** Who opened a WebSocket: a service's connection, or the page itself. */
export interface SocketClient {
  /** What ends with its worker (a ServiceConnection) or the page's own token. */
  owner: object;
  /** The service side ended without a close frame. */
  drop(): void;
}

export class NetworkFailure extends Error {
  readonly kind: WireFailure['kind'];
  constructor(kind: WireFailure['kind'], message: string) {
    super(message);
    this.name = 'NetworkFailure';
    this.kind = kind;
  }
  toWire(): WireFailure {
    return { kind: this.kind, message: this.message };
  }
}

export class VirtualNetwork {
  private readonly listeners = new Map<number, Endpoint>();
  /** Open WebSocket connections by sid: who serves and who opened each. */
  private readonly sockets = new Map<number, { server: Endpoint; client: SocketClient }>();
  private nextSocket = 1;

  /** Binds `port`; fails like EADDRINUSE when another service holds it. */
  listen(port: number, endpoint: Endpoint): void {
    const current = this.listeners.get(port);
    if (current && current !== endpoint) {
      throw new NetworkFailure('error', `El puerto ${port} ya lo usa ${current.service} (EADDRINUSE).`);
    }
    this.listeners.set(port, endpoint);
  }

  /** Frees every port the endpoint holds. */
  close(endpoint: Endpoint): void {
    for (const [port, holder] of this.listeners) if (holder === endpoint) this.listeners.delete(port);
  }

  serviceAt(port: number): string | undefined {
    return this.listeners.get(port)?.service;
  }

  portOf(service: string): number | undefined {
    for (const [port, holder] of this.listeners) if (holder.service === service) return port;
    return undefined;
  }

  /**
   * Routes a WebSocket handshake to the service on `port`; the frames then go straight between the
   * two ends of `socket`. Throws a 'refused' failure when nothing listens there.
   */
  connectSocket(port: number, request: WireRequest, socket: MessagePort, client: SocketClient): number {
    const endpoint = this.listeners.get(port);
    if (!endpoint?.upgrade) throw new NetworkFailure('refused', `connect ECONNREFUSED 127.0.0.1:${port}`);
    const sid = this.nextSocket++;
    this.sockets.set(sid, { server: endpoint, client });
    endpoint.upgrade(sid, request, socket);
    return sid;
  }

  /** A connection ended with its close handshake. */
  forgetSocket(sid: number): void {
    this.sockets.delete(sid);
  }

  /** The worker behind `owner` ended: the other end of each of its connections sees close 1006. */
  dropSockets(owner: object): void {
    for (const [sid, route] of this.sockets) {
      if (route.server === owner) route.client.drop();
      else if (route.client.owner === owner) route.server.dropSocket?.(sid);
      else continue;
      this.sockets.delete(sid);
    }
  }

  /** How many WebSocket connections are open (tests). */
  get openSockets(): number {
    return this.sockets.size;
  }

  async dispatch(port: number, request: WireRequest, signal: AbortSignal): Promise<WireResponse> {
    if (signal.aborted) throw new NetworkFailure('aborted', 'The operation was aborted');
    const endpoint = this.listeners.get(port);
    if (!endpoint) throw new NetworkFailure('refused', `connect ECONNREFUSED 127.0.0.1:${port}`);
    return new Promise<WireResponse>((resolve, reject) => {
      const onAbort = () => reject(new NetworkFailure('aborted', 'The operation was aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      endpoint.handle(request, signal).then(
        (response) => {
          signal.removeEventListener('abort', onAbort);
          resolve(response);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error instanceof NetworkFailure ? error : new NetworkFailure('error', String((error as Error)?.message ?? error)));
        },
      );
    });
  }
}
