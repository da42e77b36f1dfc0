import type { Check } from '../../lib/checks-types.ts';

type Order = { id: string; total: number; lines: Array<{ productId: string; quantity: number }> };

export default [
  {
    name: 'Un pedido normal se sigue creando',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-4', quantity: 1 }] } });
      ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}`);
    },
  },
  {
    name: 'Las líneas del mismo producto se juntan en una',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', {
        method: 'POST',
        body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-1', quantity: 2 }, { productId: 'p-1', quantity: 3 }] },
      });
      ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}`);
      const order = response.body as Order;
      ctx.assert(order.lines.length === 1, `Dos líneas de p-1 deberían quedar en 1 línea y el pedido tiene ${order.lines.length}`);
      ctx.assert(order.lines[0]?.quantity === 5, `La línea de p-1 debería sumar 5 unidades y tiene ${order.lines[0]?.quantity}`);
      ctx.assert(order.total === 47.5, `5 pizzas margarita suman 47,50 € y el pedido dice ${order.total}`);
    },
  },
  {
    name: 'Dos líneas del mismo producto que juntas superan el stock responden 409 OUT_OF_STOCK',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', {
        method: 'POST',
        body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-4', quantity: 6 }, { productId: 'p-4', quantity: 6 }] },
      });
      const code = (response.body as { code?: string }).code;
      ctx.assert(
        response.status === 409 && code === 'OUT_OF_STOCK',
        `Quedan 10 ensaladas y dos líneas de 6 piden 12: POST /orders debería responder 409 OUT_OF_STOCK y respondió ${response.status} ${JSON.stringify(code)}. ¿Junta Order.create las líneas antes de que OrderCreator mire el stock?`,
      );
    },
  },
  {
    name: 'Un pedido de más de 500 € responde 422 ORDER_TOTAL_LIMIT_EXCEEDED',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', {
        method: 'POST',
        body: {
          customerEmail: 'ana@foodly.test',
          items: [{ productId: 'p-3', quantity: 30 }, { productId: 'p-2', quantity: 15 }, { productId: 'p-1', quantity: 20 }],
        },
      });
      ctx.assert(response.status === 422, `Un pedido de 617,50 € debería responder 422 y respondió ${response.status}`);
      const code = (response.body as { code?: string }).code;
      ctx.assert(code === 'ORDER_TOTAL_LIMIT_EXCEEDED', `El 422 debería llevar "code": "ORDER_TOTAL_LIMIT_EXCEEDED" y lleva ${JSON.stringify(code)}`);
      const type = (response.body as { type?: string }).type;
      ctx.assert(
        type === 'https://foodly.example/problemas/importe-maximo-superado',
        `El 422 debería llevar su propio tipo de problema (regístralo en Shared/infrastructure/http/problemTypes.ts con el slug importe-maximo-superado) y lleva "type": ${JSON.stringify(type)}`,
      );
    },
  },
] satisfies Check[];
