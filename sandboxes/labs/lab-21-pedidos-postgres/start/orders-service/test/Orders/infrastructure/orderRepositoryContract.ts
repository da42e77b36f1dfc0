import { describe, expect, it } from 'vitest';
import { Order } from '../../../src/Orders/domain/Order.ts';
import type { OrderRepository } from '../../../src/Orders/domain/OrderRepository.ts';
import { unwrap } from '../../../src/Shared/domain/Result.ts';
import { OrderLineMother } from '../domain/OrderLineMother.ts';
import { OrderMother } from '../domain/OrderMother.ts';

/** Cómo obtiene la suite un repositorio vacío de cada adaptador, y cómo lo suelta al acabar. */
export type RepositoryFactory = () => Promise<{ repository: OrderRepository; close(): Promise<void> }>;

function storedOrderCreatedAt(createdAt: string): Order {
  const order = unwrap(Order.create({ id: `order-${createdAt}`, customerEmail: 'ana@foodly.test', lines: [OrderLineMother.create()], createdAt }));
  order.pullDomainEvents();
  return order;
}

// #region contract
/**
 * El contrato del puerto OrderRepository: una sola suite que corre contra cada adaptador (en
 * memoria, PostgreSQL…). Si el doble en memoria pasa y el de SQL no, o al revés, uno de los dos
 * miente, y los tests que usan el doble prueban algo que producción no hace.
 */
export function describeOrderRepositoryContract(adapter: string, open: RepositoryFactory): void {
  describe(`OrderRepository (${adapter})`, () => {
    async function withRepository(test: (repository: OrderRepository) => Promise<void>): Promise<void> {
      const { repository, close } = await open();
      try {
        await test(repository);
      } finally {
        await close();
      }
    }

    it('devuelve el pedido guardado con las mismas líneas, importes y fecha', () =>
      withRepository(async (repository) => {
        const order = OrderMother.stored({ lines: [OrderLineMother.create({ productId: 'p-1', unitPrice: 9.95, quantity: 2 }), OrderLineMother.create({ productId: 'p-2', unitPrice: 1.5, quantity: 1 })] });
        await repository.save(order);
        const found = await repository.search(order.id);
        expect(found?.toPrimitives()).toEqual(order.toPrimitives());
        expect(found?.total().toNumber()).toBe(21.4);
      }));

    it('un pedido que no existe es undefined, no un error', () =>
      withRepository(async (repository) => {
        expect(await repository.search('no-existe')).toBeUndefined();
      }));

    it('guarda los cambios de un pedido leído', () =>
      withRepository(async (repository) => {
        const order = OrderMother.stored();
        await repository.save(order);
        const loaded = (await repository.search(order.id))!;
        expect(loaded.cancel().ok).toBe(true);
        await repository.save(loaded);
        expect((await repository.search(order.id))?.status).toBe('cancelled');
      }));

    it('lista todos los pedidos por fecha de creación', () =>
      withRepository(async (repository) => {
        const later = storedOrderCreatedAt('2026-12-02T10:00:00.000Z');
        const earlier = storedOrderCreatedAt('2026-12-01T10:00:00.000Z');
        await repository.save(later);
        await repository.save(earlier);
        expect((await repository.searchAll()).map((order) => order.id)).toEqual([earlier.id, later.id]);
      }));
  });
}
// #endregion contract
