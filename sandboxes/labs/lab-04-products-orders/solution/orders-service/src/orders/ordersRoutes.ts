import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { problem, problemResponse } from '../shared/problem.ts';
import { orderProblems } from './problemTypes.ts';
import { validationHook, ValidationErrorSchema } from '../shared/validation.ts';
import type { CatalogProduct, ProductsClient } from './productsClient.ts';
import { ProductsUnavailable } from './productsClient.ts';
import type { Order, OrdersStore } from './ordersStore.ts';

// Los esquemas zod validan las peticiones y, con .openapi(), generan el documento /openapi.json.
const OrderInput = z
  .object({
    customerEmail: z.email(),
    items: z
      .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int().min(1).max(99) }))
      .min(1)
      .max(20),
  })
  .openapi('OrderInput', { example: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-1', quantity: 2 }, { productId: 'p-5', quantity: 1 }] } });

const OrderSchema = z
  .object({
    id: z.string(),
    customerEmail: z.string(),
    lines: z.array(z.object({ productId: z.string(), name: z.string(), unitPrice: z.number(), quantity: z.number().int() })),
    total: z.number(),
    status: z.enum(['created', 'cancelled']),
    createdAt: z.string(),
  })
  .openapi('Order');

const OrderId = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'PEGA-AQUI-EL-ID' }) });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const createOrder = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createOrder',
  tags: ['pedidos'],
  summary: 'Crea un pedido con el precio y el stock del catálogo',
  request: { body: { required: true, content: json(OrderInput) } },
  responses: {
    201: { description: 'Pedido creado', content: json(OrderSchema) },
    400: problemResponse('El cuerpo no es JSON'),
    409: problemResponse('No hay stock suficiente'),
    413: problemResponse('El cuerpo pasa de 64 KB'),
    422: {
      description: 'Datos no válidos (el detalle de cada campo) o un producto que no existe (problem+json)',
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
  responses: { 200: { description: 'El pedido', content: json(OrderSchema) }, 404: problemResponse('No existe ese pedido') },
});

const round = (amount: number) => Math.round(amount * 100) / 100;

export function ordersRoutes(store: OrdersStore, products: ProductsClient) {
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(createOrder, async (c) => {
      const { customerEmail, items } = c.req.valid('json');
      // #region fetch-products
      const found: CatalogProduct[] = [];
      try {
        for (const item of items) {
          const product = await products.find(item.productId);
          if (!product) return problem(c, 422, orderProblems.productNotFound, `El producto ${item.productId} no existe`);
          if (product.stock < item.quantity) {
            return problem(c, 409, orderProblems.outOfStock, `Solo quedan ${product.stock} unidades de ${product.name}`);
          }
          found.push(product);
        }
      } catch (error) {
        if (error instanceof ProductsUnavailable) {
          return problem(c, 503, orderProblems.productsUnavailable, `No se pudo consultar el catálogo: ${error.message}. Inténtalo en unos segundos.`);
        }
        throw error;
      }
      // #endregion fetch-products
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
      store.save(order);
      return c.json(order, 201);
    })
    .openapi(listOrders, (c) => c.json(store.list(), 200))
    .openapi(getOrder, (c) => {
      const order = store.find(c.req.param('id'));
      return order ? c.json(order, 200) : problem(c, 404, orderProblems.orderNotFound, `No existe el pedido ${c.req.param('id')}`);
    });
}
