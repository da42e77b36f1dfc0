import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OrderCreator } from '../../../src/Orders/application/Create/OrderCreator.ts';
import type { CatalogProduct } from '../../../src/Orders/domain/ProductCatalog.ts';
import { InMemoryOrderRepository } from '../../../src/Orders/infrastructure/InMemoryOrderRepository.ts';
import type { DomainEvent } from '../../../src/Shared/domain/DomainEvent.ts';
import { CatalogProductMother } from '../domain/CatalogProductMother.ts';

// El caso de uso con dobles en memoria: un catálogo fijo, el repositorio en memoria y un bus que solo apunta.
function creatorWith(products: CatalogProduct[]) {
  const repository = new InMemoryOrderRepository();
  const published: DomainEvent[] = [];
  const catalog = { find: async (id: string) => products.find((product) => product.id === id) };
  const eventBus = {
    async publish(events: DomainEvent[]) {
      published.push(...events);
    },
  };
  return { creator: new OrderCreator(repository, catalog, eventBus), repository, published };
}

describe('OrderCreator', () => {
  it('comprueba el stock con las cantidades ya juntadas, no línea a línea', async () => {
    const { creator, repository, published } = creatorWith([CatalogProductMother.create({ id: 'p-4', name: 'Ensalada césar', stock: 10 })]);
    const result = await creator.run({
      customerEmail: 'ana@foodly.test',
      items: [{ productId: 'p-4', quantity: 6 }, { productId: 'p-4', quantity: 6 }],
    });
    assert.equal(!result.ok && result.error.code, 'OUT_OF_STOCK', 'cada línea cabe en el stock (6 ≤ 10), pero juntas piden 12');
    assert.deepEqual(await repository.searchAll(), [], 'un pedido rechazado no se guarda');
    assert.deepEqual(published, [], 'ni publica eventos');
  });

  it('acepta dos líneas del mismo producto si la suma cabe en el stock', async () => {
    const { creator, published } = creatorWith([CatalogProductMother.create({ id: 'p-4', stock: 10 })]);
    const result = await creator.run({
      customerEmail: 'ana@foodly.test',
      items: [{ productId: 'p-4', quantity: 4 }, { productId: 'p-4', quantity: 6 }],
    });
    assert.equal(result.ok, true);
    assert.deepEqual(result.ok && result.value.lines.map((line) => [line.productId, line.quantity]), [['p-4', 10]]);
    assert.deepEqual(published.map((event) => event.eventName), ['order.created']);
  });
});
