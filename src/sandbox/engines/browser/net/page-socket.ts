// The page's own WebSocket client (engine.openWebSocket: the WebSocket panel, checks, tests): a
// MessageChannel whose other end goes to the service's worker, like a service's `new WebSocket`.
import { TIMEOUTS } from '../../../contract/timeouts.ts';
import type { OpenWebSocketOptions, WebSocketConnection } from '../../../contract/capabilities.ts';
import { notUpgradedMessage, PageWebSocket, refusedWebSocketMessage } from '../../../contract/websocket.ts';
import { handshakeHeaders } from '../runtime/sockets.ts';
import type { VirtualNetwork } from './network.ts';
import { CONNECTING, PortSocket, type SocketPort } from './socket.ts';

export function openPageSocket(network: VirtualNetwork, service: string, path: string, options: OpenWebSocketOptions = {}): Promise<WebSocketConnection> {
  const port = network.portOf(service);
  if (port === undefined) return Promise.reject(new Error(refusedWebSocketMessage(service)));
  const url = new URL(`ws://localhost:${port}${path.startsWith('/') ? path : `/${path}`}`);
  const { port1, port2 } = new MessageChannel();
  return new Promise<WebSocketConnection>((resolve, reject) => {
    let page: PageWebSocket | undefined;
    const timer = setTimeout(() => {
      if (page) return;
      reject(new Error(`${service} no respondió al handshake del WebSocket en ${TIMEOUTS.requestMs / 1000} s.`));
      socket.drop();
    }, TIMEOUTS.requestMs);
    const socket: PortSocket = new PortSocket(port1 as unknown as SocketPort, CONNECTING, {
      open: (protocol) => {
        clearTimeout(timer);
        page = new PageWebSocket({
          protocol,
          send: (frame) => (frame.binary ? socket.sendBinary(new Uint8Array(frame.data as ArrayBuffer)) : socket.sendText(frame.data as string)),
          close: (code, reason) => socket.close(code, reason),
        });
        resolve(page);
      },
      reject: (status) => {
        clearTimeout(timer);
        reject(new Error(status ? notUpgradedMessage(service, status) : `${service} cerró la conexión sin responder al handshake (¿falta injectWebSocket(server) en server.ts?).`));
      },
      message: (data, binary) => page?.receive({ data, binary }),
      close: (code, reason, wasClean) => {
        clearTimeout(timer);
        if (!page) reject(new Error(refusedWebSocketMessage(service)));
        page?.ended({ code, reason, wasClean });
      },
    });
    const headers = handshakeHeaders(url, options.protocols ?? [], options.headers ?? {});
    try {
      network.connectSocket(port, { url: url.href, method: 'GET', headers, body: null }, port2, { owner: socket, drop: () => socket.drop() });
    } catch {
      clearTimeout(timer);
      reject(new Error(refusedWebSocketMessage(service)));
    }
  });
}
