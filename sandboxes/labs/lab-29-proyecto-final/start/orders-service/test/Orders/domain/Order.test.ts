import { describe, expect, it } from 'vitest';
import { MAX_ORDER_TOTAL, Order } from '../../../src/Orders/domain/Order.ts';
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

  // #region merges-lines-test
  it('junta en una sola línea las del mismo producto', () => {
    const order = OrderMother.create({
      lines: [OrderLineMother.create({ productId: 'p-1', quantity: 2 }), OrderLineMother.create({ productId: 'p-1', quantity: 3 })],
    });
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0]!.quantity.value).toBe(5);
  });

  it('no deja que dos líneas juntas pasen de 99 unidades', () => {
    const result = Order.create({
      id: 'o-2',
      customerEmail: 'ana@foodly.test',
      lines: [OrderLineMother.create({ unitPrice: 1, quantity: 60 }), OrderLineMother.create({ unitPrice: 1, quantity: 60 })],
    });
    expect(!result.ok && result.error.code).toBe('INVALID_QUANTITY');
  });

  it(`no admite pedidos de más de ${MAX_ORDER_TOTAL.toNumber()} €`, () => {
    const result = Order.create({ id: 'o-3', customerEmail: 'ana@foodly.test', lines: [OrderLineMother.create({ unitPrice: 100, quantity: 6 })] });
    expect(!result.ok && result.error.code).toBe('ORDER_TOTAL_LIMIT_EXCEEDED');
  });
  // #endregion merges-lines-test

  it('anota order.created al crearse', () => {
    const order = OrderMother.create();
    const events = order.pullDomainEvents();
    expect(events.map((event) => event.eventName)).toEqual(['order.created']);
    expect(order.pullDomainEvents(), 'los eventos se entregan una sola vez').toEqual([]);
  });

  it('no se cancela dos veces', () => {
    const order = OrderMother.stored();
    expect(order.cancel('CUSTOMER_REQUEST').ok).toBe(true);
    const again = order.cancel('CUSTOMER_REQUEST');
    expect(!again.ok && again.error.code).toBe('ORDER_ALREADY_CANCELLED');
    expect(order.pullDomainEvents().map((event) => event.eventName)).toEqual(['order.cancelled']);
  });
});
