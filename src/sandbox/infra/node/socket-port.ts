// A MessagePort-like object over a TCP socket, so the shims and hosts built for MessagePorts
// (shared/transport.ts createPortLink, port.ts) work unchanged between Node processes: the
// WebContainer engine's services and its infrastructure host process (inside the container, on
// 127.0.0.1), and the Node runner's services and its emulated Kafka.
//
// Messages are JSON lines. Structured clone keeps Uint8Array, undefined and Date, JSON does not,
// so those are tagged. When the socket closes, listeners get `{ $close: true }`, the in-band close
// createPortLink understands (a process that dies closes its links as a killed client's sockets close).
import type { Socket } from 'node:net';

const BYTES = '\u0000b';
const UNDEFINED = '\u0000u';
const DATE = '\u0000d';

function encodeValue(value: unknown): unknown {
  if (value === undefined) return { [UNDEFINED]: 1 };
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return { [BYTES]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof ArrayBuffer) return { [BYTES]: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return { [DATE]: value.getTime() };
  if (Array.isArray(value)) return value.map(encodeValue);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined && typeof item !== 'function') out[key] = encodeValue(item);
  return out;
}

function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const record = value as Record<string, unknown>;
  if (BYTES in record) {
    const buffer = Buffer.from(record[BYTES] as string, 'base64');
    // A plain Uint8Array, as structured clone delivers (the shims wrap it in a Buffer themselves).
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  if (UNDEFINED in record) return undefined;
  if (DATE in record) return new Date(record[DATE] as number);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = decodeValue(item);
  return out;
}

export const encodeMessage = (message: unknown): string => `${JSON.stringify(encodeValue(message))}\n`;
export const decodeMessage = (line: string): unknown => decodeValue(JSON.parse(line));

type Listener = (event: { data: unknown }) => void;

export interface SocketPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: Listener): void;
  removeEventListener(type: 'message', listener: Listener): void;
  start(): void;
  close(): void;
  /** Resolves when the socket has closed, from either end. */
  readonly closed: Promise<void>;
}

/**
 * Wraps `socket`. `leftover` is text already read from it (after a hello line). Messages that
 * arrive before the first listener wait for it, as a MessagePort's do until start().
 */
export function socketPort(socket: Socket, leftover = '', options: { closeMessage?: boolean } = {}): SocketPort {
  const listeners = new Set<Listener>();
  const waiting: unknown[] = [];
  let buffer = leftover;
  let ended = false;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const dispatch = (data: unknown) => {
    if (listeners.size === 0) return void waiting.push(data);
    for (const listener of [...listeners]) listener({ data });
  };
  const take = () => {
    let index: number;
    while ((index = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, index);
      buffer = buffer.slice(index + 1);
      if (line.trim()) dispatch(decodeMessage(line));
    }
  };
  socket.setEncoding('utf8');
  socket.setNoDelay(true);
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    take();
  });
  const finish = () => {
    if (ended) return;
    ended = true;
    // Frame links (createPortLink) learn of the end in-band; port.ts's data ports use `closed`.
    if (options.closeMessage !== false) dispatch({ $close: true });
    resolveClosed();
  };
  socket.on('close', finish);
  socket.on('error', () => socket.destroy());
  queueMicrotask(take);
  return {
    postMessage(message) {
      if (ended || socket.destroyed) return;
      socket.write(encodeMessage(message));
    },
    addEventListener(_type, listener) {
      listeners.add(listener);
      for (const data of waiting.splice(0)) listener({ data });
    },
    removeEventListener(_type, listener) {
      listeners.delete(listener);
    },
    start() {},
    close() {
      socket.end();
    },
    closed,
  };
}
