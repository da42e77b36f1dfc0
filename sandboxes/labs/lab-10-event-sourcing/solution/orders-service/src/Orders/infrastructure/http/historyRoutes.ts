import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { unwrap } from '../../../Shared/domain/Result.ts';
import { validationHook } from '../../../Shared/infrastructure/http/validation.ts';
import type { OrderHistoryFinder } from '../../application/History/OrderHistoryFinder.ts';

const AtVersion = z.object({ version: z.coerce.number().int().min(1).optional() });

/** GET /orders/:id/events y GET /orders/:id?version=N (el pedido reconstruido hasta esa versión). */
export function historyRoutes(history: OrderHistoryFinder) {
  return new Hono()
    .get('/:id/events', async (c) => c.json(unwrap(await history.events(c.req.param('id')))))
    .get('/:id', zValidator('query', AtVersion, validationHook), async (c, next) => {
      const { version } = c.req.valid('query');
      if (version === undefined) return next();
      return c.json(unwrap(await history.atVersion(c.req.param('id'), version)));
    });
}
