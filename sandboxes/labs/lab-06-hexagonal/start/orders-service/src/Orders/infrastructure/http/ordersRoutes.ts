import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { problemResponse } from '../../../Shared/infrastructure/http/problem.ts';
import { validationHook, ValidationErrorSchema } from '../../../Shared/infrastructure/http/validation.ts';
import { orderNotFound, outOfStock, productNotFound } from '../../domain/OrderErrors.ts';
import type { ConsoleConfirmationEmailSender } from '../ConsoleConfirmationEmailSender.ts';
import type { HttpProductCatalog } from '../HttpProductCatalog.ts';
import type { InMemoryOrderRepository, OrderRecord } from '../InMemoryOrderRepository.ts';

const CreateOrderBody = z
  .object({
    customerEmail: z.email(),
    items: z
      .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int().min(1).max(99) }))
      .min(1)
      .max(20),
  })
  .openapi('CreateOrderBody', { example: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-1', quantity: 2 }] } });

// #region orders-routes
// Estilo "todo en la ruta": validar, consultar el catálogo, aplicar reglas, calcular, guardar y
// avisar, todo mezclado en el manejador HTTP. Funciona, pero ¿dónde están las reglas del negocio?
export function ordersRoutes(repository: InMemoryOrderRepository, catalog: HttpProductCatalog, email: ConsoleConfirmationEmailSender) {
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(createOrder, async (c) => {
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
    .openapi(listOrders, async (c) => c.json(await repository.searchAll(), 200))
    .openapi(getOrder, async (c) => {
      const { id } = c.req.valid('param');
      const order = await repository.search(id);
      if (!order) throw orderNotFound(id);
      return c.json(order, 200);
    });
}

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
