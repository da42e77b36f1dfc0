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
  | { t: 'close'; code?: number; reason: string }
  /** The receiver has handed `bytes` of data frames to its application (bufferedAmount's flow control). */
  | { t: 'ack'; bytes: number };

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

/** UTF-8 length of a string without encoding it (what a text frame's payload weighs). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * One end of a connection: the close handshake as RFC 6455 §7 has it (echo the peer's close frame).
 *
 * `bufferedAmount`: bytes of data frames sent that the other end has not yet handed to its
 * application (it acks each frame after its message handler returns). A MessagePort never blocks,
 * so this is where a slow reader shows, as a full TCP window makes `ws`'s bufferedAmount grow on
 * Node: a receiver busy in a long synchronous task, or one whose worker stopped reading.
 */
export class PortSocket {
  readyState: number;
  protocol = '';
  events: PortSocketEvents;
  readonly #port: SocketPort;
  #unread = 0;

  constructor(port: SocketPort, readyState: number, events: PortSocketEvents = {}) {
    this.#port = port;
    this.readyState = readyState;
    this.events = events;
    port.addEventListener('message', (event) => this.#receive(event.data));
    port.start();
  }

  get bufferedAmount(): number {
    return this.#unread;
  }

  sendText(data: string): void {
    if (this.readyState !== OPEN) return;
    this.#unread += utf8Length(data);
    this.#port.postMessage({ t: 'text', data });
  }

  /** The bytes are copied: the caller's buffer stays usable, as with a real socket. */
  sendBinary(bytes: Uint8Array): void {
    if (this.readyState !== OPEN) return;
    const data = bytes.slice().buffer as ArrayBuffer;
    this.#unread += data.byteLength;
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
      case 'binary':
        if (this.readyState !== OPEN) return;
        try {
          this.events.message?.(frame.data, frame.t === 'binary');
        } finally {
          // Read: the sender's bufferedAmount goes down once the handler has run.
          this.#port.postMessage({ t: 'ack', bytes: frame.t === 'text' ? utf8Length(frame.data) : frame.data.byteLength });
        }
        return;
      case 'ack':
        this.#unread = Math.max(0, this.#unread - frame.bytes);
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
