import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';
import type { BackendMessage } from 'pg-protocol/dist/messages.js';
import { Emitter } from '../shared/emitter.ts';
import { nextClientId, type HostChannel } from '../channel.ts';
import type { PgEvent, PgRequest, PgResponse } from './protocol.ts';

export type PgChannel = HostChannel<PgRequest, PgResponse, PgEvent>;

interface NamedMessage {
  name?: string;
  statement?: string;
  portal?: string;
  type?: string;
}

/**
 * Stands where node-postgres' `Connection` (its socket) stands: pg's Client calls these methods
 * with frontend messages and listens for parsed backend messages. Instead of a TCP socket, the
 * messages go to the lab's PostgresHost in batches that end at Sync, Query or Flush, so one
 * extended-protocol exchange reaches PGlite whole and is never interleaved with another
 * connection's. The same shape as PGlite's own node-postgres adapter
 * (`@electric-sql/pglite/node-postgres`), which talks to a PGlite in the same realm and sends
 * every message separately.
 */
export class HostedConnection extends Emitter {
  /** pg reads these. */
  _connecting = false;
  _ending = false;
  parsedStatements: Record<string, string> = {};
  submittedNamedStatements: Record<string, string> = {};
  readonly stream = { destroy: () => this.end(), writable: true };
  /** Set by the Client wrapper once pg has worked out the database from its config. */
  database = 'postgres';

  readonly #channel: PgChannel;
  readonly #session = nextClientId('pg');
  readonly #parser = new Parser();
  #buffered: Uint8Array[] = [];
  #sending: Promise<void> = Promise.resolve();
  #open = false;

  constructor(channel: PgChannel) {
    super();
    this.#channel = channel;
  }

  connect(): void {
    this._connecting = true;
    this.#enqueue(async () => {
      const response = await this.#channel.request({ op: 'open', session: this.#session, database: this.database });
      if (!response.ok) throw new Error(response.message);
      this.#open = true;
      this.emit('connect');
      this.#dispatch(response.bytes);
    });
  }

  // Startup, TLS and authentication do not exist between a service and its sandbox database.
  requestSsl(): void {}
  startup(): void {}
  cancel(): void {}
  password(): void {}
  sendSASLInitialResponseMessage(): void {}
  sendSCRAMClientFinalMessage(): void {}
  ref(): void {}
  unref(): void {}

  query(text: string): void {
    this.#buffer(serialize.query(text));
    this.#flushBatch();
  }
  parse(query: { name?: string; text: string; types?: number[] }): void {
    this.#buffer(serialize.parse({ ...query, name: this.#scoped(query.name) }));
  }
  bind(config: NamedMessage & Record<string, unknown>): void {
    this.#buffer(
      serialize.bind({ ...config, statement: this.#scoped(config.statement), portal: this.#scoped(config.portal) }),
    );
  }
  execute(config: { portal?: string; rows?: number } = {}): void {
    this.#buffer(serialize.execute({ ...config, portal: this.#scoped(config.portal) }));
  }
  describe(message: { type: 'S' | 'P'; name?: string }): void {
    this.#buffer(serialize.describe({ ...message, name: this.#scoped(message.name) }));
  }
  close(message: { type: 'S' | 'P'; name?: string }): void {
    this.#buffer(serialize.close({ ...message, name: this.#scoped(message.name) }));
  }
  flush(): void {
    this.#buffer(serialize.flush());
    this.#flushBatch();
  }
  sync(): void {
    this.#buffer(serialize.sync());
    this.#flushBatch();
  }
  sendCopyFromChunk(): void {
    this.#unsupported('COPY … FROM STDIN');
  }
  endCopyFrom(): void {}
  sendCopyFail(): void {}

  end(): void {
    if (this._ending) return;
    this._ending = true;
    this.#enqueue(async () => {
      if (this.#open) await this.#channel.request({ op: 'close', session: this.#session });
      this.#open = false;
    });
    void this.#sending.then(() => this.emit('end'));
  }

  /** Statement and portal names live in the one PGlite session, so each connection gets its own prefix. */
  #scoped(name: string | undefined): string | undefined {
    return name ? `${this.#session}/${name}` : name;
  }

  #buffer(bytes: Uint8Array): void {
    this.#buffered.push(bytes);
  }

  #flushBatch(): void {
    const parts = this.#buffered;
    this.#buffered = [];
    const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    this.#enqueue(async () => {
      const response = await this.#channel.request({ op: 'exec', session: this.#session, bytes });
      if (!response.ok) throw new Error(response.message);
      this.#dispatch(response.bytes);
    });
  }

  #enqueue(work: () => Promise<void>): void {
    this.#sending = this.#sending.then(work).catch((error: unknown) => {
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
    });
  }

  /** Parses the backend's bytes with pg-protocol and emits what pg's Connection would emit. */
  #dispatch(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#parser.parse(buffer, (message: BackendMessage) => {
      this.emit('message', message);
      this.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
    });
  }

  #unsupported(what: string): never {
    throw new Error(`${what} is not available in the sandbox's PostgreSQL`);
  }
}
