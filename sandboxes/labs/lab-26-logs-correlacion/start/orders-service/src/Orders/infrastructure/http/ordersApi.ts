import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { unwrap } from '../../../Shared/domain/Result.ts';
import { ifMatchHolds, noneMatchHits, strongEtagOf } from '../../../Shared/infrastructure/http/conditionalRequests.ts';
import { decodeCursor, pageAfter } from '../../../Shared/infrastructure/http/cursor.ts';
import { IdempotencyStore, parseIdempotencyKey } from '../../../Shared/infrastructure/http/IdempotencyStore.ts';
import { problem } from '../../../Shared/infrastructure/http/problem.ts';
import { problemTypeFor } from '../../../Shared/infrastructure/http/problemTypes.ts';
import type { CancelOrderCommandHandler } from '../../application/Cancel/CancelOrderCommandHandler.ts';
import type { CreateOrderCommandHandler } from '../../application/Create/CreateOrderCommandHandler.ts';
import type { OrderFinder } from '../../application/Find/OrderFinder.ts';
import type { OrdersSearcher } from '../../application/Search/OrdersSearcher.ts';
import type { OrdersContract } from './contract/OrdersContract.ts';

export type OrdersHandlers = {
  createOrder: CreateOrderCommandHandler;
  cancelOrder: CancelOrderCommandHandler;
  finder: OrderFinder;
  searcher: OrdersSearcher;
};

/** El problema de RFC 9457 que devuelve cualquier error del servicio (un componente compartido). */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://foodly.example/problemas/pedido-no-encontrado' }),
    title: z.string().openapi({ example: 'Pedido no encontrado' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().openapi({ example: 'ORDER_NOT_FOUND' }),
  })
  .openapi('Problem');

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

const etagHeader = { ETag: { description: 'Etiqueta de la representación: mándala en If-None-Match o If-Match', schema: { type: 'string' as const } } };

const OrderId = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'PEGA-AQUI-EL-ID' }) });

/**
 * Las rutas de pedidos para un contrato. Todo lo que no cambia entre versiones vive aquí una sola vez
 * (idempotencia, ETag, paginación, 201 + Location); lo que cambia (esquemas y traducciones) lo pone el contrato.
 */
/**
 * `handlersFor(c)` da los casos de uso de una petición: app.ts los compone por petición para que los
 * adaptadores de salida (el catálogo HTTP) escriban en el log de esa petición.
 */
export function ordersApi(handlersFor: (c: Context) => OrdersHandlers, contract: OrdersContract) {
  const { version } = contract;
  const idempotency = new IdempotencyStore();
  const orderResponse = (description: string, headers?: Record<string, { description: string; schema: { type: 'string' } }>) => ({
    description,
    headers,
    content: { 'application/json': { schema: contract.orderSchema } },
  });

  // #region create-route
  const createOrder = createRoute({
    method: 'post',
    path: '/orders',
    operationId: `createOrder${version.toUpperCase()}`,
    tags: ['pedidos'],
    deprecated: contract.deprecated,
    summary: 'Crea un pedido (con Idempotency-Key, un reintento no lo duplica)',
    request: {
      headers: z.object({
        'idempotency-key': z.string().min(1).max(255).optional().openapi({ description: 'Clave única de esta operación (un String de Structured Fields)', example: '"pedido-ana-0001"' }),
      }),
      body: { required: true, content: { 'application/json': { schema: contract.createOrderBody } } },
    },
    responses: {
      201: orderResponse('Pedido creado', {
        Location: { description: 'URL del pedido nuevo', schema: { type: 'string' } },
        ...etagHeader,
      }),
      409: problemResponse('Sin stock, o una petición con la misma Idempotency-Key aún en curso'),
      422: contract.validationErrorResponse,
      503: problemResponse('products-service no responde'),
    },
  });
  // #endregion create-route

  const listOrders = createRoute({
    method: 'get',
    path: '/orders',
    operationId: `listOrders${version.toUpperCase()}`,
    tags: ['pedidos'],
    deprecated: contract.deprecated,
    summary: 'Lista pedidos por páginas (paginación por cursor) con filtros',
    request: {
      query: z.object({
        limit: z.coerce.number().int().min(1).max(50).default(20).openapi({ example: 2 }),
        cursor: z.string().min(1).max(500).optional().openapi({ description: 'El nextCursor de la página anterior' }),
        status: z.enum(['created', 'cancelled']).optional(),
        customerEmail: z.email().optional().openapi({ example: 'ana@foodly.test' }),
      }),
    },
    responses: {
      200: {
        description: 'Una página de pedidos; nextCursor es null en la última',
        content: { 'application/json': { schema: z.object({ items: z.array(contract.orderSchema), nextCursor: z.string().nullable() }) } },
      },
      400: problemResponse('El cursor no es uno de los nuestros'),
      422: contract.validationErrorResponse,
    },
  });

  const getOrder = createRoute({
    method: 'get',
    path: '/orders/{id}',
    operationId: `getOrder${version.toUpperCase()}`,
    tags: ['pedidos'],
    deprecated: contract.deprecated,
    summary: 'Un pedido, con ETag (If-None-Match → 304)',
    request: { params: OrderId, headers: z.object({ 'if-none-match': z.string().optional() }) },
    responses: {
      200: orderResponse('El pedido', etagHeader),
      304: { description: 'No ha cambiado desde la etiqueta que mandaste' },
      404: problemResponse('No existe el pedido'),
      422: contract.validationErrorResponse,
    },
  });

  const cancelOrder = createRoute({
    method: 'post',
    path: '/orders/{id}/cancel',
    operationId: `cancelOrder${version.toUpperCase()}`,
    tags: ['pedidos'],
    deprecated: contract.deprecated,
    summary: 'Cancela un pedido (If-Match → 412 si cambió desde que lo leíste)',
    request: { params: OrderId, headers: z.object({ 'if-match': z.string().optional() }) },
    responses: {
      200: orderResponse('El pedido cancelado', etagHeader),
      404: problemResponse('No existe el pedido'),
      409: problemResponse('El pedido ya estaba cancelado'),
      412: problemResponse('El pedido cambió desde la versión que indica If-Match'),
      422: contract.validationErrorResponse,
    },
  });

  /** La representación exacta que ve el cliente de esta versión, y su ETag. */
  const represent = async (order: Parameters<OrdersContract['present']>[0]) => {
    const body = JSON.stringify(contract.present(order));
    return { body, etag: await strongEtagOf(body) };
  };
  const json = (c: Context, body: string, status: 200 | 201, headers: Record<string, string> = {}) =>
    c.body(body, status, { ...headers, 'content-type': 'application/json' });

  return (
    new OpenAPIHono({ defaultHook: contract.validationHook })
      // #region create-handler
      .openapi(createOrder, async (c) => {
        const command = contract.toCommand(c.req.valid('json') as never);
        const header = c.req.valid('header')['idempotency-key'];
        const key = header === undefined ? undefined : parseIdempotencyKey(header);
        if (key !== undefined) {
          const outcome = idempotency.begin(key, JSON.stringify(command));
          if (outcome.kind === 'replay') return c.body(outcome.response.body, 201, outcome.response.headers);
          if (outcome.kind === 'in-progress') {
            return problem(c, 409, problemTypeFor('REQUEST_IN_PROGRESS', 409), 'Otra petición con esta Idempotency-Key se está procesando: espera y repite.');
          }
          if (outcome.kind === 'key-reused') {
            return problem(c, 422, problemTypeFor('IDEMPOTENCY_KEY_REUSED', 422), 'Esta Idempotency-Key ya se usó con otro cuerpo: usa una clave nueva para otra operación.');
          }
        }
        try {
          const order = unwrap(await handlersFor(c).createOrder.handle(command));
          const { body, etag } = await represent(order);
          const headers = { 'content-type': 'application/json', location: `${c.req.path.replace(/\/$/, '')}/${order.id}`, etag };
          if (key !== undefined) idempotency.complete(key, { status: 201, body, headers });
          return json(c, body, 201, headers);
        } catch (error) {
          // Un error (sin stock, catálogo caído) no se memoriza: el reintento debe volver a intentarlo.
          if (key !== undefined) idempotency.release(key);
          throw error;
        }
      })
      // #endregion create-handler
      .openapi(listOrders, async (c) => {
        const { limit, cursor, status, customerEmail } = c.req.valid('query');
        const after = cursor === undefined ? undefined : decodeCursor(cursor);
        if (cursor !== undefined && after === undefined) {
          return problem(c, 400, problemTypeFor('INVALID_CURSOR', 400), 'Usa el nextCursor tal como lo devolvió la página anterior.');
        }
        const matching = (await handlersFor(c).searcher.run()).filter(
          (order) => (status === undefined || order.status === status) && (customerEmail === undefined || order.customerEmail === customerEmail),
        );
        const { page, nextCursor } = pageAfter(matching, after, limit);
        return c.json({ items: page.map(contract.present), nextCursor }, 200);
      })
      // #region conditional-get
      .openapi(getOrder, async (c) => {
        const { body, etag } = await represent(unwrap(await handlersFor(c).finder.run(c.req.valid('param').id)));
        // 304 sin cuerpo pero con su ETag: el cliente reutiliza la copia que ya tiene.
        if (noneMatchHits(c.req.valid('header')['if-none-match'], etag)) return c.body(null, 304, { etag });
        return json(c, body, 200, { etag });
      })
      .openapi(cancelOrder, async (c) => {
        const { id } = c.req.valid('param');
        const current = await represent(unwrap(await handlersFor(c).finder.run(id)));
        if (!ifMatchHolds(c.req.valid('header')['if-match'], current.etag)) {
          return problem(c, 412, problemTypeFor('ORDER_CHANGED', 412), 'El pedido cambió desde que lo leíste: vuelve a pedirlo (GET) y decide con su estado actual.');
        }
        const { body, etag } = await represent(unwrap(await handlersFor(c).cancelOrder.handle({ orderId: id })));
        return json(c, body, 200, { etag });
      })
      // #endregion conditional-get
  );
}
