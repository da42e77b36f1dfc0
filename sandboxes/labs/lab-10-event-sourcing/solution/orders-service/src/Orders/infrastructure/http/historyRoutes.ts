import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { zValidator } from '@hono/zod-validator';
import { unwrap } from '../../../Shared/domain/Result.ts';
import { problemResponse } from '../../../Shared/infrastructure/http/problem.ts';
import { validationHook } from '../../../Shared/infrastructure/http/validation.ts';
import type { OrderHistoryFinder } from '../../application/History/OrderHistoryFinder.ts';

const OrderId = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'PEGA-AQUI-EL-ID' }) });
const AtVersion = z.object({ version: z.coerce.number().int().min(1).optional().openapi({ example: 1 }) });

const OrderEventSchema = z
  .object({ version: z.number().int(), eventName: z.string().openapi({ example: 'order.created' }), occurredOn: z.string() })
  .openapi('OrderEvent');

const listOrderEvents = createRoute({
  method: 'get',
  path: '/{id}/events',
  operationId: 'listOrderEvents',
  tags: ['pedidos'],
  summary: 'Los eventos de un pedido, en orden (su historia)',
  request: { params: OrderId },
  responses: {
    200: { description: 'Los eventos', content: { 'application/json': { schema: z.array(OrderEventSchema) } } },
    404: problemResponse('No existe ese pedido'),
  },
});

/** GET /orders/:id/events y GET /orders/:id?version=N (el pedido reconstruido hasta esa versión). */
export function historyRoutes(history: OrderHistoryFinder) {
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(listOrderEvents, async (c) => c.json(unwrap(await history.events(c.req.valid('param').id)), 200))
    // Comparte método y ruta con GET /orders/{id} de ordersRoutes: sin ?version deja pasar la petición (next())
    // a esa ruta, la que documenta /openapi.json. Por eso esta es una ruta Hono sin contrato propio.
    .get('/:id', zValidator('query', AtVersion, validationHook), async (c, next) => {
      const { version } = c.req.valid('query');
      if (version === undefined) return next();
      return c.json(unwrap(await history.atVersion(c.req.param('id'), version)));
    });
}
