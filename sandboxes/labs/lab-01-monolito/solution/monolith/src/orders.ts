import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { Database, Order, User } from './db.ts';
import { validationHook } from './validation.ts';

const orderInput = z.object({
  items: z
    .array(z.object({ productId: z.string().min(1), quantity: z.number().int().min(1).max(99) }))
    .min(1)
    .max(20),
});

type Env = { Variables: { user: User } };

export function orderRoutes(db: Database) {
  const app = new Hono<Env>();

  // ACOPLAMIENTO: pedidos autentica leyendo las tablas de sesiones y usuarios del módulo auth.
  app.use('*', async (c, next) => {
    const token = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
    const userId = db.sessions.get(token);
    const user = userId ? db.users.get(userId) : undefined;
    if (!user) return c.json({ error: 'Necesitas iniciar sesión (Authorization: Bearer <token>)' }, 401);
    c.set('user', user);
    await next();
  });

  // El total se calcula con los precios copiados en cada línea al crear el pedido.
  const view = (order: Order) => {
    const total = order.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
    return { ...order, total: Math.round(total * 100) / 100 };
  };

  app.post('/', zValidator('json', orderInput, validationHook('json')), (c) => {
    const { items } = c.req.valid('json');
    for (const item of items) {
      const product = db.products.get(item.productId);
      if (!product) return c.json({ error: `El producto ${item.productId} no existe` }, 422);
      if (product.stock < item.quantity) return c.json({ error: `No hay stock suficiente de ${product.name}` }, 409);
    }
    // ACOPLAMIENTO: pedidos descuenta el stock escribiendo directamente en la tabla de productos.
    for (const item of items) db.products.get(item.productId)!.stock -= item.quantity;
    // #region order-with-snapshot
    const order: Order = {
      id: crypto.randomUUID(),
      userId: c.var.user.id,
      lines: items.map((item) => {
        const product = db.products.get(item.productId)!;
        return { productId: product.id, name: product.name, unitPrice: product.price, quantity: item.quantity };
      }),
      status: 'created',
      createdAt: new Date().toISOString(),
    };
    // #endregion order-with-snapshot
    db.orders.set(order.id, order);
    return c.json(view(order), 201);
  });

  app.get('/', (c) => {
    const mine = [...db.orders.values()].filter((order) => order.userId === c.var.user.id);
    return c.json(mine.map(view));
  });

  app.get('/:id', (c) => {
    const order = db.orders.get(c.req.param('id'));
    if (!order || order.userId !== c.var.user.id) return c.json({ error: 'Pedido no encontrado' }, 404);
    return c.json(view(order));
  });

  app.post('/:id/cancel', (c) => {
    const order = db.orders.get(c.req.param('id'));
    if (!order || order.userId !== c.var.user.id) return c.json({ error: 'Pedido no encontrado' }, 404);
    if (order.status === 'cancelled') return c.json({ error: 'El pedido ya estaba cancelado' }, 409);
    order.status = 'cancelled';
    // ACOPLAMIENTO: devolver el stock también es escribir en la tabla de otro módulo.
    for (const line of order.lines) {
      const product = db.products.get(line.productId);
      if (product) product.stock += line.quantity;
    }
    return c.json(view(order));
  });

  return app;
}
