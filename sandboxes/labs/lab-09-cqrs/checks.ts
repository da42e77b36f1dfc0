import type { Check, CheckContext } from '../../lib/checks-types.ts';

type CustomerOrders = { orders?: Array<{ orderId: string; status: string; total: number; itemCount: number }>; activeOrders?: number; totalSpent?: number };

async function createOrder(ctx: CheckContext, customerEmail: string, items: Array<{ productId: string; quantity: number }>): Promise<string> {
  const response = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail, items } });
  ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}`);
  return (response.body as { id: string }).id;
}

export default [
  {
    name: 'GET /customers/:email/orders devuelve los pedidos del cliente desde el modelo de lectura',
    onStart: 'fail',
    run: async (ctx) => {
      const email = `cqrs-${Math.random().toString(36).slice(2)}@foodly.test`;
      const first = await createOrder(ctx, email, [{ productId: 'p-1', quantity: 1 }, { productId: 'p-6', quantity: 1 }]);
      await createOrder(ctx, 'otra@foodly.test', [{ productId: 'p-5', quantity: 1 }]);
      const response = await ctx.request('orders', `/customers/${email}/orders`);
      ctx.assert(response.status === 200, `GET /customers/:email/orders debería responder 200 y respondió ${response.status}`);
      const view = response.body as CustomerOrders;
      ctx.assert(Array.isArray(view.orders) && view.orders.length === 1, `El cliente tiene 1 pedido y la consulta devuelve ${view.orders?.length ?? 'otra cosa'}`);
      const summary = view.orders![0]!;
      ctx.assert(summary.orderId === first && summary.total === 12 && summary.itemCount === 2, 'El resumen debería llevar orderId, total (12 €) e itemCount (2)');
    },
  },
  {
    name: 'Cancelar un pedido actualiza el modelo de lectura (estado, activos y gasto)',
    onStart: 'fail',
    run: async (ctx) => {
      const email = `cqrs-${Math.random().toString(36).slice(2)}@foodly.test`;
      await createOrder(ctx, email, [{ productId: 'p-3', quantity: 2 }]);
      const second = await createOrder(ctx, email, [{ productId: 'p-7', quantity: 1 }]);
      const cancelled = await ctx.request('orders', `/orders/${second}/cancel`, { method: 'POST' });
      ctx.assert(cancelled.status === 200, `Cancelar debería responder 200 y respondió ${cancelled.status}`);
      const view = (await ctx.request('orders', `/customers/${email}/orders`)).body as CustomerOrders;
      const status = view.orders?.find((order) => order.orderId === second)?.status;
      ctx.assert(status === 'cancelled', `En el modelo de lectura el pedido cancelado debería estar "cancelled" y está ${JSON.stringify(status)}`);
      ctx.assert(view.activeOrders === 1, `"activeOrders" debería ser 1 y es ${JSON.stringify(view.activeOrders)}`);
      ctx.assert(view.totalSpent === 17.5, `"totalSpent" debería contar solo el pedido activo (17,50 €) y vale ${JSON.stringify(view.totalSpent)}`);
    },
  },
  {
    name: 'Las escrituras siguen aplicando las reglas del agregado',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-1', quantity: 0 }] } });
      ctx.assert(response.status === 422, `Una cantidad 0 debería responder 422 y respondió ${response.status}`);
    },
  },
] satisfies Check[];
