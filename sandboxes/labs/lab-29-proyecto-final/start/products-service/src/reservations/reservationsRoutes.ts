import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { problem, problemResponse } from '../shared/problem.ts';
import { productProblems } from '../shared/problemTypes.ts';
import { validationErrorResponse, validationHook } from '../shared/validation.ts';
import type { StockReservations } from './StockReservations.ts';

const OrderId = z.object({ orderId: z.string().min(1).max(100).openapi({ param: { name: 'orderId', in: 'path' }, example: 'PEGA-AQUI-EL-ID' }) });

const ReservationInput = z
  .object({
    items: z
      .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int().min(1).max(1000) }))
      .min(1)
      .max(20),
  })
  .openapi('ReservationInput', { example: { items: [{ productId: 'p-4', quantity: 2 }] } });

const ReservationSchema = z
  .object({
    orderId: z.string(),
    items: z.array(z.object({ productId: z.string(), quantity: z.number().int() })),
    status: z.enum(['reserved', 'released']),
    updatedAt: z.string(),
  })
  .openapi('Reservation');

const json = { 'application/json': { schema: ReservationSchema } };

const reserveStock = createRoute({
  method: 'put',
  path: '/{orderId}',
  operationId: 'reserveStock',
  tags: ['reservas'],
  summary: 'Aparta el stock de un pedido (idempotente: repetirla no reserva dos veces)',
  request: { params: OrderId, body: { required: true, content: { 'application/json': { schema: ReservationInput } } } },
  responses: {
    200: { description: 'La reserva ya existía', content: json },
    201: { description: 'Stock reservado', content: json },
    404: problemResponse('Uno de los productos no existe'),
    409: problemResponse('No hay stock suficiente, o la reserva ya se liberó'),
    400: problemResponse('El cuerpo no es JSON'),
    413: problemResponse('El cuerpo pasa de 64 KB'),
    422: validationErrorResponse,
  },
});

const releaseStock = createRoute({
  method: 'delete',
  path: '/{orderId}',
  operationId: 'releaseStock',
  tags: ['reservas'],
  summary: 'Libera la reserva de un pedido: devuelve las unidades al stock (la compensación; idempotente)',
  request: { params: OrderId },
  responses: { 200: { description: 'La reserva, liberada', content: json }, 422: validationErrorResponse },
});

const getReservation = createRoute({
  method: 'get',
  path: '/{orderId}',
  operationId: 'getReservation',
  tags: ['reservas'],
  summary: 'La reserva de un pedido',
  request: { params: OrderId },
  responses: { 200: { description: 'La reserva', content: json }, 404: problemResponse('Ese pedido no tiene reserva'), 422: validationErrorResponse },
});

export function reservationsRoutes(reservations: StockReservations) {
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(reserveStock, async (c) => {
      const { orderId } = c.req.valid('param');
      const outcome = await reservations.reserve(orderId, c.req.valid('json').items);
      if (outcome.kind === 'reserved') return c.json(outcome.reservation, outcome.created ? 201 : 200);
      if (outcome.kind === 'unknown-product') return problem(c, 404, productProblems.productNotFound, `No existe el producto ${outcome.productId}`);
      if (outcome.kind === 'out-of-stock') return problem(c, 409, productProblems.outOfStock, outcome.detail);
      return problem(c, 409, productProblems.reservationReleased, `La reserva del pedido ${orderId} ya se liberó: no se vuelve a aplicar`);
    })
    .openapi(releaseStock, async (c) => c.json(await reservations.release(c.req.valid('param').orderId), 200))
    .openapi(getReservation, (c) => {
      const { orderId } = c.req.valid('param');
      const reservation = reservations.find(orderId);
      return reservation ? c.json(reservation, 200) : problem(c, 404, productProblems.reservationNotFound, `El pedido ${orderId} no tiene reserva`);
    });
}
