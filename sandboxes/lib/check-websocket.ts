// ctx.websocket for checks, the same in every engine: wraps an engine's WebSocketConnection
// (capability 'websocket') into the small API a checks.ts uses (messages, next, closed). Platform
// neutral: the page's check runner and the Node runner both use it.
import type { WebSocketConnection } from '../../src/sandbox/contract/capabilities.ts';
import { CheckFailure } from './checks-core.ts';
import type { CheckWebSocket } from './checks-types.ts';

function within<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new CheckFailure(message)), timeoutMs))),
  ]);
}

export async function openCheckWebSocket(service: string, path: string, open: () => Promise<WebSocketConnection>): Promise<CheckWebSocket> {
  let connection: WebSocketConnection;
  try {
    connection = await open();
  } catch (error) {
    throw new CheckFailure(`WebSocket a ${service}${path}: ${(error as Error).message}`);
  }
  const messages: string[] = [];
  let read = 0;
  let wake: (() => void) | undefined;
  connection.onMessage((frame) => {
    messages.push(frame.binary ? `[binario, ${(frame.data as ArrayBuffer).byteLength} bytes]` : (frame.data as string));
    wake?.();
  });
  void connection.closed.then(() => wake?.());
  return {
    protocol: connection.protocol,
    messages,
    async next(timeoutMs = 5000) {
      const arrived = async () => {
        while (read >= messages.length) {
          if (connection.readyState === 3) throw new CheckFailure(`WebSocket a ${service}${path}: la conexión se cerró sin más mensajes.`);
          await new Promise<void>((resolve) => (wake = resolve));
        }
        return messages[read++]!;
      };
      return within(arrived(), timeoutMs, `WebSocket a ${service}${path}: ningún mensaje nuevo en ${timeoutMs / 1000} s.`);
    },
    send(text) {
      try {
        connection.send(text);
      } catch (error) {
        throw new CheckFailure(`WebSocket a ${service}${path}: no se pudo enviar (${(error as Error).message}).`);
      }
    },
    close: (code, reason) => connection.close(code, reason),
    async closed(timeoutMs = 5000) {
      const { code, reason } = await within(connection.closed, timeoutMs, `WebSocket a ${service}${path}: sigue abierto tras ${timeoutMs / 1000} s.`);
      return { code, reason };
    },
  };
}
