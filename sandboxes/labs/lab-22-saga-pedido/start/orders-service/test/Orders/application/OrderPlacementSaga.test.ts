import { describe, expect, it } from 'vitest';
import { OrderPlacementSaga } from '../../../src/Orders/application/Place/OrderPlacementSaga.ts';
import type { Money } from '../../../src/Orders/domain/Money.ts';
import type { OrderLine } from '../../../src/Orders/domain/OrderLine.ts';
import type { ChargeResult, PaymentGateway } from '../../../src/Orders/domain/PaymentGateway.ts';
import type { ReservationResult, StockReservations } from '../../../src/Orders/domain/StockReservations.ts';
import { InMemoryOrderRepository } from '../../../src/Orders/infrastructure/InMemoryOrderRepository.ts';
import type { DomainEvent } from '../../../src/Shared/domain/DomainEvent.ts';
import { OrderLineMother } from '../domain/OrderLineMother.ts';
import { OrderMother } from '../domain/OrderMother.ts';

/** Stock de verdad en pequeño: cuántas unidades quedan de cada producto y qué reserva tiene cada pedido. */
class FakeStock implements StockReservations {
  readonly available = new Map<string, number>();
  readonly reserved = new Map<string, Array<{ productId: string; quantity: number }>>();

  constructor(stock: Record<string, number>) {
    for (const [productId, units] of Object.entries(stock)) this.available.set(productId, units);
  }

  async reserve(orderId: string, lines: readonly OrderLine[]): Promise<ReservationResult> {
    if (lines.some((line) => (this.available.get(line.productId) ?? 0) < line.quantity.value)) {
      return { status: 'rejected', reason: 'OUT_OF_STOCK', detail: 'No llega el stock' };
    }
    for (const line of lines) this.available.set(line.productId, (this.available.get(line.productId) ?? 0) - line.quantity.value);
    this.reserved.set(orderId, lines.map((line) => ({ productId: line.productId, quantity: line.quantity.value })));
    return { status: 'reserved' };
  }

  async release(orderId: string): Promise<void> {
    for (const item of this.reserved.get(orderId) ?? []) this.available.set(item.productId, (this.available.get(item.productId) ?? 0) + item.quantity);
    this.reserved.delete(orderId);
  }
}

/** Una pasarela que contesta lo que el test le diga y apunta cobros y devoluciones. */
class FakePayments implements PaymentGateway {
  readonly charges: Array<{ orderId: string; amount: number; cardToken: string }> = [];
  readonly refunds: string[] = [];
  private readonly answer: ChargeResult;

  constructor(answer: ChargeResult) {
    this.answer = answer;
  }

  async charge(orderId: string, amount: Money, cardToken: string): Promise<ChargeResult> {
    this.charges.push({ orderId, amount: amount.toNumber(), cardToken });
    return this.answer;
  }

  async refund(orderId: string): Promise<void> {
    this.refunds.push(orderId);
  }
}

async function sagaWith(answer: ChargeResult, stockOfP4 = 10) {
  const repository = new InMemoryOrderRepository();
  const order = OrderMother.stored({ lines: [OrderLineMother.create({ productId: 'p-4', name: 'Ensalada césar', unitPrice: 7.25, quantity: 2 })] });
  await repository.save(order);
  const stock = new FakeStock({ 'p-4': stockOfP4 });
  const payments = new FakePayments(answer);
  const published: string[] = [];
  const eventBus = { publish: async (events: DomainEvent[]) => void published.push(...events.map((event) => event.eventName)) };
  return { saga: new OrderPlacementSaga(repository, stock, payments, eventBus), orderId: order.id, repository, stock, payments, published };
}

describe('OrderPlacementSaga', () => {
  it('reserva, cobra el total y confirma', async () => {
    const { saga, orderId, repository, stock, payments, published } = await sagaWith({ status: 'captured', paymentId: 'pay-1' });
    const result = await saga.run(orderId, 'tok_visa');
    expect(result.ok && result.value.status).toBe('confirmed');
    expect(stock.available.get('p-4')).toBe(8);
    expect(payments.charges).toEqual([{ orderId, amount: 14.5, cardToken: 'tok_visa' }]);
    expect((await repository.search(orderId))?.status, 'cada paso queda guardado').toBe('confirmed');
    expect(published).toEqual(['order.stock_reserved', 'order.paid', 'order.confirmed']);
  });

  it('sin stock, cancela con OUT_OF_STOCK y ni intenta cobrar', async () => {
    const { saga, orderId, payments } = await sagaWith({ status: 'captured', paymentId: 'pay-1' }, 1);
    const result = await saga.run(orderId, 'tok_visa');
    expect(result.ok && result.value).toMatchObject({ status: 'cancelled', cancellationReason: 'OUT_OF_STOCK' });
    expect(payments.charges).toEqual([]);
  });

  it('si el banco rechaza el cobro, libera el stock y cancela con PAYMENT_DECLINED', async () => {
    const { saga, orderId, repository, stock, payments } = await sagaWith({ status: 'declined', reason: 'PAYMENT_DECLINED', detail: 'Tarjeta rechazada' });
    const result = await saga.run(orderId, 'tok_declined');
    expect(result.ok && result.value).toMatchObject({ status: 'cancelled', cancellationReason: 'PAYMENT_DECLINED' });
    expect(stock.available.get('p-4'), 'las 2 ensaladas vuelven al stock').toBe(10);
    expect((await repository.search(orderId))?.status).toBe('cancelled');
    expect(payments.refunds, 'un cobro rechazado no se cobró: nada que devolver').toEqual([]);
  });

  it('si el cobro no contesta a tiempo, lo anula, libera el stock y cancela con PAYMENT_TIMEOUT', async () => {
    const { saga, orderId, stock, payments, published } = await sagaWith({ status: 'unknown', reason: 'PAYMENT_TIMEOUT', detail: 'Sin respuesta en 1500 ms' });
    const result = await saga.run(orderId, 'tok_slow');
    expect(result.ok && result.value).toMatchObject({ status: 'cancelled', cancellationReason: 'PAYMENT_TIMEOUT' });
    expect(payments.refunds, 'quizá cobró: hay que anularlo').toEqual([orderId]);
    expect(stock.available.get('p-4')).toBe(10);
    expect(published).toEqual(['order.stock_reserved', 'order.cancelled']);
  });
});
