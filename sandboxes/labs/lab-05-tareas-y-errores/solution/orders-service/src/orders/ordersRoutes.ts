import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { BackgroundEnv } from '../shared/backgroundTasks.ts';
import { validationHook } from '../shared/validation.ts';
import type { FakeEmailSender } from './emailSender.ts';
import { orderNotFound, outOfStock, productNotFound } from './errors.ts';
import type { CatalogProduct, ProductsClient } from './productsClient.ts';
import type { Order, OrdersStore } from './ordersStore.ts';

const OrderInput = z.object({
  customerEmail: z.email(),
  items: z
    .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int().min(1).max(99) }))
    .min(1)
    .max(20),
});

const round = (amount: number) => Math.round(amount * 100) / 100;

export function ordersRoutes(store: OrdersStore, products: ProductsClient, email: FakeEmailSender) {
  return new Hono<BackgroundEnv>()
    .post('/', zValidator('json', OrderInput, validationHook), async (c) => {
      const { customerEmail, items } = c.req.valid('json');
      const found: CatalogProduct[] = [];
      // #region find-products
      // Los errores se lanzan y los traduce a HTTP el manejador de errores de app.ts.
      for (const item of items) {
        const product = await products.find(item.productId);
        if (!product) throw productNotFound(item.productId);
        if (product.stock < item.quantity) throw outOfStock(product.name, product.stock);
        found.push(product);
      }
      // #endregion find-products
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
      // #region save-and-email
      store.save(order);
      // El correo sale después de responder: quien pide no espera al servidor de correo.
      c.var.background.add(() => email.sendOrderConfirmation(order));
      return c.json(order, 201);
      // #endregion save-and-email
    })
    .get('/', (c) => c.json(store.list()))
    .get('/:id', (c) => {
      const order = store.find(c.req.param('id'));
      if (!order) throw orderNotFound(c.req.param('id'));
      return c.json(order);
    });
}
