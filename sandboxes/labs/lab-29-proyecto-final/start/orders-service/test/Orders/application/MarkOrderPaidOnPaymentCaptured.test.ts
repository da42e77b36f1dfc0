import { describe, expect, it } from 'vitest';
import { MarkOrderPaidOnPaymentCaptured } from '../../../src/Orders/application/Pay/MarkOrderPaidOnPaymentCaptured.ts';
import type { OrderDomainEvent } from '../../../src/Orders/domain/OrderDomainEvents.ts';
import { EventSourcedOrderRepository } from '../../../src/Orders/infrastructure/EventSourcedOrderRepository.ts';
import type { DomainEvent } from '../../../src/Shared/domain/DomainEvent.ts';
import { InMemoryEventStore } from '../../../src/Shared/infrastructure/persistence/InMemoryEventStore.ts';
import { OrderMother } from '../domain/OrderMother.ts';

// Lo que hace orders-service cuando llega PaymentCaptured (laboratorio 29): el pedido pasa a pagado una
// sola vez aunque el broker entregue el mismo cobro dos veces, y un pedido cancelado no se paga.
async function setUp() {
  const repository = new EventSourcedOrderRepository(new InMemoryEventStore());
  const published: DomainEvent[] = [];
  const useCase = new MarkOrderPaidOnPaymentCaptured(repository, { publish: async (events) => void published.push(...events) });
  const order = OrderMother.create();
  await repository.save(order);
  order.pullDomainEvents();
  return { repository, published, useCase, id: order.id };
}

const payment = (orderId: string) => ({ paymentId: 'pay-1', orderId, correlationId: 'prueba' });

describe('MarkOrderPaidOnPaymentCaptured', () => {
  it('marca el pedido pagado y publica order.paid con el id del cobro', async () => {
    const { repository, published, useCase, id } = await setUp();
    expect(await useCase.run(payment(id))).toEqual({ ok: true, value: 'paid' });
    expect((await repository.search(id))?.status).toBe('paid');
    expect(published.map((event) => (event as OrderDomainEvent).eventName)).toEqual(['order.paid']);
  });

  it('es idempotente: el mismo cobro otra vez no añade nada a la historia del pedido', async () => {
    const { repository, published, useCase, id } = await setUp();
    await useCase.run(payment(id));
    expect(await useCase.run(payment(id))).toEqual({ ok: true, value: 'already-paid' });
    expect((await repository.historyOf(id)).map((entry) => entry.event.eventName)).toEqual(['order.created', 'order.paid']);
    expect(published).toHaveLength(1);
  });

  it('no paga un pedido cancelado ni uno que no existe', async () => {
    const { repository, useCase, id } = await setUp();
    const order = await repository.search(id);
    expect(order!.cancel().ok).toBe(true);
    await repository.save(order!);
    const cancelled = await useCase.run(payment(id));
    expect(!cancelled.ok && cancelled.error.code).toBe('ORDER_CANCELLED_BEFORE_PAYMENT');
    const missing = await useCase.run(payment('no-existe'));
    expect(!missing.ok && missing.error.code).toBe('ORDER_NOT_FOUND');
  });

  it('un pedido pagado no se cancela sin más (haría falta un reembolso)', async () => {
    const { repository, useCase, id } = await setUp();
    await useCase.run(payment(id));
    const cancelled = (await repository.search(id))!.cancel();
    expect(!cancelled.ok && cancelled.error.code).toBe('ORDER_ALREADY_PAID');
  });
});
