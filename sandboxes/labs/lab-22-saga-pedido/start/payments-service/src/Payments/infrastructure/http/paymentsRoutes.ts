import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { problem, problemResponse, problemType } from '../../../Shared/infrastructure/http/problem.ts';
import { validationErrorResponse, validationHook } from '../../../Shared/infrastructure/http/validation.ts';
import type { PaymentCharger } from '../../application/Charge/PaymentCharger.ts';
import type { PaymentRefunder } from '../../application/Refund/PaymentRefunder.ts';
import type { PaymentRepository } from '../../domain/PaymentRepository.ts';

export const paymentProblems = {
  declined: problemType('PAYMENT_DECLINED', 'pago-rechazado', 'Pago rechazado'),
  inProgress: problemType('PAYMENT_IN_PROGRESS', 'cobro-en-curso', 'Cobro en curso'),
  refunded: problemType('PAYMENT_REFUNDED', 'cobro-anulado', 'Cobro anulado'),
  notFound: problemType('PAYMENT_NOT_FOUND', 'cobro-inexistente', 'Cobro inexistente'),
};

const ChargeInput = z
  .object({
    orderId: z.string().min(1).max(100).openapi({ example: 'PEGA-AQUI-EL-ID' }),
    amount: z.number().positive().max(100_000).multipleOf(0.01).openapi({ description: 'Euros', example: 19 }),
    cardToken: z.string().min(1).max(100).openapi({ description: 'tok_visa paga, tok_declined se rechaza, tok_slow tarda', example: 'tok_visa' }),
  })
  .openapi('ChargeInput');

const PaymentSchema = z
  .object({
    orderId: z.string(),
    amount: z.number(),
    status: z.enum(['pending', 'captured', 'declined', 'refunded']),
    declineReason: z.string().optional(),
    updatedAt: z.string(),
  })
  .openapi('Payment');

const OrderId = z.object({ orderId: z.string().min(1).max(100).openapi({ param: { name: 'orderId', in: 'path' }, example: 'PEGA-AQUI-EL-ID' }) });
const json = { 'application/json': { schema: PaymentSchema } };

const chargeRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'chargePayment',
  tags: ['pagos'],
  summary: 'Cobra un pedido (uno por pedido: repetirlo devuelve el cobro que ya hay)',
  request: { body: { required: true, content: { 'application/json': { schema: ChargeInput } } } },
  responses: {
    200: { description: 'Ese pedido ya estaba cobrado', content: json },
    201: { description: 'Cobrado', content: json },
    402: problemResponse('Pago rechazado (tarjeta o límite)'),
    409: problemResponse('El cobro de ese pedido sigue en curso o se anuló'),
    400: problemResponse('El cuerpo no es JSON'),
    413: problemResponse('El cuerpo pasa de 64 KB'),
    422: validationErrorResponse,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listPayments',
  tags: ['pagos'],
  summary: 'Todos los cobros',
  responses: { 200: { description: 'Los cobros', content: { 'application/json': { schema: z.object({ items: z.array(PaymentSchema) }) } } } },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{orderId}',
  operationId: 'getPayment',
  tags: ['pagos'],
  summary: 'El cobro de un pedido',
  request: { params: OrderId },
  responses: { 200: { description: 'El cobro', content: json }, 404: problemResponse('Ese pedido no tiene cobro'), 422: validationErrorResponse },
});

const refundRoute = createRoute({
  method: 'post',
  path: '/{orderId}/refund',
  operationId: 'refundPayment',
  tags: ['pagos'],
  summary: 'Devuelve o anula el cobro de un pedido (la compensación; idempotente)',
  request: { params: OrderId },
  responses: { 200: { description: 'El cobro, devuelto o anulado', content: json }, 422: validationErrorResponse },
});

export function paymentsRoutes(handlers: { charger: PaymentCharger; refunder: PaymentRefunder; repository: PaymentRepository }) {
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(chargeRoute, async (c) => {
      const outcome = await handlers.charger.run(c.req.valid('json'));
      const { orderId } = outcome.payment;
      if (outcome.kind === 'captured') return c.json(outcome.payment, outcome.replayed ? 200 : 201);
      if (outcome.kind === 'declined') return problem(c, 402, paymentProblems.declined, outcome.payment.declineReason ?? 'Pago rechazado');
      if (outcome.kind === 'in-progress') return problem(c, 409, paymentProblems.inProgress, `El cobro del pedido ${orderId} sigue en curso: consulta GET /payments/${orderId}`);
      return problem(c, 409, paymentProblems.refunded, `El cobro del pedido ${orderId} se anuló: no se cobra`);
    })
    .openapi(listRoute, async (c) => c.json({ items: await handlers.repository.all() }, 200))
    .openapi(getRoute, async (c) => {
      const { orderId } = c.req.valid('param');
      const payment = await handlers.repository.find(orderId);
      return payment ? c.json(payment, 200) : problem(c, 404, paymentProblems.notFound, `El pedido ${orderId} no tiene cobro`);
    })
    .openapi(refundRoute, async (c) => c.json(await handlers.refunder.run(c.req.valid('param').orderId), 200));
}
