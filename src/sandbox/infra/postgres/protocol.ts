/**
 * Serialisable messages between a `pg` client in a service and the lab's PostgreSQL host. The
 * payload is the PostgreSQL wire protocol itself: the client's frontend messages go to PGlite as
 * bytes and the backend's answer comes back as bytes, which node-postgres parses exactly as it
 * parses a server's. Result rows, type parsing and errors are therefore pg's own code.
 */
export type PgRequest =
  /** Opens a session on a database; the answer is ReadyForQuery, or the server's ErrorResponse. */
  | { op: 'open'; session: string; database: string }
  /** One batch of frontend messages (ends with Sync, Query or Flush). */
  | { op: 'exec'; session: string; bytes: Uint8Array }
  /** The client disconnected: an open transaction is rolled back, as a server does. */
  | { op: 'close'; session: string };

export type PgResponse = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** The host pushes nothing (LISTEN/NOTIFY is not emulated); the type exists for the channel. */
export type PgEvent = { clientId: string; kind: 'none' };

/** What the infrastructure panel shows for one database. */
export interface PgTableSnapshot {
  schema: string;
  table: string;
  rowCount: number;
  columns: string[];
  /** The first rows, values as PostgreSQL prints them (text). */
  rows: (string | null)[][];
}
