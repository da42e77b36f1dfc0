// Message bodies cross the transport as plain Uint8Arrays (structured-clone friendly, transferable).
// Client code expects Node Buffers: amqplib hands `msg.content` as a Buffer and learners call
// `msg.content.toString()`. In Node (tests, `npm run foodly`) we wrap the bytes in a real Buffer
// without copying; in a browser worker that has no global Buffer we return MessageBytes, a
// Uint8Array whose toString/toJSON behave like Buffer's for the encodings message code uses.
// If the engine installs a Buffer global (e.g. the `buffer` package), that one is used instead.

type BufferLike = Uint8Array & { toString(encoding?: string): string };
type BufferConstructorLike = {
  from(data: ArrayBufferLike, byteOffset?: number, length?: number): BufferLike;
  isBuffer(value: unknown): boolean;
};

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export class MessageBytes extends Uint8Array {
  override toString(encoding: string = 'utf8'): string {
    switch (encoding.toLowerCase()) {
      case 'utf8':
      case 'utf-8':
        return utf8Decoder.decode(this);
      case 'hex':
        return Array.from(this, (byte) => byte.toString(16).padStart(2, '0')).join('');
      case 'base64': {
        let binary = '';
        for (const byte of this) binary += String.fromCharCode(byte);
        return btoa(binary);
      }
      case 'latin1':
      case 'binary':
      case 'ascii':
        return Array.from(this, (byte) => String.fromCharCode(encoding === 'ascii' ? byte & 0x7f : byte)).join('');
      default:
        throw new TypeError(`Unknown encoding: ${encoding}`);
    }
  }

  toJSON(): { type: 'Buffer'; data: number[] } {
    return { type: 'Buffer', data: [...this] };
  }
}

function nodeBuffer(): BufferConstructorLike | undefined {
  return (globalThis as { Buffer?: BufferConstructorLike }).Buffer;
}

/** Wraps received bytes the way the real client hands them to user code (a Buffer where one exists). */
export function toClientBytes(bytes: Uint8Array): BufferLike {
  const Buffer = nodeBuffer();
  if (Buffer) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new MessageBytes(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

/** True for what the real clients accept as binary content (Buffer, any Uint8Array). */
export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** kafkajs accepts string or Buffer values and keys; the wire carries bytes. */
export function encodeStringOrBytes(value: string | Uint8Array): Uint8Array {
  // Bytes are copied into a plain Uint8Array: the caller may reuse its Buffer, and a plain
  // Uint8Array crosses postMessage without surprises.
  return typeof value === 'string' ? utf8Encoder.encode(value) : Uint8Array.prototype.slice.call(value);
}
