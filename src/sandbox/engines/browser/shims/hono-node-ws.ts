// @hono/node-ws inside the browser engine: the same createNodeWebSocket({ app }) →
// { upgradeWebSocket, injectWebSocket, wss }, with the service's end of each connection a
// MessagePort of the virtual network (runtime/sockets.ts) instead of a `ws` socket. Events are
// called as @hono/node-ws calls them: onOpen once the handshake is done, onMessage with a string
// (text frame) or an ArrayBuffer (binary frame), onClose with the peer's code and reason (1006 when
// the other side vanished), errors thrown by a handler to options.onError or console.error.
import { defineWebSocketHelper, WSContext } from 'hono/ws';
import type { UpgradeWebSocket, WSEvents } from 'hono/ws';
import type { ServerSocket, SocketLayer } from '../runtime/sockets.ts';

const layer = (): SocketLayer => {
  const found = (globalThis as { __sandboxRuntime?: { websocket?: SocketLayer } }).__sandboxRuntime?.websocket;
  if (!found) throw new Error('@hono/node-ws solo funciona dentro de un servicio del sandbox.');
  return found;
};

export interface NodeWebSocketInit {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  app: { request: (...args: any[]) => unknown };
  baseUrl?: string | URL;
}

interface ServerLike {
  on(event: 'upgrade', listener: (...args: unknown[]) => void): unknown;
}

export const createNodeWebSocket = (init: NodeWebSocketInit) => {
  if (!init || typeof init.app?.request !== 'function') throw new TypeError("createNodeWebSocket necesita { app }: la aplicación Hono del servicio.");
  const clients = new Set<ServerSocket>();
  /** Stand-in for the `ws` WebSocketServer: its open connections, as `wss.clients` (broadcast). */
  const wss = {
    clients,
    on: () => wss,
    off: () => wss,
    close: (callback?: () => void) => {
      for (const client of clients) client.terminate();
      if (callback) setTimeout(callback, 0);
    },
  };

  const upgradeWebSocket: UpgradeWebSocket<ServerSocket, { onError: (err: unknown) => void }> = defineWebSocketHelper<ServerSocket, { onError: (err: unknown) => void }>(async (c, events: WSEvents<ServerSocket>, options) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return;
    const slot = layer().claim((c.env as { incoming?: unknown } | undefined)?.incoming);
    // No connection behind this request (app.request() in a test): as @hono/node-ws, a 200 that upgrades nothing.
    if (!slot) return new Response();
    const report = (error: unknown) => (options?.onError ?? console.error)(error);
    const call = (run: () => void) => {
      try {
        run();
      } catch (error) {
        report(error);
      }
    };
    let ctx: WSContext<ServerSocket>;
    const raw = slot.accept({
      onOpen: () => {
        clients.add(raw);
        call(() => events?.onOpen?.(new Event('open'), ctx));
      },
      onMessage: (data) => call(() => events?.onMessage?.(new MessageEvent('message', { data }), ctx)),
      onClose: (code, reason) => {
        clients.delete(raw);
        call(() => events?.onClose?.(new (layer().CloseEvent)('close', { code, reason }), ctx));
      },
    });
    ctx = new WSContext<ServerSocket>({
      raw,
      url: new URL(c.req.url),
      protocol: slot.protocol,
      get readyState() {
        return raw.readyState as 0 | 1 | 2 | 3;
      },
      send: (source) => raw.send(source),
      close: (code, reason) => raw.close(code, reason),
    });
    return new Response();
  });

  return {
    wss,
    upgradeWebSocket,
    /** Listens to the server's upgrades: without it, handshakes are dropped (as on Node's http.Server). */
    injectWebSocket(server: ServerLike) {
      server.on('upgrade', () => undefined);
    },
  };
};

