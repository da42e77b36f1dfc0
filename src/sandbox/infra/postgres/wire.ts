/**
 * The few facts about PostgreSQL's backend message stream the host needs
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html): every message is a type
 * byte and an Int32 length that counts itself; ReadyForQuery ('Z') carries the transaction status
 * ('I' idle, 'T' in a transaction, 'E' in a failed transaction).
 */

export type TransactionStatus = 'I' | 'T' | 'E';

/**
 * The transaction status of the ReadyForQuery that ends `bytes`, or null when the batch does not
 * end with one (an extended-protocol exchange still waiting for its Sync).
 */
export function finalTransactionStatus(bytes: Uint8Array): TransactionStatus | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let last: TransactionStatus | null = null;
  while (offset + 5 <= bytes.length) {
    const length = view.getInt32(offset + 1);
    last = bytes[offset] === 0x5a /* Z */ && length === 5 ? (String.fromCharCode(bytes[offset + 5]) as TransactionStatus) : null;
    offset += 1 + length;
  }
  return last;
}

/**
 * An ErrorResponse followed by ReadyForQuery, for errors the host raises itself (unknown database,
 * lock wait timeout). pg turns it into a DatabaseError like any server error.
 */
export function errorResponse(fields: { code: string; message: string; detail?: string; hint?: string }, status: TransactionStatus | null = 'I'): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const field = (tag: string, value: string) => {
    parts.push(encoder.encode(tag), encoder.encode(value), new Uint8Array([0]));
  };
  field('S', 'ERROR');
  field('V', 'ERROR');
  field('C', fields.code);
  field('M', fields.message);
  if (fields.detail) field('D', fields.detail);
  if (fields.hint) field('H', fields.hint);
  parts.push(new Uint8Array([0]));
  const body = concat(parts);
  const error = new Uint8Array(5 + body.length);
  error[0] = 0x45; // E
  new DataView(error.buffer).setInt32(1, 4 + body.length);
  error.set(body, 5);
  return status ? concat([error, readyForQuery(status)]) : error;
}

export function readyForQuery(status: TransactionStatus): Uint8Array {
  return new Uint8Array([0x5a, 0, 0, 0, 5, status.charCodeAt(0)]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
