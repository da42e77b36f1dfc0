import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { HostEndpoint } from '../channel.ts';
import type { PgEvent, PgRequest, PgResponse, PgTableSnapshot } from './protocol.ts';
import { applyMigrations, type Migration } from './migrations.ts';
import { memoryStorage, type PostgresStorage } from './storage.ts';
import { isGzip, TemplateMemoryFS, templateTar } from './template-fs.ts';
import { errorResponse, finalTransactionStatus, readyForQuery } from './wire.ts';

export interface PostgresHostOptions {
  /** Where databases persist (default: memory). */
  storage?: PostgresStorage;
  /**
   * A dumped PGlite data directory (`dumpDataDir()`) that new databases start from. Without it a
   * new database runs initdb, which takes seconds; loading a dump takes a fraction of that. A tar
   * or gzip, as a Blob or as bytes (the browser engine gunzips it while it downloads).
   */
  template?: () => Promise<Blob | Uint8Array>;
  /**
   * PGlite's engine fetched (and compiled) ahead by the caller: the browser engine starts these
   * downloads when the lab mounts, before this module has even loaded (see lab-infrastructure.ts).
   * Without it PGlite fetches them itself on the first database's creation.
   */
  engine?: () => Promise<Pick<PGliteOptions, 'pgliteWasmModule' | 'fsBundle'>>;
  /** The databases services declared. Opening any other answers 3D000 like a server. */
  databases?: readonly string[];
  /**
   * How long a query waits while another connection holds the single PGlite session in a
   * transaction before it fails with 55P03 (see "one session per database" below).
   */
  lockWaitTimeoutMs?: number;
}

interface Waiter {
  session: string;
  grant: () => void;
}

/** One database: a PGlite instance and who holds its only session. */
interface DatabaseState {
  name: string;
  pglite: PGlite;
  /** The connection inside a transaction (or mid extended-protocol exchange); null when idle. */
  owner: string | null;
  waiters: Waiter[];
}

/**
 * The lab's PostgreSQL: one PGlite (real PostgreSQL compiled to WebAssembly) per database, so
 * each service owns its database as with a server.
 *
 * One session per database: PGlite is single-user, so every connection of every service shares
 * one backend session. Statements of different connections may interleave freely *between*
 * transactions, but from a connection's BEGIN until its COMMIT/ROLLBACK (the ReadyForQuery status
 * is back to idle) the session is that connection's alone and other connections wait. Transactions
 * therefore run one after another: every result a learner can observe is one a real server could
 * give (serial execution is a valid schedule), and row locks (SELECT … FOR UPDATE) never block
 * because nobody else is inside a transaction. What differs: code that waits, inside a
 * transaction, for another connection's query would deadlock here; that query fails after
 * `lockWaitTimeoutMs` with an error that says so.
 */
export class PostgresHost implements HostEndpoint<PgRequest, PgResponse, PgEvent> {
  readonly #storage: PostgresStorage;
  readonly #template?: () => Promise<Blob | Uint8Array>;
  readonly #engine?: () => Promise<Pick<PGliteOptions, 'pgliteWasmModule' | 'fsBundle'>>;
  readonly #declared?: ReadonlySet<string>;
  readonly #lockWaitTimeoutMs: number;
  readonly #databases = new Map<string, Promise<DatabaseState>>();
  /** session → database name */
  readonly #sessions = new Map<string, string>();
  /** The template is read once and shared by every database created from it. */
  #templateBlob: Promise<Blob | Uint8Array> | null = null;
  #templateTarBytes: Promise<Uint8Array> | null = null;

  constructor(options: PostgresHostOptions = {}) {
    this.#storage = options.storage ?? memoryStorage;
    this.#template = options.template;
    this.#engine = options.engine;
    this.#declared = options.databases ? new Set(options.databases) : undefined;
    this.#lockWaitTimeoutMs = options.lockWaitTimeoutMs ?? 10_000;
  }

  attach(): void {
    // No events: LISTEN/NOTIFY is not emulated.
  }

  async handle(request: PgRequest): Promise<PgResponse> {
    try {
      switch (request.op) {
        case 'open':
          return { ok: true, bytes: await this.#open(request.session, request.database) };
        case 'exec':
          return { ok: true, bytes: await this.#exec(request.session, request.bytes) };
        case 'close':
          await this.closeSession(request.session);
          return { ok: true, bytes: new Uint8Array() };
      }
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Starts (or reopens) a database ahead of its service, e.g. when the sandbox wakes, and applies
   * the service's migrations that it has not applied yet (see migrations.ts). Returns their ids.
   */
  async prepare(database: string, migrations: readonly Migration[] = []): Promise<string[]> {
    const state = await this.#database(database);
    if (migrations.length === 0) return [];
    return this.#withSession(state, `migrate:${database}`, () =>
      applyMigrations(
        {
          // Parameterless statements go through exec (simple protocol): a migration may hold several.
          query: async (text, values) =>
            values ? state.pglite.query(text, values) : ((await state.pglite.exec(text)).at(-1) ?? { rows: [] }),
        },
        migrations,
      ),
    );
  }

  /** Ends a connection: rolls back its open transaction, frees its statements and the session. */
  async closeSession(session: string): Promise<void> {
    const name = this.#sessions.get(session);
    this.#sessions.delete(session);
    if (!name) return;
    const state = await this.#databases.get(name);
    if (!state) return;
    if (state.owner === session) {
      await state.pglite.exec('ROLLBACK').catch(() => undefined);
      this.#release(state);
    }
    await this.#withSession(state, `close:${session}`, async () => {
      // The connection's prepared statements carry its session tag (see connection.ts).
      const statements = await state.pglite.query<{ name: string }>(
        'SELECT name FROM pg_prepared_statements WHERE starts_with(name, $1)',
        [`${session}/`],
      );
      for (const { name: statement } of statements.rows) {
        await state.pglite.exec(`DEALLOCATE "${statement.replaceAll('"', '""')}"`);
      }
    }).catch(() => undefined);
  }

  /**
   * Deletes a database's data (the panel's "reset"): the next connection starts from the
   * template again. Open connections to it are ended, as a server terminates them on DROP DATABASE.
   */
  async reset(database: string): Promise<void> {
    const pending = this.#databases.get(database);
    this.#databases.delete(database);
    for (const [session, name] of this.#sessions) if (name === database) this.#sessions.delete(session);
    if (pending) {
      const state = await pending.catch(() => null);
      if (state) {
        for (const waiter of state.waiters.splice(0)) waiter.grant();
        await state.pglite.close();
      }
    }
    await this.#storage.remove(database);
  }

  /** Closes every database (their data stays in storage). */
  async close(): Promise<void> {
    const states = await Promise.all([...this.#databases.values()].map((p) => p.catch(() => null)));
    this.#databases.clear();
    this.#sessions.clear();
    await Promise.all(states.map((state) => state?.pglite.close()));
  }

  /** Tables of a database with their row count and first rows, for the infrastructure panel. */
  async snapshot(database: string, rowLimit = 5): Promise<PgTableSnapshot[]> {
    const state = await this.#database(database);
    return this.#withSession(state, 'snapshot', async () => {
      const tables = await state.pglite.query<{ schema: string; table: string }>(
        `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
         WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
         ORDER BY 1, 2`,
      );
      const out: PgTableSnapshot[] = [];
      for (const { schema, table } of tables.rows) {
        const qualified = `${quoteIdent(schema)}.${quoteIdent(table)}`;
        const count = await state.pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${qualified}`);
        const columnRows = await state.pglite.query<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
           WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
          [schema, table],
        );
        const columns = columnRows.rows.map((row) => row.name);
        // Values as text, the way psql prints them, whatever their type.
        const select = columns.map((column) => `${quoteIdent(column)}::text`).join(', ') || 'NULL';
        const rows = await state.pglite.query<(string | null)[]>(
          `SELECT ${select} FROM ${qualified} LIMIT ${Math.max(0, Math.floor(rowLimit))}`,
          [],
          { rowMode: 'array' },
        );
        out.push({
          schema,
          table,
          rowCount: count.rows[0]?.n ?? 0,
          columns,
          rows: columns.length > 0 ? rows.rows : rows.rows.map(() => []),
        });
      }
      return out;
    });
  }

  async #open(session: string, database: string): Promise<Uint8Array> {
    if (this.#declared && !this.#declared.has(database)) {
      return errorResponse({ code: '3D000', message: `database "${database}" does not exist` }, null);
    }
    await this.#database(database);
    this.#sessions.set(session, database);
    return readyForQuery('I');
  }

  async #exec(session: string, bytes: Uint8Array): Promise<Uint8Array> {
    const name = this.#sessions.get(session);
    if (!name) {
      return errorResponse({ code: '57P01', message: 'terminating connection due to administrator command' });
    }
    const state = await this.#database(name);
    const granted = await this.#acquire(state, session);
    if (!granted) {
      return errorResponse({
        code: '55P03',
        message:
          `canceling statement: waited ${this.#lockWaitTimeoutMs} ms for another connection's open transaction ` +
          '(the sandbox runs one transaction at a time per database; a real server would run both)',
        hint: 'Finish (COMMIT or ROLLBACK) a transaction before waiting on queries from another connection.',
      });
    }
    let answer: Uint8Array;
    try {
      answer = await state.pglite.execProtocolRaw(bytes);
    } catch (error) {
      // PGlite itself failed (not an SQL error, which comes back as bytes): free the session.
      this.#release(state);
      throw error;
    }
    const status = finalTransactionStatus(answer);
    if (status === 'I') this.#release(state);
    else state.owner = session; // in a transaction, or waiting for its Sync
    return answer;
  }

  /** Resolves true once `session` may use the database's session; false after the wait limit. */
  #acquire(state: DatabaseState, session: string): Promise<boolean> {
    if (state.owner === null || state.owner === session) {
      state.owner = session;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        session,
        grant: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        state.waiters.splice(state.waiters.indexOf(waiter), 1);
        resolve(false);
      }, this.#lockWaitTimeoutMs);
      state.waiters.push(waiter);
    });
  }

  #release(state: DatabaseState): void {
    const next = state.waiters.shift();
    state.owner = next ? next.session : null;
    next?.grant();
  }

  async #withSession<T>(state: DatabaseState, session: string, work: () => Promise<T>): Promise<T> {
    if (!(await this.#acquire(state, session))) throw new Error('the database is busy in a transaction');
    try {
      return await work();
    } finally {
      this.#release(state);
    }
  }

  #database(name: string): Promise<DatabaseState> {
    let pending = this.#databases.get(name);
    if (!pending) {
      pending = this.#create(name);
      this.#databases.set(name, pending);
      pending.catch(() => this.#databases.delete(name));
    }
    return pending;
  }

  async #create(name: string): Promise<DatabaseState> {
    // Phases as User Timing measures (`postgres:<database>:…`), read by the benchmark.
    const started = performance.now();
    const dataDir = this.#storage.dataDir(name);
    const fresh = !(await this.#storage.exists(name));
    // A new database in memory starts from the template's files written straight into PGlite's
    // file system (template-fs.ts); one in persistent storage through PGlite's loadDataDir, whose
    // file system copies it there.
    const template = fresh && this.#template ? (dataDir === undefined ? 'memory' : 'load') : undefined;
    // The template and the engine's files download in parallel (and PGlite's WebAssembly compiles as it arrives).
    const [tar, loadDataDir, engine] = await Promise.all([
      template === 'memory' ? this.#templateTarOnce() : undefined,
      template === 'load' ? this.#templateFile() : undefined,
      this.#engine?.(),
    ]);
    const loaded = performance.now();
    performance.measure(`postgres:${name}:assets`, { start: started, end: loaded });
    const pglite = await PGlite.create({
      ...(tar ? { fs: new TemplateMemoryFS(tar) } : { dataDir, loadDataDir }),
      startParams: START_PARAMS,
      ...engine,
      // initdb never runs on a template: a placeholder keeps PGlite from downloading initdb.wasm.
      ...(template ? { initdbWasmModule: NO_INITDB } : {}),
    });
    performance.measure(`postgres:${name}:create`, { start: loaded, end: performance.now() });
    return { name, pglite, owner: null, waiters: [] };
  }

  #templateOnce(): Promise<Blob | Uint8Array> {
    this.#templateBlob ??= this.#template!();
    return this.#templateBlob;
  }

  /** The template as PGlite's loadDataDir takes it (a Blob; typed as gzip when it is). */
  async #templateFile(): Promise<Blob> {
    const template = await this.#templateOnce();
    if (template instanceof Blob) return template;
    return new Blob([template as Uint8Array<ArrayBuffer>], { type: isGzip(template) ? 'application/gzip' : 'application/x-tar' });
  }

  #templateTarOnce(): Promise<Uint8Array> {
    this.#templateTarBytes ??= this.#templateOnce().then(templateTar);
    return this.#templateTarBytes;
  }
}

/**
 * PGlite's start parameters with a smaller buffer pool. PostgreSQL's default 128 MB of
 * shared_buffers is zeroed when the backend starts, which in WebAssembly is about half a second
 * of the first query's wait (measured in Node and Chromium); a lab's tables fit in 16 MB many
 * times over, and every page lives in PGlite's in-memory file system anyway.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/** The smallest valid WebAssembly module: it has no code, so it instantiates into nothing PGlite could run. */
const NO_INITDB = new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
