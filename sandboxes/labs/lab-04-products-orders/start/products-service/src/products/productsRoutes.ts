import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { problem } from '../shared/problem.ts';
import { productProblems } from '../shared/problemTypes.ts';
import { validationHook } from '../shared/validation.ts';
import type { Product } from './Product.ts';
import type { ProductRepository } from './ProductRepository.ts';

const ProductInput = z.object({
  name: z.string().trim().min(1).max(100),
  category: z.string().trim().min(1).max(40),
  price: z.number().positive().max(10_000).multipleOf(0.01),
  stock: z.number().int().min(0).max(100_000),
});

const ListQuery = z.object({
  category: z.string().optional(),
  q: z.string().optional(),
  minPrice: z.coerce.number().min(0).optional(),
  maxPrice: z.coerce.number().min(0).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});

const notFound = (c: Parameters<typeof problem>[0], id: string) =>
  problem(c, 404, productProblems.productNotFound, `No existe el producto ${id}`);

export function productsRoutes(products: ProductRepository) {
  return new Hono()
    .get('/', zValidator('query', ListQuery, validationHook), async (c) => {
      const { page, pageSize, ...filter } = c.req.valid('query');
      return c.json(await products.search(filter, page, pageSize));
    })
    .get('/:id', async (c) => {
      const product = await products.find(c.req.param('id'));
      return product ? c.json(product) : notFound(c, c.req.param('id'));
    })
    .post('/', zValidator('json', ProductInput, validationHook), async (c) => {
      const product: Product = { id: `p-${crypto.randomUUID().slice(0, 8)}`, ...c.req.valid('json') };
      await products.save(product);
      return c.json(product, 201);
    })
    .put('/:id', zValidator('json', ProductInput, validationHook), async (c) => {
      const id = c.req.param('id');
      if (!(await products.find(id))) return notFound(c, id);
      const product: Product = { id, ...c.req.valid('json') };
      await products.save(product);
      return c.json(product);
    })
    .patch('/:id', zValidator('json', ProductInput.partial(), validationHook), async (c) => {
      const current = await products.find(c.req.param('id'));
      if (!current) return notFound(c, c.req.param('id'));
      const product = { ...current, ...c.req.valid('json') };
      await products.save(product);
      return c.json(product);
    })
    .delete('/:id', async (c) => ((await products.delete(c.req.param('id'))) ? c.body(null, 204) : notFound(c, c.req.param('id'))));
}
