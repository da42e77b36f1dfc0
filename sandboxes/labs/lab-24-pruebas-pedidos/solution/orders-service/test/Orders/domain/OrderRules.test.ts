import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_ORDER_TOTAL, Order } from '../../../src/Orders/domain/Order.ts';
import { OrderLineMother } from './OrderLineMother.ts';
import { OrderMother } from './OrderMother.ts';

// Tests unitarios del agregado: las reglas que el lab 8 dejó sin probar. Sin HTTP ni red: Order y
// los Object Mothers de esta carpeta. La comprobación del lab los pasa también contra mutantes:
// copias de Order.ts rotas a propósito que estos tests deben detectar.
afterEach(() => {
  vi.useRealTimers();
});

describe('Order: límites y reconstrucción', () => {
  // #region boundary-tests
  it('admite un pedido de exactamente 500 € (el límite es «más de 500»)', () => {
    const result = Order.create({ id: 'o-500', customerEmail: 'ana@foodly.test', lines: [OrderLineMother.create({ unitPrice: 100, quantity: 5 })] });
    expect(result.ok, 'un pedido de 500 € justos está dentro del límite').toBe(true);
    expect(result.ok && result.value.total().toNumber()).toBe(MAX_ORDER_TOTAL.toNumber());
  });

  it('rechaza un pedido de 500,01 € con ORDER_TOTAL_LIMIT_EXCEEDED', () => {
    const result = Order.create({
      id: 'o-501',
      customerEmail: 'ana@foodly.test',
      lines: [OrderLineMother.create({ unitPrice: 100, quantity: 5 }), OrderLineMother.create({ productId: 'p-9', unitPrice: 0.01 })],
    });
    expect(!result.ok && result.error.code).toBe('ORDER_TOTAL_LIMIT_EXCEEDED');
  });
  // #endregion boundary-tests

  // #region from-events-test
  it('reconstruido desde sus eventos (created, cancelled), el pedido sigue cancelado y no se cancela otra vez', () => {
    const order = OrderMother.create();
    expect(order.cancel().ok).toBe(true);
    const history = order.pullDomainEvents();

    const rebuilt = Order.fromEvents(history);

    expect(rebuilt.status).toBe('cancelled');
    expect(rebuilt.version, 'la versión es la de su último evento').toBe(2);
    const again = rebuilt.cancel();
    expect(!again.ok && again.error.code).toBe('ORDER_ALREADY_CANCELLED');
  });
  // #endregion from-events-test

  // #region fake-clock-test
  it('order.created lleva la hora del reloj (fijada con vi.setSystemTime)', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-06-17T08:30:00.000Z'));

    const order = OrderMother.create();

    expect(order.createdAt).toBe('2025-06-17T08:30:00.000Z');
    expect(order.pullDomainEvents()[0]?.occurredOn).toBe('2025-06-17T08:30:00.000Z');
  });
  // #endregion fake-clock-test
});
