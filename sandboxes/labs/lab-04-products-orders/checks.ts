import type { Check, CheckContext } from '../../lib/checks-types.ts';

const order = { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-1', quantity: 2 }, { productId: 'p-5', quantity: 1 }] };

async function expectUnavailable(ctx: CheckContext, situation: string, maxMs: number) {
  const startedAt = Date.now();
  const response = await ctx.request('orders', '/orders', { method: 'POST', body: { ...order, items: [{ productId: 'p-2', quantity: 1 }] } });
  const elapsed = Date.now() - startedAt;
  ctx.assert(elapsed < maxMs, `Con ${situation}, POST /orders tardó ${elapsed} ms: debería rendirse antes (timeout de PRODUCTS_TIMEOUT_MS = 2000 ms)`);
  ctx.assert(response.status === 503, `Con ${situation}, POST /orders debería responder 503 y respondió ${response.status}`);
  ctx.assert(
    (response.headers['content-type'] ?? '').startsWith('application/problem+json'),
    `El 503 debería ser application/problem+json y es ${response.headers['content-type'] ?? 'sin content-type'}`,
  );
  const code = (response.body as { code?: string }).code;
  ctx.assert(code === 'PRODUCTS_UNAVAILABLE', `El 503 debería llevar "code": "PRODUCTS_UNAVAILABLE" y lleva ${JSON.stringify(code)}`);
  const { type, title } = response.body as { type?: string; title?: string };
  ctx.assert(
    type === 'https://foodly.example/problemas/catalogo-no-disponible' && title === 'Catálogo no disponible',
    `El 503 debería usar el tipo orderProblems.productsUnavailable (type …/catalogo-no-disponible, title «Catálogo no disponible») y lleva type ${JSON.stringify(type)}, title ${JSON.stringify(title)}`,
  );
}

export default [
  {
    name: 'products-service lista el catálogo filtrado y paginado',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('products', '/products?category=pizzas&pageSize=1');
      ctx.assert(response.status === 200, `GET /products debería responder 200 y respondió ${response.status}`);
      const page = response.body as { items: Array<{ category: string }>; total: number };
      ctx.assert(page.items.length === 1 && page.total >= 2, 'Con pageSize=1 debería llegar 1 pizza y "total" debería contar todas');
    },
  },
  {
    name: 'orders-service calcula el total con los precios de products-service',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', { method: 'POST', body: order });
      ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}: ${response.text.slice(0, 200)}`);
      const total = (response.body as { total?: number }).total;
      ctx.assert(total === 20.5, `2 pizzas margarita (9,50 €) y 1 agua (1,50 €) suman 20,50 € y el pedido dice ${total}`);
    },
  },
  {
    name: 'Un producto inexistente responde 422 PRODUCT_NOT_FOUND',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', { method: 'POST', body: { ...order, items: [{ productId: 'p-999', quantity: 1 }] } });
      ctx.assert(response.status === 422, `Un pedido con un producto que no existe debería responder 422 y respondió ${response.status}`);
      ctx.assert((response.body as { code?: string }).code === 'PRODUCT_NOT_FOUND', 'El 422 debería llevar "code": "PRODUCT_NOT_FOUND"');
    },
  },
  {
    name: 'Si products-service va lento, orders responde 503 sin colgarse',
    onStart: 'fail',
    run: async (ctx) => {
      const chaos = await ctx.request('products', '/_chaos', { method: 'POST', body: { delayMs: 5000 } });
      ctx.assert(chaos.status === 200, `POST /_chaos debería responder 200 y respondió ${chaos.status}`);
      try {
        await expectUnavailable(ctx, 'el catálogo tardando 5 s', 4000);
      } finally {
        await ctx.request('products', '/_chaos', { method: 'DELETE' });
      }
    },
  },
  {
    // Las cabeceras llegan a tiempo y el cuerpo no: el timeout salta al leer response.json(), y
    // esa lectura también debe estar dentro del try que traduce los fallos (si no, es un 500).
    name: 'Si el cuerpo de products-service llega tarde, orders responde 503, no 500',
    onStart: 'fail',
    run: async (ctx) => {
      const chaos = await ctx.request('products', '/_chaos', { method: 'POST', body: { bodyDelayMs: 5000 } });
      ctx.assert(chaos.status === 200, `POST /_chaos debería responder 200 y respondió ${chaos.status}`);
      try {
        await expectUnavailable(ctx, 'el cuerpo del catálogo llegando 5 s tarde', 4000);
      } finally {
        await ctx.request('products', '/_chaos', { method: 'DELETE' });
      }
    },
  },
  {
    name: 'Si products-service está caído, orders responde 503 problem+json',
    onStart: 'fail',
    run: async (ctx) => {
      await ctx.stop('products');
      try {
        await expectUnavailable(ctx, 'products-service parado', 4000);
      } finally {
        await ctx.start('products');
      }
      const again = await ctx.request('orders', '/orders', { method: 'POST', body: order });
      ctx.assert(again.status === 201, `Al volver products-service, POST /orders debería responder 201 otra vez y respondió ${again.status}`);
    },
  },
] satisfies Check[];
