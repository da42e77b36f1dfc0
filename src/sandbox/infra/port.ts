/**
 * The infrastructure over message ports: how the browser engine plugs it in. The lab's hosts live
 * in one place (the page or a dedicated worker) and serve every service worker through a
 * MessagePort each; inside a worker, `connectInfrastructure(port)` gives the channels that
 * `createRedisClass` and `createPgModule` take. Messages are plain data (see channel.ts), so
 * postMessage's structured clone carries them unchanged.
 */
import type { HostChannel } from './channel.ts';
import type { PostgresHost } from './postgres/host.ts';
import type { PgEvent, PgRequest, PgResponse } from './postgres/protocol.ts';
import type { RedisHost } from './redis/host.ts';
import type { RedisEvent, RedisRequest, RedisResponse } from './redis/protocol.ts';

/** What both window MessagePorts and Node's worker_threads MessagePorts provide. */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start?(): void;
}

type Kind = 'redis' | 'postgres';
type RequestMessage = { id: number; kind: Kind; request: RedisRequest | PgRequest };
type ResponseMessage = { id: number; response: RedisResponse | PgResponse };
type EventMessage = { kind: Kind; event: RedisEvent | PgEvent };

/**
 * The hosts, or the promise of one still loading: its requests wait for it and the other's do not.
 * In the browser Redis (ioredis-mock) loads in a fraction of a second and PostgreSQL (PGlite, a new
 * database from the template) in seconds; one server for both answered Redis only once PostgreSQL
 * was up, so in the final project a service that needs only Redis waited for orders' database.
 */
export interface InfrastructureHosts {
  redis?: RedisHost | Promise<RedisHost>;
  postgres?: PostgresHost | Promise<PostgresHost>;
}

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Serves a lab's hosts to any number of service ports. `disconnect(port)` is what the engine calls
 * when a service worker ends: its Redis connections close and its database sessions end (an open
 * transaction rolls back), as when a process dies on a real server.
 */
export function createInfrastructureServer(hosts: InfrastructureHosts, onActivity?: (kind: Kind) => void) {
  const portByClient = new Map<string, PortLike>();
  const listeners = new Map<PortLike, (event: { data: unknown }) => void>();
  const redis = hosts.redis && Promise.resolve(hosts.redis);
  const postgres = hosts.postgres && Promise.resolve(hosts.postgres);
  // A host that fails to load answers each request with why (observed here, not unhandled).
  postgres?.catch(() => undefined);

  void redis?.then(
    (host) =>
      host.attach((clientId, event) => {
        portByClient.get(clientId)?.postMessage({ kind: 'redis', event } satisfies EventMessage);
      }),
    () => undefined,
  );

  async function answer(port: PortLike, message: RequestMessage): Promise<void> {
    const clientId = 'clientId' in message.request ? message.request.clientId : message.request.session;
    portByClient.set(clientId, port);
    let response: RedisResponse | PgResponse;
    if (message.kind === 'redis' && redis) {
      response = await redis.then(
        (host) => host.handle(message.request as RedisRequest),
        (error: unknown): RedisResponse => ({ ok: false, error: { name: 'Error', message: `Redis could not start: ${failure(error)}` } }),
      );
    } else if (message.kind === 'postgres' && postgres) {
      response = await postgres.then(
        (host) => host.handle(message.request as PgRequest),
        (error: unknown): PgResponse => ({ ok: false, message: `PostgreSQL could not start: ${failure(error)}` }),
      );
    } else if (message.kind === 'redis') response = { ok: false, error: { name: 'Error', message: 'this lab declares no Redis' } };
    else response = { ok: false, message: 'this lab declares no PostgreSQL database' };
    port.postMessage({ id: message.id, response } satisfies ResponseMessage);
    // A write, a read or a query: the panel re-reads (the caller throttles).
    onActivity?.(message.kind);
  }

  return {
    connect(port: PortLike): void {
      const listener = (event: { data: unknown }) => void answer(port, event.data as RequestMessage);
      listeners.set(port, listener);
      port.addEventListener('message', listener);
      port.start?.();
    },
    async disconnect(port: PortLike): Promise<void> {
      const listener = listeners.get(port);
      if (listener) port.removeEventListener('message', listener);
      listeners.delete(port);
      for (const [clientId, owner] of portByClient) {
        if (owner !== port) continue;
        portByClient.delete(clientId);
        await redis?.then((host) => host.closeClient(clientId), () => undefined);
        await postgres?.then((host) => host.closeSession(clientId), () => undefined);
      }
    },
  };
}

/** Inside a service worker: the channels to the lab's hosts over one port. */
export function connectInfrastructure(port: PortLike): {
  redis: HostChannel<RedisRequest, RedisResponse, RedisEvent>;
  postgres: HostChannel<PgRequest, PgResponse, PgEvent>;
} {
  let nextId = 0;
  const pending = new Map<number, (response: unknown) => void>();
  const eventListeners = { redis: new Set<(event: never) => void>(), postgres: new Set<(event: never) => void>() };
  port.addEventListener('message', ({ data }) => {
    const message = data as ResponseMessage | EventMessage;
    if ('id' in message) {
      pending.get(message.id)?.(message.response);
      pending.delete(message.id);
    } else for (const listener of eventListeners[message.kind]) listener(message.event as never);
  });
  port.start?.();

  function channel<Request, Response, Event>(kind: Kind): HostChannel<Request, Response, Event> {
    return {
      request(request) {
        nextId += 1;
        const id = nextId;
        return new Promise<Response>((resolve) => {
          pending.set(id, resolve as (response: unknown) => void);
          port.postMessage({ id, kind, request } as RequestMessage);
        });
      },
      onEvent(listener) {
        eventListeners[kind].add(listener as (event: never) => void);
        return () => eventListeners[kind].delete(listener as (event: never) => void);
      },
    };
  }
  return { redis: channel('redis'), postgres: channel('postgres') };
}
