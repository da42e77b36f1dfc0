import type { Check } from '../../lib/checks-types.ts';

type Order = { id: string; status: string; total: number; lines: unknown[] };

export default [
  {
    name: 'GET /status dice que los pedidos usan el repositorio clave-valor',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/status');
      ctx.assert(response.status === 200, `GET /status debería responder 200 y respondió ${response.status}`);
      const repository = (response.body as { repository?: string }).repository;
      ctx.assert(repository === 'key-value', `"repository" debería ser "key-value" (ORDERS_REPOSITORY) y es ${JSON.stringify(repository)}`);
    },
  },
  {
    name: 'Crear, cancelar y leer un pedido sigue devolviéndolo completo (con el repositorio en uso)',
    onStart: 'pass',
    run: async (ctx) => {
      const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-7', quantity: 2 }] } });
      ctx.assert(created.status === 201, `POST /orders debería responder 201 y respondió ${created.status}`);
      const order = created.body as Order;
      const cancelled = await ctx.request('orders', `/orders/${order.id}/cancel`, { method: 'POST' });
      ctx.assert(cancelled.status === 200, `Cancelar el pedido debería responder 200 y respondió ${cancelled.status}`);
      const found = (await ctx.request('orders', `/orders/${order.id}`)).body as Order;
      ctx.assert(found.status === 'cancelled' && found.total === 9 && found.lines.length === 1, 'El pedido leído del repositorio no coincide con el guardado (estado, total o líneas)');
    },
  },
  {
    name: 'Los pedidos sobreviven a un reinicio de orders-service',
    onStart: 'fail',
    run: async (ctx) => {
      const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-5', quantity: 3 }] } });
      ctx.assert(created.status === 201, `POST /orders debería responder 201 y respondió ${created.status}`);
      const order = created.body as Order;
      await ctx.stop('orders');
      await ctx.start('orders');
      const found = await ctx.request('orders', `/orders/${order.id}`);
      ctx.assert(found.status === 200, `Tras reiniciar orders-service, GET /orders/:id debería responder 200 y respondió ${found.status}: el pedido se perdió`);
      ctx.assert((found.body as Order).total === 4.5, 'El pedido recuperado tras el reinicio debería conservar su total (4,50 €)');
    },
  },
] satisfies Check[];
