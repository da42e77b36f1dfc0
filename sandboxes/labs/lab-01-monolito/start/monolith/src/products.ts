import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { Database, Product } from './db.ts';
import { validationHook } from './validation.ts';

const productInput = z.object({
  name: z.string().trim().min(1).max(100),
  category: z.string().trim().min(1).max(40),
  price: z.number().positive().max(10_000),
  stock: z.number().int().min(0).max(100_000),
});

const listQuery = z.object({
  category: z.string().optional(),
  q: z.string().optional(),
  minPrice: z.coerce.number().min(0).optional(),
  maxPrice: z.coerce.number().min(0).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});

export function productRoutes(db: Database) {
  const app = new Hono();

  app.get('/', zValidator('query', listQuery, validationHook('query')), (c) => {
    const { category, q, minPrice, maxPrice, page, pageSize } = c.req.valid('query');
    const matches = [...db.products.values()].filter(
      (product) =>
        (category === undefined || product.category === category) &&
        (q === undefined || product.name.toLowerCase().includes(q.toLowerCase())) &&
        (minPrice === undefined || product.price >= minPrice) &&
        (maxPrice === undefined || product.price <= maxPrice),
    );
    const items = matches.slice((page - 1) * pageSize, page * pageSize);
    return c.json({ items, page, pageSize, total: matches.length });
  });

  app.get('/:id', (c) => {
    const product = db.products.get(c.req.param('id'));
    return product ? c.json(product) : c.json({ error: 'Producto no encontrado' }, 404);
  });

  app.post('/', zValidator('json', productInput, validationHook('json')), (c) => {
    const product: Product = { id: `p-${crypto.randomUUID().slice(0, 8)}`, ...c.req.valid('json') };
    db.products.set(product.id, product);
    return c.json(product, 201);
  });

  app.put('/:id', zValidator('json', productInput, validationHook('json')), (c) => {
    const id = c.req.param('id');
    if (!db.products.has(id)) return c.json({ error: 'Producto no encontrado' }, 404);
    const product: Product = { id, ...c.req.valid('json') };
    db.products.set(id, product);
    return c.json(product);
  });

  app.patch('/:id', zValidator('json', productInput.partial(), validationHook('json')), (c) => {
    const current = db.products.get(c.req.param('id'));
    if (!current) return c.json({ error: 'Producto no encontrado' }, 404);
    Object.assign(current, c.req.valid('json'));
    return c.json(current);
  });

  app.delete('/:id', (c) => {
    const deleted = db.products.delete(c.req.param('id'));
    return deleted ? c.body(null, 204) : c.json({ error: 'Producto no encontrado' }, 404);
  });

  return app;
}
