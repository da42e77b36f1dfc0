import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { unwrap } from '../../../Shared/domain/Result.ts';
import { validationHook } from '../../../Shared/infrastructure/http/validation.ts';
import type { OrderCanceller } from '../../application/Cancel/OrderCanceller.ts';
import type { OrderCreator } from '../../application/Create/OrderCreator.ts';
import type { OrderFinder } from '../../application/Find/OrderFinder.ts';
import type { OrdersSearcher } from '../../application/Search/OrdersSearcher.ts';

// #region create-order-body
const CreateOrderBody = z.object({
  customerEmail: z.email(),
  items: z
    .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int() }))
    .min(1)
    .max(20),
});

export type OrdersUseCases = { creator: OrderCreator; finder: OrderFinder; searcher: OrdersSearcher; canceller: OrderCanceller };

/** Adaptador de entrada HTTP: traduce peticiones a casos de uso y resultados a respuestas. Nada más. */
export function ordersRoutes(useCases: OrdersUseCases) {
  return new Hono()
    .post('/', zValidator('json', CreateOrderBody, validationHook), async (c) => c.json(unwrap(await useCases.creator.run(c.req.valid('json'))), 201))
    .get('/', async (c) => c.json(await useCases.searcher.run()))
    .get('/:id', async (c) => c.json(unwrap(await useCases.finder.run(c.req.param('id')))))
    .post('/:id/cancel', async (c) => c.json(unwrap(await useCases.canceller.run(c.req.param('id')))));
}
// #endregion create-order-body
