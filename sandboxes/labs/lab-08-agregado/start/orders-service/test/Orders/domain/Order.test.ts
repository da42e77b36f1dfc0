import { describe, expect, it } from 'vitest';
import { Order } from '../../../src/Orders/domain/Order.ts';
import { OrderLineMother } from './OrderLineMother.ts';
import { OrderMother } from './OrderMother.ts';

// Tests del agregado con Vitest: sin HTTP, sin red, sin base de datos. Ejecútalos en la pestaña
// Tests del sandbox (o con `npm test` en tu máquina).
describe('Order', () => {
  it('calcula el total a partir de sus líneas', () => {
    const order = OrderMother.create({
      lines: [OrderLineMother.create({ unitPrice: 9.5, quantity: 2 }), OrderLineMother.create({ productId: 'p-5', unitPrice: 1.5, quantity: 1 })],
    });
    expect(order.total().toNumber()).toBe(20.5);
  });

  it('no admite un pedido sin líneas', () => {
    const result = Order.create({ id: 'o-1', customerEmail: 'ana@foodly.test', lines: [] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('EMPTY_ORDER');
  });

  it('anota order.created al crearse', () => {
    const order = OrderMother.create();
    const events = order.pullDomainEvents();
    expect(events.map((event) => event.eventName)).toEqual(['order.created']);
    expect(order.pullDomainEvents(), 'los eventos se entregan una sola vez').toEqual([]);
  });

  it('no se cancela dos veces', () => {
    const order = OrderMother.stored();
    expect(order.cancel().ok).toBe(true);
    const again = order.cancel();
    expect(!again.ok && again.error.code).toBe('ORDER_ALREADY_CANCELLED');
    expect(order.pullDomainEvents().map((event) => event.eventName)).toEqual(['order.cancelled']);
  });
});
