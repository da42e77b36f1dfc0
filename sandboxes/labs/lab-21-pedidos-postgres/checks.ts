import type { Check, CheckContext } from '../../lib/checks-types.ts';

type Order = { id?: string; status?: string; total?: number; lines?: Array<{ productId?: string; quantity?: number; unitPrice?: number }> };

async function createOrder(ctx: CheckContext): Promise<Order> {
  const created = await ctx.request('orders', '/orders', {
    method: 'POST',
    body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-2', quantity: 2 }, { productId: 'p-5', quantity: 1 }] },
  });
  ctx.assert(created.status === 201, `POST /orders debería responder 201 y respondió ${created.status}: ${created.text.slice(0, 200)} (mira el log de orders: ¿escribe ya save?)`);
  return created.body as Order;
}

/** Espera a que orders vuelva a responder /ping tras un reinicio (migraciones incluidas). */
async function waitForOrders(ctx: CheckContext): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const ping = await ctx.request('orders', '/ping').catch(() => undefined);
    if (ping?.status === 200) return;
    await ctx.sleep(100);
  }
}

export default [
  {
    name: 'POST /orders guarda el pedido con sus líneas y GET lo devuelve igual',
    onStart: 'fail',
    run: async (ctx) => {
      const order = await createOrder(ctx);
      const found = await ctx.request('orders', `/orders/${order.id}`);
      ctx.assert(found.status === 200, `GET /orders/${order.id} debería responder 200 y respondió ${found.status}`);
      const body = found.body as Order;
      ctx.assert(body.lines?.length === 2, `El pedido debería tener 2 líneas y tiene ${body.lines?.length}: ¿se guardan todas, con su position?`);
      ctx.assert(typeof body.total === 'number' && body.total === order.total, `El total leído (${JSON.stringify(body.total)}) debería ser el número ${order.total}: ¿llega un numeric como string?`);
      ctx.assert(body.lines?.map((line) => line.productId).join(',') === 'p-2,p-5', `Las líneas deberían salir en su orden (p-2, p-5) y salen ${body.lines?.map((line) => line.productId).join(', ')}`);
    },
  },
  {
    name: 'El pedido sigue ahí después de reiniciar orders-service',
    onStart: 'fail',
    run: async (ctx) => {
      const order = await createOrder(ctx);
      await ctx.stop('orders');
      await ctx.start('orders');
      await waitForOrders(ctx);
      const found = await ctx.request('orders', `/orders/${order.id}`);
      ctx.assert(found.status === 200, `Tras reiniciar orders, GET /orders/${order.id} debería responder 200 y respondió ${found.status}: ¿se guarda en PostgreSQL o en memoria?`);
      const status = await ctx.request('orders', '/status');
      ctx.assert((status.body as { repository?: string }).repository === 'postgres', `GET /status debería decir repository "postgres" y dice ${status.text}`);
    },
  },
  {
    name: 'Dos cancelaciones a la vez del mismo pedido: una gana (200) y la otra recibe 409',
    onStart: 'fail',
    run: async (ctx) => {
      const order = await createOrder(ctx);
      const [first, second] = await Promise.all([
        ctx.request('orders', `/orders/${order.id}/cancel`, { method: 'POST' }),
        ctx.request('orders', `/orders/${order.id}/cancel`, { method: 'POST' }),
      ]);
      const statuses = [first.status, second.status].sort((a, b) => a - b);
      ctx.assert(
        statuses[0] === 200 && statuses[1] === 409,
        `Las dos cancelaciones respondieron ${statuses.join(' y ')}; se esperaba 200 y 409. Con 200 y 200 las dos leyeron el pedido sin cancelar y las dos escribieron (actualización perdida): compara la versión leída en el UPDATE … WHERE version = $n.`,
      );
      const loser = first.status === 409 ? first : second;
      ctx.assert((loser.headers['content-type'] ?? '').startsWith('application/problem+json'), `El 409 debería ser problem+json y es ${loser.headers['content-type']}`);
      const found = await ctx.request('orders', `/orders/${order.id}`);
      ctx.assert((found.body as Order).status === 'cancelled', `El pedido debería quedar cancelado y está ${(found.body as Order).status}`);
    },
  },
  {
    name: 'Cancelar un pedido ya cancelado sigue siendo un 409 del dominio',
    onStart: 'fail',
    run: async (ctx) => {
      const order = await createOrder(ctx);
      const cancelled = await ctx.request('orders', `/orders/${order.id}/cancel`, { method: 'POST' });
      ctx.assert(cancelled.status === 200, `La primera cancelación debería responder 200 y respondió ${cancelled.status}: ${cancelled.text.slice(0, 200)}`);
      const again = await ctx.request('orders', `/orders/${order.id}/cancel`, { method: 'POST' });
      ctx.assert(again.status === 409 && /ORDER_ALREADY_CANCELLED/.test(again.text), `La segunda debería responder 409 ORDER_ALREADY_CANCELLED y respondió ${again.status}: ${again.text.slice(0, 200)}`);
    },
  },
  {
    name: 'Un pedido que no existe sigue siendo un 404 problem+json',
    onStart: 'pass',
    run: async (ctx) => {
      const missing = await ctx.request('orders', '/orders/no-existe');
      ctx.assert(missing.status === 404, `GET /orders/no-existe debería responder 404 y respondió ${missing.status}: ${missing.text.slice(0, 200)}`);
    },
  },
] satisfies Check[];
