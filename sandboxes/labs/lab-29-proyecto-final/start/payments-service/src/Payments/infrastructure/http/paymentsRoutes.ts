import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { PaymentCharger } from '../../application/PaymentCharger.ts';
import type { PaymentRepository } from '../../domain/PaymentRepository.ts';
import { problem, problemResponse, problemType } from '../../../Shared/http/problem.ts';

const paymentProblems = {
  orderNotFound: problemType('ORDER_NOT_FOUND', 'pedido-no-encontrado', 'No existe ese pedido'),
  orderNotPayable: problemType('ORDER_NOT_PAYABLE', 'pedido-no-cobrable', 'El pedido no se puede cobrar'),
  declined: problemType('PAYMENT_DECLINED', 'pago-rechazado', 'La pasarela rechazó el pago'),
  paymentNotFound: problemType('PAYMENT_NOT_FOUND', 'pago-no-encontrado', 'Ese pedido no tiene cobro'),
};

const PaymentSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    customerEmail: z.string(),
    amount: z.number(),
    currency: z.literal('EUR'),
    status: z.enum(['captured', 'declined', 'refunded', 'voided']),
    createdAt: z.string(),
  })
  .openapi('Payment');

const PayBody = z
  .object({
    orderId: z.string().min(1).max(100),
    // Un número de tarjeta de prueba: la pasarela es simulada. 4000000000000002 se rechaza siempre.
    cardNumber: z.string().regex(/^\d{12,19}$/, 'entre 12 y 19 dígitos'),
  })
  .openapi('PayBody', { example: { orderId: 'PEGA-AQUI-EL-ID', cardNumber: '4242424242424242' } });

const ValidationSchema = z.object({ detail: z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string(), type: z.string() })) }).openapi('ValidationError');

export function paymentsRoutes(charger: PaymentCharger, payments: PaymentRepository) {
  const routes = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return;
      const detail = result.error.issues.map((issue) => ({ loc: ['body', ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))], msg: issue.message, type: issue.code }));
      return c.json({ detail }, 422);
    },
  });
  routes.openapi(payRoute, async (c) => {
    const correlationId = c.req.header('x-correlation-id') ?? crypto.randomUUID();
    const outcome = await charger.charge(c.req.valid('json'), correlationId);
    if (outcome.kind === 'order-not-found') return problem(c, 404, paymentProblems.orderNotFound, `No existe el pedido ${c.req.valid('json').orderId}.`);
    if (outcome.kind === 'order-cancelled') {
      const detail = outcome.payment.status === 'refunded'
        ? `El pedido ${outcome.payment.orderId} se canceló después de cobrarlo: el cobro ya se devolvió (refunded). Haz otro pedido.`
        : `El pedido ${outcome.payment.orderId} está cancelado: ya no se cobra.`;
      return problem(c, 409, paymentProblems.orderNotPayable, detail);
    }
    if (outcome.kind === 'order-not-payable') return problem(c, 409, paymentProblems.orderNotPayable, `El pedido está ${outcome.status}: solo se cobra uno con su stock apartado (stock_reserved).`);
    if (outcome.kind === 'declined') {
      const detail = outcome.replayed
        ? 'Este pedido ya tuvo un pago rechazado: su saga lo cancela y devuelve el stock. Haz otro pedido.'
        : 'La tarjeta de prueba 4000000000000002 se rechaza siempre (usa 4242424242424242): orders-service cancelará el pedido y devolverá su stock.';
      return problem(c, 402, paymentProblems.declined, detail);
    }
    // 201 el primer cobro; 200 si ya estaba cobrado (la misma respuesta: repetir no cobra dos veces).
    return c.json(outcome.payment, outcome.replayed ? 200 : 201);
  });
  routes.openapi(getPaymentRoute, async (c) => {
    const payment = await payments.findByOrder(c.req.valid('param').orderId);
    if (!payment) return problem(c, 404, paymentProblems.paymentNotFound, `El pedido ${c.req.valid('param').orderId} no tiene cobro.`);
    return c.json(payment, 200);
  });
  return routes;
}

const payRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'payOrder',
  tags: ['pagos'],
  summary: 'Cobra un pedido (pasarela simulada); repetirlo no cobra dos veces',
  request: { body: { required: true, content: { 'application/json': { schema: PayBody } } } },
  responses: {
    200: { description: 'El pedido ya estaba cobrado: el mismo cobro', content: { 'application/json': { schema: PaymentSchema } } },
    201: { description: 'Cobrado', content: { 'application/json': { schema: PaymentSchema } } },
    400: problemResponse('El cuerpo no es JSON'),
    402: problemResponse('La pasarela rechazó la tarjeta'),
    404: problemResponse('No existe ese pedido'),
    409: problemResponse('El pedido no está en un estado que se pueda cobrar'),
    413: problemResponse('El cuerpo pasa de 64 KB'),
    422: { description: 'Algún campo no es válido', content: { 'application/json': { schema: ValidationSchema } } },
    503: problemResponse('orders-service no responde a tiempo'),
  },
});

const getPaymentRoute = createRoute({
  method: 'get',
  path: '/{orderId}',
  operationId: 'getPayment',
  tags: ['pagos'],
  summary: 'El cobro de un pedido',
  request: { params: z.object({ orderId: z.string().openapi({ param: { name: 'orderId', in: 'path' }, example: 'PEGA-AQUI-EL-ID' }) }) },
  responses: {
    200: { description: 'El cobro', content: { 'application/json': { schema: PaymentSchema } } },
    404: problemResponse('Ese pedido no tiene cobro'),
  },
});
