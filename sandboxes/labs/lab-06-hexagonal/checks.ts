import type { Check, CheckContext } from '../../lib/checks-types.ts';

type Order = { id: string; status: string; total: number };

async function createOrder(ctx: CheckContext): Promise<Order> {
  const response = await ctx.request('orders', '/orders', {
    method: 'POST',
    body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-2', quantity: 1 }, { productId: 'p-6', quantity: 2 }] },
  });
  ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}: ${response.text.slice(0, 200)}`);
  return response.body as Order;
}

export default [
  {
    name: 'Crear y consultar un pedido sigue funcionando igual',
    onStart: 'pass',
    run: async (ctx) => {
      const order = await createOrder(ctx);
      ctx.assert(order.total === 16, `1 pizza cuatro quesos (11 €) y 2 limonadas (2,50 €) suman 16 € y el pedido dice ${order.total}`);
      const found = await ctx.request('orders', `/orders/${order.id}`);
      ctx.assert(found.status === 200, `GET /orders/:id debería responder 200 y respondió ${found.status}`);
      ctx.assert((found.body as Order).status === 'created', 'Un pedido recién creado debería estar en estado "created"');
      const emailSent = () => ctx.logs('orders').some((line) => line.includes('[email]') && line.includes(order.id));
      for (let waited = 0; waited < 4000 && !emailSent(); waited += 100) await ctx.sleep(100);
      ctx.assert(emailSent(), 'El correo de confirmación del pedido debería seguir apareciendo en el log');
    },
  },
  {
    name: 'Una cantidad fuera de rango responde 422',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-2', quantity: 0 }] } });
      ctx.assert(response.status === 422, `Un pedido con cantidad 0 debería responder 422 y respondió ${response.status}`);
    },
  },
  {
    name: 'POST /orders/:id/cancel cancela el pedido',
    onStart: 'fail',
    run: async (ctx) => {
      const order = await createOrder(ctx);
      const response = await ctx.request('orders', `/orders/${order.id}/cancel`, { method: 'POST' });
      ctx.assert(response.status === 200, `POST /orders/:id/cancel debería responder 200 y respondió ${response.status}`);
      ctx.assert((response.body as Order).status === 'cancelled', `El pedido cancelado debería tener "status": "cancelled" y tiene ${JSON.stringify((response.body as Order).status)}`);
      const found = (await ctx.request('orders', `/orders/${order.id}`)).body as Order;
      ctx.assert(found.status === 'cancelled', 'La cancelación debería guardarse: GET /orders/:id sigue diciendo que no está cancelado');
    },
  },
  {
    name: 'Cancelar dos veces responde 409 ORDER_ALREADY_CANCELLED',
    onStart: 'fail',
    run: async (ctx) => {
      const order = await createOrder(ctx);
      await ctx.request('orders', `/orders/${order.id}/cancel`, { method: 'POST' });
      const again = await ctx.request('orders', `/orders/${order.id}/cancel`, { method: 'POST' });
      ctx.assert(again.status === 409, `Cancelar un pedido ya cancelado debería responder 409 y respondió ${again.status}`);
      ctx.assert((again.body as { code?: string }).code === 'ORDER_ALREADY_CANCELLED', 'El 409 debería llevar "code": "ORDER_ALREADY_CANCELLED"');
    },
  },
  {
    name: 'Cancelar un pedido que no existe responde 404 ORDER_NOT_FOUND',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders/no-existe/cancel', { method: 'POST' });
      ctx.assert(response.status === 404, `Cancelar un pedido inexistente debería responder 404 y respondió ${response.status}`);
      ctx.assert((response.body as { code?: string }).code === 'ORDER_NOT_FOUND', 'El 404 debería llevar "code": "ORDER_NOT_FOUND"');
    },
  },
] satisfies Check[];
