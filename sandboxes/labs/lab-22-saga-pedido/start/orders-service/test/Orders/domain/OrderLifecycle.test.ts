import { describe, expect, it } from 'vitest';
import { Order } from '../../../src/Orders/domain/Order.ts';
import { OrderMother } from './OrderMother.ts';

// La máquina de estados del pedido: los pasos de la saga, en su orden, y la cancelación con motivo.
describe('Order: ciclo de vida', () => {
  it('recorre pending → stock_reserved → paid → confirmed y anota un evento por paso', () => {
    const order = OrderMother.stored();
    expect(order.status).toBe('pending');
    expect(order.markStockReserved().ok).toBe(true);
    expect(order.markPaid('pay-1').ok).toBe(true);
    expect(order.confirm().ok).toBe(true);
    expect(order.status).toBe('confirmed');
    expect(order.pullDomainEvents().map((event) => event.eventName)).toEqual(['order.stock_reserved', 'order.paid', 'order.confirmed']);
  });

  it('no se salta pasos: sin stock reservado no se cobra, y sin cobro no se confirma', () => {
    const order = OrderMother.stored();
    const paid = order.markPaid('pay-1');
    expect(!paid.ok && paid.error.code).toBe('INVALID_ORDER_TRANSITION');
    expect(order.markStockReserved().ok).toBe(true);
    const confirmed = order.confirm();
    expect(!confirmed.ok && confirmed.error.message).toBe(`El pedido ${order.id} está en stock_reserved y no puede pasar a confirmed`);
    expect(order.status, 'un paso rechazado no cambia el estado').toBe('stock_reserved');
  });

  it('se cancela con su motivo desde un paso intermedio, y después ya no avanza', () => {
    const order = OrderMother.withStockReserved();
    expect(order.cancel('PAYMENT_DECLINED').ok).toBe(true);
    expect(order.toPrimitives()).toMatchObject({ status: 'cancelled', cancellationReason: 'PAYMENT_DECLINED' });
    const paid = order.markPaid('pay-1');
    expect(!paid.ok && paid.error.code).toBe('INVALID_ORDER_TRANSITION');
    const again = order.cancel('CUSTOMER_REQUEST');
    expect(!again.ok && again.error.code).toBe('ORDER_ALREADY_CANCELLED');
    expect(order.cancellationReason, 'el primer motivo es el que vale').toBe('PAYMENT_DECLINED');
  });

  it('un pedido no cancelado no tiene motivo en sus primitivos', () => {
    expect(OrderMother.stored().toPrimitives()).not.toHaveProperty('cancellationReason');
  });

  it('se reconstruye desde sus eventos en el mismo estado y con el mismo motivo', () => {
    const order = OrderMother.create();
    order.markStockReserved();
    order.cancel('PAYMENT_TIMEOUT');
    const rebuilt = Order.fromEvents(order.pullDomainEvents());
    expect(rebuilt.toPrimitives()).toEqual(order.toPrimitives());
    expect(rebuilt.version).toBe(3);
  });

  it('se reconstruye desde sus primitivos con el motivo', () => {
    const order = OrderMother.withStockReserved();
    order.cancel('OUT_OF_STOCK');
    expect(Order.fromPrimitives(order.toPrimitives()).cancellationReason).toBe('OUT_OF_STOCK');
  });
});
