import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { unwrap } from '../../../Shared/domain/Result.ts';
import { problemResponse } from '../../../Shared/infrastructure/http/problem.ts';
import { validationHook, ValidationErrorSchema } from '../../../Shared/infrastructure/http/validation.ts';
import type { OrderCanceller } from '../../application/Cancel/OrderCanceller.ts';
import type { OrderCreator } from '../../application/Create/OrderCreator.ts';
import type { OrderFinder } from '../../application/Find/OrderFinder.ts';
import type { OrdersSearcher } from '../../application/Search/OrdersSearcher.ts';

// #region create-order-body
const CreateOrderBody = z
  .object({
    customerEmail: z.email(),
    items: z
      .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int() }))
      .min(1)
      .max(20),
  })
  .openapi('CreateOrderBody', { example: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-1', quantity: 2 }] } });

export type OrdersUseCases = { creator: OrderCreator; finder: OrderFinder; searcher: OrdersSearcher; canceller: OrderCanceller };

/** Adaptador de entrada HTTP: traduce peticiones a casos de uso y resultados a respuestas. Nada más. */
export function ordersRoutes(useCases: OrdersUseCases) {
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(createOrder, async (c) => c.json(unwrap(await useCases.creator.run(c.req.valid('json'))), 201))
    .openapi(listOrders, async (c) => c.json(await useCases.searcher.run(), 200))
    .openapi(getOrder, async (c) => c.json(unwrap(await useCases.finder.run(c.req.valid('param').id)), 200))
    .openapi(cancelOrder, async (c) => c.json(unwrap(await useCases.canceller.run(c.req.valid('param').id)), 200));
}
// #endregion create-order-body

// El contrato HTTP de cada ruta (createRoute): valida la entrada y genera /openapi.json. Los errores son los
// que handleError da a cada DomainError (404, 409, 422) y a cada TechnicalError (503), siempre problem+json.
const OrderSchema = z
  .object({
    id: z.string(),
    customerEmail: z.string(),
    status: z.string().openapi({ example: 'created' }),
    lines: z.array(z.object({ productId: z.string(), name: z.string(), unitPrice: z.number(), quantity: z.number().int() })),
    total: z.number(),
    createdAt: z.string(),
  })
  .openapi('Order');
const OrderId = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'PEGA-AQUI-EL-ID' }) });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const orderResponse = (description: string) => ({ description, content: json(OrderSchema) });

const createOrder = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createOrder',
  tags: ['pedidos'],
  summary: 'Crea un pedido con el precio y el stock del catálogo',
  request: { body: { required: true, content: json(CreateOrderBody) } },
  responses: {
    201: orderResponse('Pedido creado'),
    400: problemResponse('El cuerpo no es JSON'),
    409: problemResponse('No hay stock suficiente'),
    413: problemResponse('El cuerpo pasa de 64 KB'),
    422: {
      description: 'Datos no válidos (el detalle de cada campo) o una regla del pedido incumplida (problem+json)',
      content: { ...json(ValidationErrorSchema), ...problemResponse('').content },
    },
    503: problemResponse('products-service no responde a tiempo'),
  },
});

const listOrders = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listOrders',
  tags: ['pedidos'],
  summary: 'Todos los pedidos',
  responses: { 200: { description: 'Los pedidos', content: json(z.array(OrderSchema)) } },
});

const getOrder = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getOrder',
  tags: ['pedidos'],
  summary: 'Un pedido',
  request: { params: OrderId },
  responses: { 200: orderResponse('El pedido'), 404: problemResponse('No existe ese pedido') },
});

const cancelOrder = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  operationId: 'cancelOrder',
  tags: ['pedidos'],
  summary: 'Cancela un pedido',
  request: { params: OrderId },
  responses: {
    200: orderResponse('Pedido cancelado'),
    404: problemResponse('No existe ese pedido'),
    409: problemResponse('El pedido ya estaba cancelado'),
  },
});
