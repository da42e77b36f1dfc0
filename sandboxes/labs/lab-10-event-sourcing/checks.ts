import type { Check, CheckContext } from '../../lib/checks-types.ts';

async function createAndCancel(ctx: CheckContext): Promise<string> {
  const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-2', quantity: 2 }] } });
  ctx.assert(created.status === 201, `POST /orders debería responder 201 y respondió ${created.status}`);
  const id = (created.body as { id: string }).id;
  const cancelled = await ctx.request('orders', `/orders/${id}/cancel`, { method: 'POST' });
  const conflict = (cancelled.body as { code?: string }).code === 'CONCURRENCY_CONFLICT';
  const hint = conflict ? ': el almacén esperaba otra versión. ¿Deja Order.fromEvents el pedido en la versión de su último evento y pasa save esa versión (order.expectedVersion)?' : '';
  ctx.assert(cancelled.status === 200, `Cancelar el pedido debería responder 200 y respondió ${cancelled.status}${hint}`);
  return id;
}

export default [
  {
    name: 'GET /orders/:id/events devuelve la historia del pedido en orden',
    onStart: 'fail',
    run: async (ctx) => {
      const id = await createAndCancel(ctx);
      const response = await ctx.request('orders', `/orders/${id}/events`);
      ctx.assert(response.status === 200, `GET /orders/:id/events debería responder 200 y respondió ${response.status}`);
      const events = response.body as Array<{ version?: number; eventName?: string }>;
      const summary = Array.isArray(events) ? events.map((event) => `${event.version}:${event.eventName}`).join(', ') : response.text.slice(0, 100);
      ctx.assert(summary === '1:order.created, 2:order.cancelled', `La historia debería ser "1:order.created, 2:order.cancelled" y es "${summary}"`);
    },
  },
  {
    name: 'GET /orders/:id?version=1 reconstruye el pedido antes de cancelarlo',
    onStart: 'fail',
    run: async (ctx) => {
      const id = await createAndCancel(ctx);
      const past = await ctx.request('orders', `/orders/${id}?version=1`);
      ctx.assert(past.status === 200, `GET /orders/:id?version=1 debería responder 200 y respondió ${past.status}`);
      const pastStatus = (past.body as { status?: string }).status;
      ctx.assert(pastStatus === 'created', `En su versión 1 el pedido estaba "created" y la respuesta dice ${JSON.stringify(pastStatus)}`);
      const now = (await ctx.request('orders', `/orders/${id}`)).body as { status?: string; total?: number };
      ctx.assert(now.status === 'cancelled' && now.total === 22, 'Sin ?version, GET /orders/:id debería devolver el estado actual (cancelado, 22 €)');
    },
  },
  {
    name: 'El pedido reconstruido desde sus eventos sigue aplicando las reglas',
    onStart: 'fail',
    run: async (ctx) => {
      const id = await createAndCancel(ctx);
      const again = await ctx.request('orders', `/orders/${id}/cancel`, { method: 'POST' });
      ctx.assert(again.status === 409, `Cancelar otra vez un pedido reconstruido debería responder 409 y respondió ${again.status}`);
      const events = await ctx.request('orders', `/orders/${id}/events`);
      const count = Array.isArray(events.body) ? events.body.length : -1;
      ctx.assert(count === 2, `Un intento fallido no debe añadir eventos: la historia debería tener 2 y tiene ${count}`);
    },
  },
] satisfies Check[];
