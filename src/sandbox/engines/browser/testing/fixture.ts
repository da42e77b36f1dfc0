// A tiny two-service Foodly system used by the engine's browser test page, e2e spec and benchmark.
import type { FileTree, ServiceSpec } from '../../../contract/index.ts';

export const fixtureServices: ServiceSpec[] = [
  { name: 'products-service', dir: 'products-service', port: 3001, env: {} },
  { name: 'orders-service', dir: 'orders-service', port: 3002, env: { PRODUCTS_URL: 'http://localhost:3001' } },
];

export const fixtureTree: FileTree = {
  'products-service/src/server.ts': `import { serve } from '@hono/node-server';
import { buildApp } from './app.ts';

const port = Number(process.env.PORT ?? 3001);
serve({ fetch: buildApp().fetch, port }, (info) => {
  console.log(\`products-service escuchando en http://localhost:\${info.port}\`);
});
`,
  'products-service/src/app.ts': `import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { findProduct, type Product } from './catalog/products.ts';

const ProductSchema = z.object({ id: z.string(), name: z.string(), price: z.number() }).openapi('Product');

export function buildApp() {
  const app = new OpenAPIHono();
  const route = createRoute({
    method: 'get',
    path: '/products/{id}',
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: { description: 'Producto', content: { 'application/json': { schema: ProductSchema } } },
      404: { description: 'No existe' },
    },
  });
  app.openapi(route, (c) => {
    const product: Product | undefined = findProduct(c.req.valid('param').id);
    if (!product) return c.json({ error: 'no existe' }, 404) as never;
    return c.json(product, 200);
  });
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.doc('/openapi.json', { openapi: '3.0.0', info: { title: 'products-service', version: '1.0.0' } });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));
  return app;
}
`,
  'products-service/src/catalog/products.ts': `import { formatName } from './names.ts';

export interface Product { id: string; name: string; price: number }

const products: Product[] = [
  { id: 'p-1', name: 'pizza margarita', price: 9.5 },
  { id: 'p-2', name: 'agua', price: 1.2 },
];

export function findProduct(id: string): Product | undefined {
  const product = products.find((p) => p.id === id);
  return product && { ...product, name: formatName(product.name) };
}
export const catalogSize = (): number => products.length;
`,
  // names.ts and products.ts import each other: a cycle the loader must handle.
  'products-service/src/catalog/names.ts': `import { catalogSize } from './products.ts';

export function formatName(name: string): string {
  return \`\${name[0]!.toUpperCase()}\${name.slice(1)} (1 de \${catalogSize()})\`;
}
`,
  'orders-service/src/server.ts': `import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const productsUrl = process.env.PRODUCTS_URL ?? 'http://localhost:3001';
const app = new Hono();

app.get('/orders/preview/:productId', async (c) => {
  try {
    const response = await fetch(\`\${productsUrl}/products/\${c.req.param('productId')}\`, {
      signal: AbortSignal.timeout(2000),
    });
    if (!response.ok) return c.json({ error: 'producto no encontrado' }, 404);
    const product = (await response.json()) as { name: string; price: number };
    return c.json({ product: product.name, total: product.price * 2 });
  } catch (error) {
    console.error('products-service no disponible:', (error as Error).message);
    return c.json({ error: 'products-service no disponible' }, 503);
  }
});

app.get('/spin', (c) => {
  while (true) {}
  return c.text('nunca');
});

serve({ fetch: app.fetch, port: Number(process.env.PORT) });
`,
};

export const fixtureChecks = `import type { Check } from '../lib/checks-types.ts';

const checks: Check[] = [
  {
    name: 'GET /products/p-1 responde 200',
    async run(ctx) {
      const res = await ctx.request('products-service', '/products/p-1');
      ctx.assert(res.status === 200, \`Se esperaba 200 y llegó \${res.status}\`);
    },
  },
  {
    name: 'orders-service responde 503 si products-service está caído',
    async run(ctx) {
      await ctx.stop('products-service');
      const res = await ctx.request('orders-service', '/orders/preview/p-1');
      await ctx.start('products-service');
      ctx.assert(res.status === 503, \`Se esperaba 503 y llegó \${res.status}\`);
    },
  },
  {
    name: 'una comprobación que falla',
    async run(ctx) {
      const res = await ctx.request('products-service', '/products/nope');
      ctx.assert(res.status === 200, 'products-service no conoce el producto nope');
    },
  },
];
export default checks;
`;
