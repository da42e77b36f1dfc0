// The PGlite files the vendor build (src/sandbox/vendor/build.ts) writes to sandbox-vendor/pglite/,
// by the names the engines fetch them: one place, so a rename cannot leave an engine asking for a 404.
/** The WebAssembly build of PostgreSQL. */
export const PGLITE_WASM_FILE = 'pglite.wasm';
/** pglite.data (the file system PostgreSQL reads: share/, lib/) gzipped: hosts seldom compress it. */
export const PGLITE_DATA_GZIP_FILE = 'pglite.data.gz';
/** The data directory dumped at build time that new databases start from, gzipped tar. */
export const PGLITE_TEMPLATE_FILE = 'template.tar.gz';
