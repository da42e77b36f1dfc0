import type { Check, CheckContext } from '../../lib/checks-types.ts';

type Order = { id: string; total: number; status: string; lines: Array<{ productId: string; name?: string; unitPrice?: number; quantity: number }> };
type Product = { id: string; price: number; stock: number };

async function signIn(ctx: CheckContext): Promise<Record<string, string>> {
  const email = `check-${Math.random().toString(36).slice(2)}@foodly.test`;
  const credentials = { email, password: 'secreta123' };
  const registered = await ctx.request('monolith', '/auth/register', { method: 'POST', body: { ...credentials, name: 'Check' } });
  ctx.assert(registered.status === 201, `POST /auth/register debería responder 201 y respondió ${registered.status}`);
  const login = await ctx.request('monolith', '/auth/login', { method: 'POST', body: credentials });
  const token = (login.body as { token?: string }).token;
  ctx.assert(login.status === 200 && typeof token === 'string', `POST /auth/login debería devolver 200 con un token y respondió ${login.status}`);
  return { authorization: `Bearer ${token}` };
}

async function newProduct(ctx: CheckContext, price: number): Promise<Product> {
  const created = await ctx.request('monolith', '/products', {
    method: 'POST',
    body: { name: `Producto de prueba ${price}`, category: 'pruebas', price, stock: 10 },
  });
  ctx.assert(created.status === 201, `POST /products debería responder 201 y respondió ${created.status}`);
  return created.body as Product;
}

async function newOrder(ctx: CheckContext, headers: Record<string, string>, productId: string, quantity: number): Promise<Order> {
  const created = await ctx.request('monolith', '/orders', { method: 'POST', headers, body: { items: [{ productId, quantity }] } });
  ctx.assert(created.status === 201, `POST /orders debería responder 201 y respondió ${created.status}: ${created.text}`);
  return created.body as Order;
}

export default [
  {
    name: 'GET /products filtra por categoría y pagina',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('monolith', '/products?category=bebidas&page=1&pageSize=1');
      ctx.assert(response.status === 200, `GET /products debería responder 200 y respondió ${response.status}`);
      const page = response.body as { items: Array<{ category: string }>; total: number };
      ctx.assert(page.items.length === 1, `Con pageSize=1 debería llegar 1 producto y llegaron ${page.items.length}`);
      ctx.assert(page.total >= 2, `Debería haber al menos 2 bebidas en total y "total" vale ${page.total}`);
      ctx.assert(page.items.every((item) => item.category === 'bebidas'), 'El filtro category=bebidas devolvió productos de otra categoría');
    },
  },
  {
    name: 'Un pedido descuenta stock y cancelarlo lo devuelve',
    onStart: 'pass',
    run: async (ctx) => {
      const headers = await signIn(ctx);
      const product = await newProduct(ctx, 5);
      const order = await newOrder(ctx, headers, product.id, 3);
      const after = (await ctx.request('monolith', `/products/${product.id}`)).body as Product;
      ctx.assert(after.stock === 7, `Tras pedir 3 unidades el stock debería ser 7 y es ${after.stock}`);
      const cancelled = await ctx.request('monolith', `/orders/${order.id}/cancel`, { method: 'POST', headers });
      ctx.assert(cancelled.status === 200, `POST /orders/:id/cancel debería responder 200 y respondió ${cancelled.status}`);
      const restored = (await ctx.request('monolith', `/products/${product.id}`)).body as Product;
      ctx.assert(restored.stock === 10, `Al cancelar, el stock debería volver a 10 y es ${restored.stock}`);
    },
  },
  {
    name: 'Los pedidos exigen sesión',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('monolith', '/orders');
      ctx.assert(response.status === 401, `GET /orders sin token debería responder 401 y respondió ${response.status}`);
    },
  },
  {
    name: 'Cambiar el precio de un producto no cambia el total de un pedido ya hecho',
    onStart: 'fail',
    run: async (ctx) => {
      const headers = await signIn(ctx);
      const product = await newProduct(ctx, 4);
      const order = await newOrder(ctx, headers, product.id, 2);
      ctx.assert(order.total === 8, `El pedido de 2 × 4 € debería sumar 8 y suma ${order.total}`);
      await ctx.request('monolith', `/products/${product.id}`, { method: 'PATCH', body: { price: 40 } });
      const again = await ctx.request('monolith', `/orders/${order.id}`, { headers });
      const total = (again.body as Order).total;
      ctx.assert(total === 8, `Tras subir el precio a 40 €, el pedido debería seguir sumando 8 y ahora suma ${total}: guarda el precio en la línea del pedido`);
    },
  },
  {
    name: 'Borrar un producto no rompe los pedidos que lo contienen',
    onStart: 'fail',
    run: async (ctx) => {
      const headers = await signIn(ctx);
      const product = await newProduct(ctx, 3);
      const order = await newOrder(ctx, headers, product.id, 1);
      await ctx.request('monolith', `/products/${product.id}`, { method: 'DELETE' });
      const again = await ctx.request('monolith', `/orders/${order.id}`, { headers });
      ctx.assert(again.status === 200, `GET /orders/:id debería responder 200 aunque el producto ya no exista, y respondió ${again.status}`);
      const line = (again.body as Order).lines[0];
      ctx.assert(line?.name === 'Producto de prueba 3', 'La línea del pedido debería conservar el nombre del producto borrado');
    },
  },
] satisfies Check[];
