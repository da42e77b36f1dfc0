/**
 * Applies a service's migrations at start, once each, in order, through any node-postgres-shaped
 * client: the sandbox's `pg` over PGlite or the real `pg` against a server (`npm run foodly`,
 * CI). Each migration runs in its own transaction with its bookkeeping row, so a failing one
 * leaves nothing half-applied and is retried on the next start.
 */
export interface Migration {
  /** Stable and sortable, e.g. "001_create_orders". */
  id: string;
  sql: string;
}

export interface MigrationClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export const MIGRATIONS_TABLE = 'schema_migrations';

/** Returns the ids applied by this call (empty when the database was up to date). */
export async function applyMigrations(client: MigrationClient, migrations: readonly Migration[]): Promise<string[]> {
  const ids = migrations.map((migration) => migration.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`Migration "${duplicate}" is declared twice`);

  await client.query(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    await client.query('BEGIN');
    try {
      // Two replicas starting together: the second waits here, then sees the row and skips.
      await client.query(`LOCK TABLE ${MIGRATIONS_TABLE} IN EXCLUSIVE MODE`);
      const done = await client.query(`SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE id = $1`, [migration.id]);
      if (done.rows.length === 0) {
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (id) VALUES ($1)`, [migration.id]);
        applied.push(migration.id);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      if (error instanceof Error) error.message = `Migration ${migration.id} failed: ${error.message}`;
      throw error;
    }
  }
  return applied;
}
