import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { unwrap } from '../../../Shared/domain/Result.ts';
import { problemResponse } from '../../../Shared/infrastructure/http/problem.ts';
import { validationHook, ValidationErrorSchema } from '../../../Shared/infrastructure/http/validation.ts';
import type { CancelOrderCommandHandler } from '../../application/Cancel/CancelOrderCommandHandler.ts';
import type { CreateOrderCommandHandler } from '../../application/Create/CreateOrderCommandHandler.ts';
import type { OrderFinder } from '../../application/Find/OrderFinder.ts';
import type { SearchCustomerOrdersQueryHandler } from '../../application/SearchByCustomer/SearchCustomerOrdersQueryHandler.ts';
import type { OrdersSearcher } from '../../application/Search/OrdersSearcher.ts';

const CreateOrderBody = z
  .object({
    customerEmail: z.email(),
    items: z
      .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int() }))
      .min(1)
      .max(20),
  })
  .openapi('CreateOrderBody', { example: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-1', quantity: 2 }] } });

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
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(createOrder, async (c) => c.json(unwrap(await handlers.createOrder.handle(c.req.valid('json'))), 201))
    .openapi(listOrders, async (c) => c.json(await handlers.searcher.run(), 200))
    .openapi(getOrder, async (c) => c.json(unwrap(await handlers.finder.run(c.req.valid('param').id)), 200))
    .openapi(cancelOrder, async (c) => c.json(unwrap(await handlers.cancelOrder.handle({ orderId: c.req.valid('param').id })), 200));
}

export function customersRoutes(handlers: Pick<OrdersHandlers, 'searchCustomerOrders'>) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(searchCustomerOrders, async (c) =>
    c.json(await handlers.searchCustomerOrders.handle({ customerEmail: c.req.valid('param').email }), 200),
  );
}
// #endregion orders-routes

// El contrato HTTP de cada ruta (createRoute): valida la entrada y genera /openapi.json. Los errores son los
// que handleError da a cada DomainError (404, 409, 422) y a cada TechnicalError (503), siempre problem+json.
const OrderSchema = z
  .object({
    id: z.string(),
    customerEmail: z.string(),
    status: z.string().openapi({
      description: 'pending → stock_reserved (stock apartado: ya se puede pagar) → paid (payments-service lo cobró), o cancelled',
      example: 'stock_reserved',
    }),
    cancellationReason: z.string().optional().openapi({ description: 'Solo en los cancelados: CUSTOMER_REQUEST, OUT_OF_STOCK o PAYMENT_DECLINED', example: 'PAYMENT_DECLINED' }),
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
  summary: 'Crea un pedido con el precio del catálogo y aparta su stock (el primer paso de la saga)',
  request: { body: { required: true, content: json(CreateOrderBody) } },
  responses: {
    201: orderResponse('Pedido creado, con su stock apartado (stock_reserved): ya se puede pagar'),
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
    200: orderResponse('Pedido cancelado (su stock vuelve al catálogo)'),
    404: problemResponse('No existe ese pedido'),
    409: problemResponse('El pedido ya estaba cancelado o ya está pagado'),
    503: problemResponse('products-service no responde: el stock no se pudo devolver'),
  },
});

const CustomerOrdersSchema = z
  .object({
    customerEmail: z.string(),
    orders: z.array(
      z.object({ orderId: z.string(), status: z.enum(['pending', 'stock_reserved', 'paid', 'cancelled']), total: z.number(), itemCount: z.number().int(), createdAt: z.string() }),
    ),
    activeOrders: z.number().int(),
    totalSpent: z.number(),
  })
  .openapi('CustomerOrders');

const searchCustomerOrders = createRoute({
  method: 'get',
  path: '/{email}/orders',
  operationId: 'searchCustomerOrders',
  tags: ['pedidos'],
  summary: 'Los pedidos de un cliente (modelo de lectura)',
  // Un email mal escrito es un error del cliente (422), no un cliente sin pedidos.
  request: { params: z.object({ email: z.email().openapi({ param: { name: 'email', in: 'path' }, example: 'ana@foodly.test' }) }) },
  responses: {
    200: { description: 'Resumen de sus pedidos, del modelo de lectura', content: json(CustomerOrdersSchema) },
    422: { description: 'El email no es válido', content: json(ValidationErrorSchema) },
  },
});
