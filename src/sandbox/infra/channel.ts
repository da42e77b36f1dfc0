/**
 * The boundary between a service (the client library's stand-in) and the lab's infrastructure
 * host. In the browser the host lives in the page or a dedicated worker and every service worker
 * reaches it over postMessage, so requests, responses and events must survive structured clone:
 * plain objects, strings, numbers, arrays, Uint8Array — never class instances or functions.
 */
export interface HostChannel<Request, Response, Event> {
  request(request: Request): Promise<Response>;
  /** Events the host pushes to this client (pub/sub messages). Returns an unsubscribe function. */
  onEvent(listener: (event: Event) => void): () => void;
}

export interface HostEndpoint<Request, Response, Event> {
  handle(request: Request): Promise<Response>;
  /** The host calls `emit` for events addressed to one client connection. */
  attach(emit: (clientId: string, event: Event) => void): void;
}

/**
 * Same-realm transport for tests and for Node: every message goes through structuredClone, so a
 * test passing here proves the messages would cross a postMessage boundary unchanged.
 */
export function createInProcessChannel<Request, Response, Event extends { clientId: string }>(
  host: HostEndpoint<Request, Response, Event>,
): HostChannel<Request, Response, Event> {
  const listeners = new Set<(event: Event) => void>();
  host.attach((_clientId, event) => {
    const copy = structuredClone(event);
    // Asynchronous like a real message port: a handler never runs inside the host's call stack.
    queueMicrotask(() => {
      for (const listener of listeners) listener(copy);
    });
  });
  return {
    async request(request) {
      const response = await host.handle(structuredClone(request));
      return structuredClone(response);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let counter = 0;
/** A client id unique within this realm; the engine adds the worker's own prefix. */
export function nextClientId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
