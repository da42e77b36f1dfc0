import { describe, expect, it } from 'vitest';
import { EventSourcedOrderRepository } from '../../../src/Orders/infrastructure/EventSourcedOrderRepository.ts';
import { ConcurrencyError } from '../../../src/Shared/infrastructure/persistence/EventStore.ts';
import { InMemoryEventStore } from '../../../src/Shared/infrastructure/persistence/InMemoryEventStore.ts';
import { OrderMother } from '../domain/OrderMother.ts';

// El repositorio de eventos con el almacén en memoria: lo que guarda y lo que rechaza. Este test ya
// está escrito y falla al empezar: pasa cuando existe EventSourcedOrderRepository y `save` espera la
// versión con la que se cargó el pedido. Ejecútalo en la pestaña Tests del sandbox.
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
    expect(loaded).toBeDefined();
    expect(loaded!.version).toBe(1);
    expect(loaded!.cancel('CUSTOMER_REQUEST').ok).toBe(true);
    await repository.save(loaded!);
    expect((await repository.search(id))?.version).toBe(2);
  });

  it('de dos modificaciones concurrentes del mismo pedido, la segunda en guardar recibe ConcurrencyError', async () => {
    const { store, repository, id } = await repositoryWithOrder();
    // Dos peticiones cargan el pedido a la vez (versión 1) y las dos aceptan cancel().
    const first = await repository.search(id);
    const second = await repository.search(id);
    expect(first && second).toBeTruthy();
    expect(first!.cancel('CUSTOMER_REQUEST').ok).toBe(true);
    expect(second!.cancel('CUSTOMER_REQUEST').ok).toBe(true);

    await repository.save(first!);
    const conflict = repository.save(second!);
    await expect(conflict).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(conflict).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
    const history = await store.load(id);
    expect(
      history.map((stored) => `${stored.version}:${stored.event.eventName}`),
      'la escritura rechazada no deja rastro en el stream',
    ).toEqual(['1:order.created', '2:order.cancelled']);
  });

  it('no crea dos veces el mismo pedido', async () => {
    const { repository, id } = await repositoryWithOrder();
    await expect(repository.save(OrderMother.create({ id }))).rejects.toBeInstanceOf(ConcurrencyError);
  });
});
