import { describe, expect, it } from 'vitest';
import { CustomerOrdersProjection } from '../src/Reporting/application/CustomerOrdersProjection.ts';
import type { OrderEvent } from '../src/Reporting/application/OrderEvent.ts';

const placed = (orderId: string, customerEmail: string, total: number): OrderEvent => ({ id: `${orderId}-placed`, type: 'com.foodly.order.placed', orderId, customerEmail, total });
const cancelled = (orderId: string): OrderEvent => ({ id: `${orderId}-cancelled`, type: 'com.foodly.order.cancelled', orderId });

describe('CustomerOrdersProjection', () => {
  it('cuenta los pedidos de cada cliente y descuenta los cancelados del total activo', () => {
    const projection = new CustomerOrdersProjection();
    projection.apply(placed('o-1', 'ana@foodly.test', 22), { partition: 0, offset: 0 });
    projection.apply(placed('o-2', 'ana@foodly.test', 10), { partition: 1, offset: 0 });
    projection.apply(cancelled('o-1'), { partition: 0, offset: 1 });

    expect(projection.snapshot().customers).toEqual({ 'ana@foodly.test': { orders: 2, cancelled: 1, active: 1, activeTotal: 10 } });
    expect(projection.eventsApplied).toBe(3);
  });

  it('con los eventos de un pedido en orden, el pedido queda cancelado y en una sola partición', () => {
    const projection = new CustomerOrdersProjection();
    projection.apply(placed('o-1', 'ana@foodly.test', 22), { partition: 2, offset: 7 });
    projection.apply(cancelled('o-1'), { partition: 2, offset: 8 });

    expect(projection.snapshot().orders).toEqual([
      { orderId: 'o-1', customerEmail: 'ana@foodly.test', status: 'cancelled', total: 22, partitions: [2], events: ['order.placed', 'order.cancelled'] },
    ]);
  });

  it('desordenados (la cancelación antes que el alta), el pedido cancelado vuelve a parecer activo', () => {
    const projection = new CustomerOrdersProjection();
    projection.apply(cancelled('o-1'), { partition: 1, offset: 0 });
    expect(projection.snapshot().unknownOrders).toEqual(['o-1']);

    projection.apply(placed('o-1', 'ana@foodly.test', 22), { partition: 0, offset: 0 });

    // Es el fallo que evita la clave: un orden por pedido solo existe dentro de una partición.
    const [row] = projection.snapshot().orders;
    expect(row?.status).toBe('placed');
    expect(row?.partitions).toEqual([1, 0]);
  });
});
