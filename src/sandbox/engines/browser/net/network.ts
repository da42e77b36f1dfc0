// The virtual loopback network: which service listens on which port, and delivery of requests to it.
import type { WireFailure, WireRequest, WireResponse } from './wire.ts';

export interface Endpoint {
  service: string;
  handle(request: WireRequest, signal: AbortSignal): Promise<WireResponse>;
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
