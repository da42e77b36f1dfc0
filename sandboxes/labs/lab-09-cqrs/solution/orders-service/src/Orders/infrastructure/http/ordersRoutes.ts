import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { unwrap } from '../../../Shared/domain/Result.ts';
import { validationHook } from '../../../Shared/infrastructure/http/validation.ts';
import type { CancelOrderCommandHandler } from '../../application/Cancel/CancelOrderCommandHandler.ts';
import type { CreateOrderCommandHandler } from '../../application/Create/CreateOrderCommandHandler.ts';
import type { OrderFinder } from '../../application/Find/OrderFinder.ts';
import type { SearchCustomerOrdersQueryHandler } from '../../application/SearchByCustomer/SearchCustomerOrdersQueryHandler.ts';
import type { OrdersSearcher } from '../../application/Search/OrdersSearcher.ts';

const CreateOrderBody = z.object({
  customerEmail: z.email(),
  items: z
    .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int() }))
    .min(1)
    .max(20),
});

export type OrdersHandlers = {
  createOrder: CreateOrderCommandHandler;
  cancelOrder: CancelOrderCommandHandler;
  searchCustomerOrders: SearchCustomerOrdersQueryHandler;
  finder: OrderFinder;
  searcher: OrdersSearcher;
};

// #region orders-routes
/** Escrituras → comandos; lecturas de "mis pedidos" → consulta sobre el modelo de lectura. */
export function ordersRoutes(handlers: OrdersHandlers) {
  return new Hono()
    .post('/', zValidator('json', CreateOrderBody, validationHook), async (c) =>
      c.json(unwrap(await handlers.createOrder.handle(c.req.valid('json'))), 201),
    )
    .get('/', async (c) => c.json(await handlers.searcher.run()))
    .get('/:id', async (c) => c.json(unwrap(await handlers.finder.run(c.req.param('id')))))
    .post('/:id/cancel', async (c) => c.json(unwrap(await handlers.cancelOrder.handle({ orderId: c.req.param('id') }))));
}

export function customersRoutes(handlers: Pick<OrdersHandlers, 'searchCustomerOrders'>) {
  return new Hono().get('/:email/orders', async (c) => c.json(await handlers.searchCustomerOrders.handle({ customerEmail: c.req.param('email') })));
}
// #endregion orders-routes
