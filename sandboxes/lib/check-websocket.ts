// ctx.websocket for checks, the same in every engine: feeds an engine's WebSocketConnection
// (capability 'websocket': browser, WebContainer, Node) into a CheckSocketRecorder (checks-core.ts).
// A refused handshake is an outcome a check asserts (a foreign Origin must get 403, a bad ticket
// 1008), not an error: it resolves with `opened: false` and closed() → 1006, as a browser sees it,
// with the engine's explanation («… respondió 403 …») as the reason.
import type { WebSocketConnection } from '../../src/sandbox/contract/capabilities.ts';
import { CheckSocketRecorder } from './checks-core.ts';
import type { CheckSocket } from './checks-types.ts';

export async function openCheckWebSocket(service: string, path: string, open: () => Promise<WebSocketConnection>): Promise<CheckSocket> {
  let connection: WebSocketConnection | undefined;
  const recorder = new CheckSocketRecorder(`WebSocket a ${service} ${path.split('?')[0]}`, {
    send: (data) => connection?.send(data),
    close: (code, reason) => connection?.close(code, reason),
  });
  try {
    connection = await open();
  } catch (error) {
    recorder.ended(1006, error instanceof Error ? error.message : String(error));
    return recorder;
  }
  recorder.protocol = connection.protocol;
  connection.onMessage((frame) => recorder.received(frame.binary ? `[binario: ${(frame.data as ArrayBuffer).byteLength} bytes]` : (frame.data as string)));
  void connection.closed.then(({ code, reason }) => recorder.ended(code, reason));
  recorder.open();
  return recorder;
}
