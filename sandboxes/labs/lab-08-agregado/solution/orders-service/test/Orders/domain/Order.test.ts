import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ORDER_TOTAL, Order } from '../../../src/Orders/domain/Order.ts';
import { OrderLineMother } from './OrderLineMother.ts';
import { OrderMother } from './OrderMother.ts';

// Tests del agregado: sin HTTP, sin red, sin base de datos. Se ejecutan con `npm run test:orders`.
describe('Order', () => {
  it('calcula el total a partir de sus líneas', () => {
    const order = OrderMother.create({
      lines: [OrderLineMother.create({ unitPrice: 9.5, quantity: 2 }), OrderLineMother.create({ productId: 'p-5', unitPrice: 1.5, quantity: 1 })],
    });
    assert.equal(order.total().toNumber(), 20.5);
  });

  it('no admite un pedido sin líneas', () => {
    const result = Order.create({ id: 'o-1', customerEmail: 'ana@foodly.test', lines: [] });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'EMPTY_ORDER');
  });

  // #region merges-lines-test
  it('junta en una sola línea las del mismo producto', () => {
    const order = OrderMother.create({
      lines: [OrderLineMother.create({ productId: 'p-1', quantity: 2 }), OrderLineMother.create({ productId: 'p-1', quantity: 3 })],
    });
    assert.equal(order.lines.length, 1);
    assert.equal(order.lines[0]!.quantity.value, 5);
  });

  it('no deja que dos líneas juntas pasen de 99 unidades', () => {
    const result = Order.create({
      id: 'o-2',
      customerEmail: 'ana@foodly.test',
      lines: [OrderLineMother.create({ unitPrice: 1, quantity: 60 }), OrderLineMother.create({ unitPrice: 1, quantity: 60 })],
    });
    assert.equal(!result.ok && result.error.code, 'INVALID_QUANTITY');
  });

  it(`no admite pedidos de más de ${MAX_ORDER_TOTAL.toNumber()} €`, () => {
    const result = Order.create({ id: 'o-3', customerEmail: 'ana@foodly.test', lines: [OrderLineMother.create({ unitPrice: 100, quantity: 6 })] });
    assert.equal(!result.ok && result.error.code, 'ORDER_TOTAL_LIMIT_EXCEEDED');
  });
  // #endregion merges-lines-test

  it('anota order.created al crearse', () => {
    const order = OrderMother.create();
    const events = order.pullDomainEvents();
    assert.deepEqual(events.map((event) => event.eventName), ['order.created']);
    assert.deepEqual(order.pullDomainEvents(), [], 'los eventos se entregan una sola vez');
  });

  it('no se cancela dos veces', () => {
    const order = OrderMother.stored();
    assert.equal(order.cancel().ok, true);
    const again = order.cancel();
    assert.equal(!again.ok && again.error.code, 'ORDER_ALREADY_CANCELLED');
    assert.deepEqual(order.pullDomainEvents().map((event) => event.eventName), ['order.cancelled']);
  });
});
