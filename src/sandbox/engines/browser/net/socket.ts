// One WebSocket connection of the virtual network: a MessageChannel whose two ports are the two
// ends (client and service), so frames go worker to worker without passing through the page. The
// page only routes the handshake (VirtualNetwork.connectSocket) and tells an end when the other
// one's worker ended without a close frame (a killed process: close 1006).

/** What travels over a connection's MessagePort. */
export type SocketFrame =
  /** The service accepted the upgrade (101) and chose `protocol` ('' for none). */
  | { t: 'open'; protocol: string }
  /** The service answered the handshake with an ordinary HTTP response. */
  | { t: 'reject'; status: number }
  | { t: 'text'; data: string }
  | { t: 'binary'; data: ArrayBuffer }
  /** A close frame; `code` undefined is a close frame without status (the peer reports 1005). */
  | { t: 'close'; code?: number; reason: string };

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSING = 2;
export const CLOSED = 3;

export interface PortSocketEvents {
  /** Client end: the handshake succeeded. */
  open?(protocol: string): void;
  /** Client end: the service answered `status` instead of upgrading. */
  reject?(status: number): void;
  message?(data: string | ArrayBuffer, binary: boolean): void;
  /** Once, at the end: after the close handshake, or with 1006 when the connection dropped. */
  close?(code: number, reason: string, wasClean: boolean): void;
}

/** The part of MessagePort a socket needs (the DOM's, or node:worker_threads' in unit tests). */
export interface SocketPort {
  postMessage(message: SocketFrame, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SocketFrame>) => void): void;
  start(): void;
  close(): void;
}

/** One end of a connection: the close handshake as RFC 6455 §7 has it (echo the peer's close frame). */
export class PortSocket {
  readyState: number;
  protocol = '';
  events: PortSocketEvents;
  readonly #port: SocketPort;

  constructor(port: SocketPort, readyState: number, events: PortSocketEvents = {}) {
    this.#port = port;
    this.readyState = readyState;
    this.events = events;
    port.addEventListener('message', (event) => this.#receive(event.data));
    port.start();
  }

  sendText(data: string): void {
    if (this.readyState === OPEN) this.#port.postMessage({ t: 'text', data });
  }

  /** The bytes are copied: the caller's buffer stays usable, as with a real socket. */
  sendBinary(bytes: Uint8Array): void {
    if (this.readyState !== OPEN) return;
    const data = bytes.slice().buffer as ArrayBuffer;
    this.#port.postMessage({ t: 'binary', data }, [data]);
  }

  /** Starts the closing handshake (arguments already validated by the API in front). */
  close(code: number | undefined, reason: string): void {
    if (this.readyState === CLOSING || this.readyState === CLOSED) return;
    this.readyState = CLOSING;
    this.#port.postMessage({ t: 'close', code, reason });
  }

  /** The other end vanished without a close frame. */
  drop(): void {
    this.#finish(1006, '', false);
  }

  /** Service end: the upgrade was accepted. */
  accept(protocol: string): void {
    this.protocol = protocol;
    this.readyState = OPEN;
    this.#port.postMessage({ t: 'open', protocol });
  }

  /** Service end: the handshake got an HTTP answer instead. */
  reject(status: number): void {
    this.#port.postMessage({ t: 'reject', status });
    this.#finish(1006, '', false, false);
  }

  #receive(frame: SocketFrame): void {
    if (this.readyState === CLOSED) return;
    switch (frame.t) {
      case 'open':
        this.protocol = frame.protocol;
        this.readyState = OPEN;
        return this.events.open?.(frame.protocol);
      case 'reject':
        this.events.reject?.(frame.status);
        return this.#finish(1006, '', false);
      case 'text':
        if (this.readyState === OPEN) this.events.message?.(frame.data, false);
        return;
      case 'binary':
        if (this.readyState === OPEN) this.events.message?.(frame.data, true);
        return;
      case 'close':
        // The peer started the handshake: answer with the same close frame, then we are closed.
        if (this.readyState === OPEN) {
          this.#port.postMessage({ t: 'close', code: frame.code, reason: frame.reason });
          // The peer closes the channel when our answer arrives (closing it here could lose the answer).
          return this.#finish(frame.code ?? 1005, frame.reason, true, false);
        }
        return this.#finish(frame.code ?? 1005, frame.reason, true);
    }
  }

  #finish(code: number, reason: string, wasClean: boolean, closePort = true): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    if (closePort) this.#port.close();
    this.events.close?.(code, reason, wasClean);
  }
}
