// The page's end of a WebSocket, shared by the engines (browser: a MessagePort to the service's
// worker; WebContainer: the request helper in the container; Node: the `ws` client): the same
// rules for close codes, frames received before a listener and the `closed` promise everywhere.
import type { Unsubscribe } from './engine.ts';
import type { WebSocketClose, WebSocketConnection, WebSocketFrame } from './capabilities.ts';

/** Close code of a connection that ended without a close frame (the service stopped or crashed). */
export const ABNORMAL_CLOSURE = 1006;
/** Close code a side reports when the peer's close frame carried no code. */
export const NO_STATUS_RECEIVED = 1005;

/**
 * The WHATWG WebSocket's rules for close(code, reason): a code is 1000 or 3000-4999, a reason at
 * most 123 bytes of UTF-8. Returns the error a browser throws, or undefined when they are valid.
 */
export function closeArgumentsError(code: number | undefined, reason: string | undefined): DOMException | undefined {
  if (code !== undefined && code !== 1000 && !(Number.isInteger(code) && code >= 3000 && code <= 4999)) {
    return new DOMException(`The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`, 'InvalidAccessError');
  }
  if (reason !== undefined && new TextEncoder().encode(reason).byteLength > 123) {
    return new DOMException('The close reason must not be greater than 123 UTF-8 bytes.', 'SyntaxError');
  }
  return undefined;
}

export function notUpgradedMessage(service: string, status: number): string {
  return `${service} respondió ${status} en lugar de aceptar el WebSocket (¿falta upgradeWebSocket en esa ruta, o la cabecera que pide?).`;
}

export function refusedWebSocketMessage(service: string): string {
  return `No se pudo abrir el WebSocket: ${service} no está escuchando.`;
}

/** What an engine plugs into a page-side connection: how frames and the close leave. */
export interface WebSocketTransport {
  protocol: string;
  send(frame: WebSocketFrame): void;
  /** Sends the close frame (code undefined: a close frame without code). */
  close(code: number | undefined, reason: string): void;
}

/** A page-side WebSocketConnection; the engine calls `receive` and `ended` as the peer speaks. */
export class PageWebSocket implements WebSocketConnection {
  readonly protocol: string;
  readyState = 1;
  readonly closed: Promise<WebSocketClose>;
  #settle!: (close: WebSocketClose) => void;
  readonly #transport: WebSocketTransport;
  readonly #listeners = new Set<(frame: WebSocketFrame) => void>();
  readonly #early: WebSocketFrame[] = [];

  constructor(transport: WebSocketTransport) {
    this.#transport = transport;
    this.protocol = transport.protocol;
    this.closed = new Promise((resolve) => (this.#settle = resolve));
  }

  send(data: string | ArrayBuffer | Uint8Array): void {
    if (this.readyState !== 1) throw new DOMException('El WebSocket ya está cerrado o cerrándose.', 'InvalidStateError');
    if (typeof data === 'string') return this.#transport.send({ data, binary: false });
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    this.#transport.send({ data: bytes.slice().buffer as ArrayBuffer, binary: true });
  }

  close(code?: number, reason = ''): void {
    const error = closeArgumentsError(code, reason);
    if (error) throw error;
    if (this.readyState !== 1) return;
    this.readyState = 2;
    this.#transport.close(code, reason);
  }

  onMessage(listener: (frame: WebSocketFrame) => void): Unsubscribe {
    this.#listeners.add(listener);
    for (const frame of this.#early.splice(0)) listener(frame);
    return () => this.#listeners.delete(listener);
  }

  /** A frame from the service. */
  receive(frame: WebSocketFrame): void {
    if (this.readyState === 3) return;
    if (this.#listeners.size === 0) this.#early.push(frame);
    for (const listener of this.#listeners) listener(frame);
  }

  /** The connection is over (close handshake done, or dropped: code 1006). */
  ended(close: WebSocketClose): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.#settle(close);
  }
}
