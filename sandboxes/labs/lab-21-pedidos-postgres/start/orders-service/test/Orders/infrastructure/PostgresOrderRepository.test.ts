import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { PostgresOrderRepository } from '../../../src/Orders/infrastructure/PostgresOrderRepository.ts';
import { migrate } from '../../../src/Shared/infrastructure/persistence/postgres/migrate.ts';
import { migrations } from '../../../src/Shared/infrastructure/persistence/postgres/migrations.ts';
import { OrderLineMother } from '../domain/OrderLineMother.ts';
import { OrderMother } from '../domain/OrderMother.ts';
import { describeOrderRepositoryContract } from './orderRepositoryContract.ts';

// #region postgres-contract
// La misma suite contra un PostgreSQL de verdad: con DATABASE_URL (por ejemplo, el de compose.yaml:
// DATABASE_URL=postgres://postgres:postgres@localhost:5432/postgres npm test). Cada test trabaja en
// un esquema nuevo, con las migraciones aplicadas, que se borra al acabar: no deja nada detrás.
const databaseUrl = globalThis.process?.env?.DATABASE_URL;

async function openRepository() {
  const { default: pgModule } = await import('pg');
  const schema = `contract_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pgModule.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  // search_path en el arranque de cada conexión: las tablas del test viven solo en su esquema.
  const pool: pg.Pool = new pgModule.Pool({ connectionString: databaseUrl, options: `-c search_path=${schema}`, max: 4 });
  await migrate(pool, migrations);
  return {
    repository: new PostgresOrderRepository(pool),
    async close() {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

describe.skipIf(!databaseUrl)('PostgreSQL real', () => {
  describeOrderRepositoryContract('PostgreSQL', openRepository);

  // Solo de SQL: el pedido y sus líneas van en una transacción. PostgreSQL rechaza el carácter NUL
  // en un text (22021): la segunda línea falla después de escribir la fila del pedido y la primera
  // línea, y el ROLLBACK no deja un pedido a medias.
  it('si una línea no se puede guardar, no queda nada del pedido', async () => {
    const { repository, close } = await openRepository();
    try {
      const order = OrderMother.stored({ lines: [OrderLineMother.create({ productId: 'p-1' }), OrderLineMother.create({ productId: 'p-2', name: 'Agua\u0000' })] });
      await expect(repository.save(order)).rejects.toMatchObject({ code: '22021' });
      expect(await repository.search(order.id)).toBeUndefined();
    } finally {
      await close();
    }
  });
});
// #endregion postgres-contract
