// Vendor bundle `infra/postgres-host.js`: the lab's PostgreSQL (one PGlite per service database),
// loaded by the page only for labs that declare databases. PGlite itself stays a separate folder
// (`sandbox-vendor/pglite/`: its WebAssembly and data files are fetched relative to its module).
export { PostgresHost } from '../../../../infra/postgres/host.ts';
