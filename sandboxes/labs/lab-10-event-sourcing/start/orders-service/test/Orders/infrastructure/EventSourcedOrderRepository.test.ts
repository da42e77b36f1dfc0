import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventSourcedOrderRepository } from '../../../src/Orders/infrastructure/EventSourcedOrderRepository.ts';
import { ConcurrencyError } from '../../../src/Shared/infrastructure/persistence/EventStore.ts';
import { InMemoryEventStore } from '../../../src/Shared/infrastructure/persistence/InMemoryEventStore.ts';
import { OrderMother } from '../domain/OrderMother.ts';

// El repositorio de eventos con el almacén en memoria: lo que guarda y lo que rechaza. Este test ya
// está escrito y falla al empezar: pasa cuando existe EventSourcedOrderRepository y `save` espera la
// versión con la que se cargó el pedido. Ejecútalo con `npm run test:orders`.
async function repositoryWithOrder() {
  const store = new InMemoryEventStore();
  const repository = new EventSourcedOrderRepository(store);
  const order = OrderMother.create();
  await repository.save(order);
  order.pullDomainEvents();
  return { store, repository, id: order.id };
}

describe('EventSourcedOrderRepository', () => {
  it('reconstruye el pedido en la versión de su último evento', async () => {
    const { repository, id } = await repositoryWithOrder();
    const loaded = await repository.search(id);
    assert.ok(loaded);
    assert.equal(loaded.version, 1);
    assert.equal(loaded.cancel().ok, true);
    await repository.save(loaded);
    assert.equal((await repository.search(id))?.version, 2);
  });

  it('de dos modificaciones concurrentes del mismo pedido, la segunda en guardar recibe ConcurrencyError', async () => {
    const { store, repository, id } = await repositoryWithOrder();
    // Dos peticiones cargan el pedido a la vez (versión 1) y las dos aceptan cancel().
    const first = await repository.search(id);
    const second = await repository.search(id);
    assert.ok(first && second);
    assert.equal(first.cancel().ok, true);
    assert.equal(second.cancel().ok, true);

    await repository.save(first);
    await assert.rejects(repository.save(second), (error) => error instanceof ConcurrencyError && error.code === 'CONCURRENCY_CONFLICT');
    const history = await store.load(id);
    assert.deepEqual(
      history.map((stored) => `${stored.version}:${stored.event.eventName}`),
      ['1:order.created', '2:order.cancelled'],
      'la escritura rechazada no deja rastro en el stream',
    );
  });

  it('no crea dos veces el mismo pedido', async () => {
    const { repository, id } = await repositoryWithOrder();
    await assert.rejects(repository.save(OrderMother.create({ id })), ConcurrencyError);
  });
});
