import { z } from '@hono/zod-openapi';
import { problemValidationHook } from '../../../../Shared/infrastructure/http/validation.ts';
import type { OrderResponse } from '../../../application/OrderResponse.ts';
import { CardToken, CancellationReasonSchema, OrderStatusSchema } from '../contract/OrdersContract.ts';
import type { OrdersContract } from '../contract/OrdersContract.ts';

// #region v2-request
// pipe: primero limpia (quita espacios, pasa a minúsculas) y después valida el resultado como email.
const CustomerEmail = z.string().trim().toLowerCase().pipe(z.email()).openapi({ example: 'ana@foodly.test' });

// Cada línea dice de qué tipo es: mañana puede haber otras (menús, propinas) sin romper a nadie.
const ProductLine = z.object({
  kind: z.literal('product'),
  productId: z.string().min(1).max(50),
  quantity: z.number().int().min(1).max(99),
});
const OrderLineInput = z.discriminatedUnion('kind', [ProductLine]);

const CreateOrderBodyV2 = z
  .object({
    customerEmail: CustomerEmail,
    lines: z
      .array(OrderLineInput)
      .min(1)
      .max(20)
      // refine: una regla entre campos que ningún tipo expresa. v1 sumaba en silencio; v2 lo rechaza.
      .refine((lines) => new Set(lines.map((line) => line.productId)).size === lines.length, {
        message: 'Cada producto va en una sola línea: suma las cantidades',
      }),
    cardToken: CardToken,
  })
  .openapi('CreateOrderV2', {
    example: { customerEmail: 'ana@foodly.test', lines: [{ kind: 'product', productId: 'p-2', quantity: 2 }], cardToken: 'tok_visa' },
  });
// #endregion v2-request

// #region v2-response
// Dinero como objeto: céntimos enteros (sin coma flotante) y la moneda explícita (ISO 4217).
const Money = z
  .object({ amountCents: z.number().int(), currency: z.literal('EUR') })
  .openapi('Money', { example: { amountCents: 2200, currency: 'EUR' } });

const OrderV2 = z
  .object({
    id: z.string(),
    customerEmail: z.string(),
    status: OrderStatusSchema,
    cancellationReason: CancellationReasonSchema.optional(),
    lines: z.array(
      z.object({ kind: z.literal('product'), productId: z.string(), name: z.string(), unitPrice: Money, quantity: z.number().int() }),
    ),
    total: Money,
    createdAt: z.string(),
  })
  .openapi('OrderV2');

const euros = (amount: number) => ({ amountCents: Math.round(amount * 100), currency: 'EUR' as const });

/** La traducción vive en el adaptador: OrderResponse (y el dominio) siguen hablando en euros. */
const presentV2 = (order: OrderResponse): z.infer<typeof OrderV2> => ({
  id: order.id,
  customerEmail: order.customerEmail,
  status: order.status as z.infer<typeof OrderStatusSchema>,
  ...(order.cancellationReason === undefined ? {} : { cancellationReason: order.cancellationReason as z.infer<typeof CancellationReasonSchema> }),
  lines: order.lines.map((line) => ({ kind: 'product', productId: line.productId, name: line.name, unitPrice: euros(line.unitPrice), quantity: line.quantity })),
  total: euros(order.total),
  createdAt: order.createdAt,
});
// #endregion v2-response

const ValidationProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    errors: z.array(z.object({ detail: z.string(), pointer: z.string().optional(), parameter: z.string().optional() })),
  })
  .openapi('ValidationProblem');

type CreateOrderV2 = z.infer<typeof CreateOrderBodyV2>;

export const ordersContractV2: OrdersContract = {
  version: 'v2',
  deprecated: false,
  createOrderBody: CreateOrderBodyV2,
  toCommand: (body: CreateOrderV2) => ({
    customerEmail: body.customerEmail,
    items: body.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
    cardToken: body.cardToken,
  }),
  orderSchema: OrderV2,
  present: presentV2,
  // v2 responde los 422 de validación en RFC 9457, como el resto de sus errores.
  validationHook: problemValidationHook,
  validationErrorResponse: {
    description: 'Datos no válidos: un problema RFC 9457 con un elemento de errors por campo',
    content: { 'application/problem+json': { schema: ValidationProblem } },
  },
};
