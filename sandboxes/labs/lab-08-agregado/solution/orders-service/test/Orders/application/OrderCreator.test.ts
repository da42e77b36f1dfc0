import { describe, expect, it, vi } from 'vitest';
import { OrderCreator } from '../../../src/Orders/application/Create/OrderCreator.ts';
import type { CatalogProduct } from '../../../src/Orders/domain/ProductCatalog.ts';
import { InMemoryOrderRepository } from '../../../src/Orders/infrastructure/InMemoryOrderRepository.ts';
import type { DomainEvent } from '../../../src/Shared/domain/DomainEvent.ts';
import { CatalogProductMother } from '../domain/CatalogProductMother.ts';

// El caso de uso con dobles: un catálogo fijo, el repositorio en memoria y un bus que es una
// función espía de Vitest (vi.fn), que apunta con qué la llamaron.
function creatorWith(products: CatalogProduct[]) {
  const repository = new InMemoryOrderRepository();
  const catalog = { find: async (id: string) => products.find((product) => product.id === id) };
  const publish = vi.fn(async (_events: DomainEvent[]) => {});
  return { creator: new OrderCreator(repository, catalog, { publish }), repository, publish };
}

describe('OrderCreator', () => {
  it('comprueba el stock con las cantidades ya juntadas, no línea a línea', async () => {
    const { creator, repository, publish } = creatorWith([CatalogProductMother.create({ id: 'p-4', name: 'Ensalada césar', stock: 10 })]);
    const result = await creator.run({
      customerEmail: 'ana@foodly.test',
      items: [{ productId: 'p-4', quantity: 6 }, { productId: 'p-4', quantity: 6 }],
    });
    expect(!result.ok && result.error.code, 'cada línea cabe en el stock (6 ≤ 10), pero juntas piden 12').toBe('OUT_OF_STOCK');
    expect(await repository.searchAll(), 'un pedido rechazado no se guarda').toEqual([]);
    expect(publish, 'ni publica eventos').not.toHaveBeenCalled();
  });

  it('acepta dos líneas del mismo producto si la suma cabe en el stock', async () => {
    const { creator, publish } = creatorWith([CatalogProductMother.create({ id: 'p-4', stock: 10 })]);
    const result = await creator.run({
      customerEmail: 'ana@foodly.test',
      items: [{ productId: 'p-4', quantity: 4 }, { productId: 'p-4', quantity: 6 }],
    });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.lines.map((line) => [line.productId, line.quantity])).toEqual([['p-4', 10]]);
    expect(publish).toHaveBeenCalledOnce();
    expect(publish.mock.calls[0]![0].map((event) => event.eventName)).toEqual(['order.created']);
  });
});
