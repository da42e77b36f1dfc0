import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { validationHook } from '../../../Shared/infrastructure/http/validation.ts';
import { orderNotFound, outOfStock, productNotFound } from '../../domain/OrderErrors.ts';
import type { ConsoleConfirmationEmailSender } from '../ConsoleConfirmationEmailSender.ts';
import type { HttpProductCatalog } from '../HttpProductCatalog.ts';
import type { InMemoryOrderRepository, OrderRecord } from '../InMemoryOrderRepository.ts';

const CreateOrderBody = z.object({
  customerEmail: z.email(),
  items: z
    .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int().min(1).max(99) }))
    .min(1)
    .max(20),
});

// #region orders-routes
// Estilo "todo en la ruta": validar, consultar el catálogo, aplicar reglas, calcular, guardar y
// avisar, todo mezclado en el manejador HTTP. Funciona, pero ¿dónde están las reglas del negocio?
export function ordersRoutes(repository: InMemoryOrderRepository, catalog: HttpProductCatalog, email: ConsoleConfirmationEmailSender) {
  return new Hono()
    .post('/', zValidator('json', CreateOrderBody, validationHook), async (c) => {
      const { customerEmail, items } = c.req.valid('json');
      const lines: OrderRecord['lines'] = [];
      for (const item of items) {
        const product = await catalog.find(item.productId);
        if (!product) throw productNotFound(item.productId);
        if (product.stock < item.quantity) throw outOfStock(product.name, product.stock);
        lines.push({ productId: product.id, name: product.name, unitPrice: product.price, quantity: item.quantity });
      }
      const order: OrderRecord = {
        id: crypto.randomUUID(),
        customerEmail,
        lines,
        total: Math.round(lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0) * 100) / 100,
        status: 'created',
        createdAt: new Date().toISOString(),
      };
      await repository.save(order);
      setTimeout(() => void email.send({ to: customerEmail, orderId: order.id, total: order.total }), 0);
      return c.json(order, 201);
    })
// #endregion orders-routes
    .get('/', async (c) => c.json(await repository.searchAll()))
    .get('/:id', async (c) => {
      const order = await repository.search(c.req.param('id'));
      if (!order) throw orderNotFound(c.req.param('id'));
      return c.json(order);
    });
}
