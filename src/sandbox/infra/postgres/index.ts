/**
 * PostgreSQL for the sandbox: `PostgresHost` (one PGlite per service database, persistence,
 * reset, snapshot) and `createPgModule` (the `pg` module services import: node-postgres itself
 * with its socket replaced by a serialisable channel to the host). `nodeStorage` lives in
 * ./node-storage.ts so the browser never imports node:fs. See docs/ARCHITECTURE.md.
 */
export { PostgresHost, type PostgresHostOptions } from './host.ts';
export { createPgModule } from './client.ts';
export { HostedConnection, type PgChannel } from './connection.ts';
export { memoryStorage, browserStorage, type PostgresStorage } from './storage.ts';
export { applyMigrations, type Migration, type MigrationClient } from './migrations.ts';
export { createTemplate } from './template.ts';
export type { PgRequest, PgResponse, PgTableSnapshot } from './protocol.ts';
