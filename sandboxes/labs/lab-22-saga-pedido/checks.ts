import type { Check, CheckContext } from '../../lib/checks-types.ts';

type Order = { id?: string; status?: string; cancellationReason?: string; total?: number };
type Product = { stock?: number };

async function stockOf(ctx: CheckContext, productId: string): Promise<number> {
  const response = await ctx.request('products', `/products/${productId}`);
  ctx.assert(response.status === 200, `GET /products/${productId} debería responder 200 y respondió ${response.status}`);
  return (response.body as Product).stock ?? Number.NaN;
}

async function placeOrder(ctx: CheckContext, productId: string, quantity: number, cardToken: string): Promise<Order> {
  const response = await ctx.request('orders', '/orders', {
    method: 'POST',
    body: { customerEmail: 'saga@foodly.test', items: [{ productId, quantity }], cardToken },
  });
  ctx.assert(
    response.status === 201,
    `POST /orders con ${cardToken} debería responder 201 (el pedido existe, acabe como acabe la saga) y respondió ${response.status}: ${response.text.slice(0, 200)}`,
  );
  return response.body as Order;
}

/** Un cobro que falla: el pedido acaba cancelado con su motivo, guardado, y el stock y la reserva, devueltos. */
async function expectCompensated(ctx: CheckContext, productId: string, quantity: number, cardToken: string, reason: string): Promise<Order> {
  const before = await stockOf(ctx, productId);
  const order = await placeOrder(ctx, productId, quantity, cardToken);
  const after = await stockOf(ctx, productId);
  ctx.assert(
    after === before,
    `El stock de ${productId} era ${before} y tras el pedido con ${cardToken} es ${after}: el cobro falló, pero las ${quantity} unidades siguen apartadas. Libera la reserva en la compensación (this.stock.release).`,
  );
  ctx.assert(
    order.status === 'cancelled' && order.cancellationReason === reason,
    `El pedido con ${cardToken} debería quedar cancelled con cancellationReason ${reason} y quedó ${order.status}${order.cancellationReason ? ` (${order.cancellationReason})` : ''}: cancélalo con el motivo del cobro (order.cancel(charge.reason)) y guárdalo con this.commit.`,
  );
  const stored = await ctx.request('orders', `/orders/${order.id}`);
  ctx.assert((stored.body as Order).status === 'cancelled', `GET /orders/${order.id} devuelve ${(stored.body as Order).status}: la cancelación no se guardó.`);
  const reservation = await ctx.request('products', `/reservations/${order.id}`);
  ctx.assert(
    (reservation.body as { status?: string }).status === 'released',
    `GET /reservations/${order.id} en products-service dice ${reservation.status} ${reservation.text.slice(0, 120)}: la reserva debería estar released.`,
  );
  return order;
}

export default [
  {
    name: 'El camino feliz: reserva, cobra y confirma (el stock baja y el cobro queda hecho)',
    onStart: 'pass',
    run: async (ctx) => {
      const before = await stockOf(ctx, 'p-1');
      const order = await placeOrder(ctx, 'p-1', 2, 'tok_visa');
      ctx.assert(order.status === 'confirmed', `Con tok_visa el pedido debería quedar confirmed y quedó ${order.status} ${order.cancellationReason ?? ''}`);
      const after = await stockOf(ctx, 'p-1');
      ctx.assert(after === before - 2, `El stock de p-1 era ${before} y tras pedir 2 es ${after}: debería ser ${before - 2}.`);
      const payment = await ctx.request('payments', `/payments/${order.id}`);
      ctx.assert(
        payment.status === 200 && (payment.body as { status?: string; amount?: number }).status === 'captured' && (payment.body as { amount?: number }).amount === order.total,
        `GET /payments/${order.id} debería ser un cobro captured de ${order.total} € y es ${payment.status} ${payment.text.slice(0, 160)}`,
      );
    },
  },
  {
    name: 'Sin stock, el pedido se rechaza con un 409 y no se cobra nada',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'saga@foodly.test', items: [{ productId: 'p-7', quantity: 50 }], cardToken: 'tok_visa' } });
      ctx.assert(response.status === 409, `Pedir 50 tartas (quedan 12) debería responder 409 y respondió ${response.status}: ${response.text.slice(0, 160)}`);
      ctx.assert((response.headers['content-type'] ?? '').startsWith('application/problem+json'), `El 409 debería ser application/problem+json y es ${response.headers['content-type']}`);
    },
  },
  {
    name: 'Tarjeta rechazada (tok_declined): el stock se libera y el pedido queda cancelado con PAYMENT_DECLINED',
    onStart: 'fail',
    run: async (ctx) => {
      const order = await expectCompensated(ctx, 'p-4', 2, 'tok_declined', 'PAYMENT_DECLINED');
      const payment = await ctx.request('payments', `/payments/${order.id}`);
      ctx.assert((payment.body as { status?: string }).status === 'declined', `GET /payments/${order.id} debería seguir declined (no hay nada que devolver) y es ${payment.text.slice(0, 120)}`);
    },
  },
  {
    name: 'Un importe por encima del límite de la tarjeta también se compensa',
    onStart: 'fail',
    run: async (ctx) => {
      // 10 pizzas cuatro quesos a 11 € = 110 €, por encima de PAYMENT_LIMIT_EUR (100).
      await expectCompensated(ctx, 'p-2', 10, 'tok_visa', 'PAYMENT_DECLINED');
    },
  },
  {
    name: 'Un cobro sin respuesta (tok_slow): tras el plazo se anula el cobro, se libera el stock y se cancela con PAYMENT_TIMEOUT',
    onStart: 'fail',
    run: async (ctx) => {
      const order = await expectCompensated(ctx, 'p-6', 3, 'tok_slow', 'PAYMENT_TIMEOUT');
      const payment = await ctx.request('payments', `/payments/${order.id}`);
      ctx.assert(
        (payment.body as { status?: string }).status === 'refunded',
        `GET /payments/${order.id} dice ${(payment.body as { status?: string }).status ?? payment.status}: sin respuesta no sabes si cobró. Anula el cobro (this.payments.refund) cuando charge.status es 'unknown'.`,
      );
      // El cobro lento termina unos segundos después: al ver el cobro anulado, no debe cobrar.
      let late = false;
      for (let waited = 0; waited < 8000 && !late; waited += 250) {
        late = ctx.logs('payments').some((line) => line.includes(`${order.id}: la red contestó tarde`));
        if (!late) await ctx.sleep(250);
      }
      ctx.assert(late, `payments-service no registró la respuesta tardía del cobro de ${order.id} en 8 s.`);
      const final = await ctx.request('payments', `/payments/${order.id}`);
      ctx.assert((final.body as { status?: string }).status === 'refunded', `Tras la respuesta tardía de la red, el cobro de ${order.id} es ${final.text.slice(0, 120)}: debería seguir refunded.`);
    },
  },
] satisfies Check[];
