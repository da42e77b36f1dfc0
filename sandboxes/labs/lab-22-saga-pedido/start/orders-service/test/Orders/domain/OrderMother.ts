import { unwrap } from '../../../src/Shared/domain/Result.ts';
import { Order } from '../../../src/Orders/domain/Order.ts';
import type { OrderLine } from '../../../src/Orders/domain/OrderLine.ts';
import { OrderLineMother } from './OrderLineMother.ts';

let sequence = 0;

export const OrderMother = {
  create(overrides: Partial<{ id: string; customerEmail: string; lines: OrderLine[] }> = {}): Order {
    return unwrap(Order.create({ id: `order-${++sequence}`, customerEmail: 'ana@foodly.test', lines: [OrderLineMother.create()], ...overrides }));
  },

  /** Un pedido recién leído del repositorio: sin eventos pendientes. */
  stored(overrides: Partial<{ id: string; customerEmail: string; lines: OrderLine[] }> = {}): Order {
    const order = OrderMother.create(overrides);
    order.pullDomainEvents();
    return order;
  },

  /** Un pedido guardado que ya dio el primer paso de la saga: su stock está apartado. */
  withStockReserved(overrides: Partial<{ id: string; customerEmail: string; lines: OrderLine[] }> = {}): Order {
    const order = OrderMother.stored(overrides);
    unwrap(order.markStockReserved());
    order.pullDomainEvents();
    return order;
  },
};
