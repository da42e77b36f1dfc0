import type pg from 'pg';
import type { Migration } from './migrations.ts';

// #region migrate
/**
 * Aplica al arrancar las migraciones que falten, cada una una sola vez, en orden y en su propia
 * transacción junto con su fila de schema_migrations: o queda todo el cambio, o nada. El LOCK hace
 * esperar a una segunda réplica que arranque a la vez; al entrar, vuelve a mirar qué falta.
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<number[]> {
  await pool.query('CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
      const done = await client.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id]);
      if (done.rowCount === 0) {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
        applied.push(migration.id);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`La migración ${migration.id} (${migration.name}) falló y se deshizo: ${(error as Error).message}`, { cause: error });
    } finally {
      client.release();
    }
  }
  return applied;
}
// #endregion migrate
