import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { problem } from '../shared/problem.ts';
import { orderProblems } from './problemTypes.ts';
import { validationHook } from '../shared/validation.ts';
import type { CatalogProduct, ProductsClient } from './productsClient.ts';
import { ProductsUnavailable } from './productsClient.ts';
import type { Order, OrdersStore } from './ordersStore.ts';

const OrderInput = z.object({
  customerEmail: z.email(),
  items: z
    .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int().min(1).max(99) }))
    .min(1)
    .max(20),
});

const round = (amount: number) => Math.round(amount * 100) / 100;

export function ordersRoutes(store: OrdersStore, products: ProductsClient) {
  return new Hono()
    .post('/', zValidator('json', OrderInput, validationHook), async (c) => {
      const { customerEmail, items } = c.req.valid('json');
      // #region fetch-products
      const found: CatalogProduct[] = [];
      try {
        for (const item of items) {
          const product = await products.find(item.productId);
          if (!product) return problem(c, 422, orderProblems.productNotFound, `El producto ${item.productId} no existe`);
          if (product.stock < item.quantity) {
            return problem(c, 409, orderProblems.outOfStock, `Solo quedan ${product.stock} unidades de ${product.name}`);
          }
          found.push(product);
        }
      } catch (error) {
        if (error instanceof ProductsUnavailable) {
          return problem(c, 503, orderProblems.productsUnavailable, `No se pudo consultar el catálogo: ${error.message}. Inténtalo en unos segundos.`);
        }
        throw error;
      }
      // #endregion fetch-products
      const lines = items.map((item, index) => ({
        productId: item.productId,
        name: found[index]!.name,
        unitPrice: found[index]!.price,
        quantity: item.quantity,
      }));
      const order: Order = {
        id: crypto.randomUUID(),
        customerEmail,
        lines,
        total: round(lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0)),
        status: 'created',
        createdAt: new Date().toISOString(),
      };
      store.save(order);
      return c.json(order, 201);
    })
    .get('/', (c) => c.json(store.list()))
    .get('/:id', (c) => {
      const order = store.find(c.req.param('id'));
      return order ? c.json(order) : problem(c, 404, orderProblems.orderNotFound, `No existe el pedido ${c.req.param('id')}`);
    });
}
