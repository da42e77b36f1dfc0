// A WebSocket from Node to a lab's service with the `ws` client (what @hono/node-ws itself depends
// on): unlike Node's global WHATWG WebSocket it can send handshake headers (a token at connect).
// The Node engine's openWebSocket and the Node runner's checks (ctx.websocket) use it.
import type { OpenWebSocketOptions, WebSocketConnection } from '../../src/sandbox/contract/capabilities.ts';
import { notUpgradedMessage, PageWebSocket, refusedWebSocketMessage } from '../../src/sandbox/contract/websocket.ts';
import { TIMEOUTS } from '../../src/sandbox/contract/timeouts.ts';

export async function openWsClient(service: string, port: number, path: string, options: OpenWebSocketOptions = {}): Promise<WebSocketConnection> {
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`, options.protocols ?? [], {
    headers: options.headers,
    handshakeTimeout: TIMEOUTS.requestMs,
  });
  return new Promise<WebSocketConnection>((resolve, reject) => {
    let page: PageWebSocket | undefined;
    let failure: Error | undefined;
    ws.once('unexpected-response', (_request, response) => {
      // Answered with an HTTP status instead of 101: ws then emits nothing more on its own.
      reject(new Error(notUpgradedMessage(service, response.statusCode ?? 0)));
      response.destroy();
      ws.terminate();
    });
    ws.once('open', () => {
      page = new PageWebSocket({
        protocol: ws.protocol,
        send: (frame) => ws.send(frame.binary ? new Uint8Array(frame.data as ArrayBuffer) : (frame.data as string)),
        close: (code, reason) => ws.close(code, reason),
      });
      resolve(page);
    });
    ws.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      page?.receive(isBinary ? { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, binary: true } : { data: bytes.toString('utf8'), binary: false });
    });
    ws.on('error', (error) => {
      failure = /socket hang up|ECONNRESET/.test(error.message)
        ? new Error(`${service} cerró la conexión sin responder al handshake (¿falta injectWebSocket(server) en server.ts?).`)
        : new Error(refusedWebSocketMessage(service));
    });
    ws.once('close', (code, reason) => {
      if (!page) return reject(failure ?? new Error(refusedWebSocketMessage(service)));
      page.ended({ code, reason: reason.toString('utf8'), wasClean: code !== 1006 });
    });
  });
}
