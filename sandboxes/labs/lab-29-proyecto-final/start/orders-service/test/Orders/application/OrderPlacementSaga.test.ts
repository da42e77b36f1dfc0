import { describe, expect, it } from 'vitest';
import { OrderPlacementSaga } from '../../../src/Orders/application/Place/OrderPlacementSaga.ts';
import type { PaymentOutcome } from '../../../src/Orders/application/Place/OrderPlacementSaga.ts';
import type { OrderDomainEvent } from '../../../src/Orders/domain/OrderDomainEvents.ts';
import type { OrderLine } from '../../../src/Orders/domain/OrderLine.ts';
import type { ReservationResult, StockReservations } from '../../../src/Orders/domain/StockReservations.ts';
import { InMemoryOrderRepository } from '../../../src/Orders/infrastructure/InMemoryOrderRepository.ts';
import type { DomainEvent } from '../../../src/Shared/domain/DomainEvent.ts';
import { OrderMother } from '../domain/OrderMother.ts';

/** Un doble del puerto StockReservations: anota qué se reservó y qué se liberó (products-service, en los tests del sistema). */
class RecordingStock implements StockReservations {
  readonly calls: string[] = [];
  private readonly answer: ReservationResult;

  constructor(answer: ReservationResult = { status: 'reserved' }) {
    this.answer = answer;
  }

  async reserve(orderId: string, _lines: readonly OrderLine[]): Promise<ReservationResult> {
    this.calls.push(`reserve ${orderId}`);
    return this.answer;
  }

  async release(orderId: string): Promise<void> {
    this.calls.push(`release ${orderId}`);
  }
}

// La saga del pedido del proyecto final: apartar el stock al crearlo; el cobro lo paga; el rechazo
// devuelve el stock y lo cancela. Los eventos de pago pueden llegar repetidos: nada pasa dos veces.
async function setUp(stock = new RecordingStock()) {
  const repository = new InMemoryOrderRepository();
  const published: DomainEvent[] = [];
  const saga = new OrderPlacementSaga(repository, stock, { publish: async (events) => void published.push(...events) });
  const order = OrderMother.create();
  await repository.save(order);
  order.pullDomainEvents();
  return { repository, published, saga, stock, id: order.id };
}

const names = (events: DomainEvent[]) => events.map((event) => (event as OrderDomainEvent).eventName);
const payment = (kind: PaymentOutcome['kind'], orderId: string): PaymentOutcome => ({ kind, paymentId: 'pay-1', orderId, correlationId: 'prueba' });

describe('OrderPlacementSaga', () => {
  it('aparta el stock y, con el cobro, deja el pedido pagado', async () => {
    const { repository, published, saga, stock, id } = await setUp();
    expect((await saga.reserveStock(id)).ok).toBe(true);
    expect((await saga.onPayment(payment('captured', id))).ok).toBe(true);
    expect((await repository.search(id))?.status).toBe('paid');
    expect(stock.calls).toEqual([`reserve ${id}`]);
    expect(names(published)).toEqual(['order.stock_reserved', 'order.paid']);
  });

  it('sin stock, cancela el pedido con OUT_OF_STOCK y no hay nada que devolver', async () => {
    const { repository, saga, stock, id } = await setUp(new RecordingStock({ status: 'rejected', reason: 'OUT_OF_STOCK', detail: 'Solo quedan 0' }));
    await saga.reserveStock(id);
    const order = await repository.search(id);
    expect([order?.status, order?.cancellationReason]).toEqual(['cancelled', 'OUT_OF_STOCK']);
    expect(stock.calls).toEqual([`reserve ${id}`]);
  });

  it('un cobro rechazado compensa: devuelve el stock y cancela con PAYMENT_DECLINED, una sola vez', async () => {
    const { repository, published, saga, stock, id } = await setUp();
    await saga.reserveStock(id);
    await saga.onPayment(payment('declined', id));
    await saga.onPayment(payment('declined', id));
    const order = await repository.search(id);
    expect([order?.status, order?.cancellationReason]).toEqual(['cancelled', 'PAYMENT_DECLINED']);
    expect(stock.calls).toEqual([`reserve ${id}`, `release ${id}`]);
    expect(names(published)).toEqual(['order.stock_reserved', 'order.cancelled']);
  });

  it('es idempotente con el cobro repetido y no paga un pedido cancelado ni uno que no existe', async () => {
    const { published, saga, id } = await setUp();
    await saga.reserveStock(id);
    await saga.onPayment(payment('captured', id));
    expect((await saga.onPayment(payment('captured', id))).ok).toBe(true);
    expect(names(published)).toEqual(['order.stock_reserved', 'order.paid']);
    const other = await setUp();
    await other.saga.reserveStock(other.id);
    await other.saga.onPayment(payment('declined', other.id));
    const late = await other.saga.onPayment(payment('captured', other.id));
    expect(!late.ok && late.error.code).toBe('ORDER_CANCELLED_BEFORE_PAYMENT');
    const missing = await saga.onPayment(payment('captured', 'no-existe'));
    expect(!missing.ok && missing.error.code).toBe('ORDER_NOT_FOUND');
  });
});
