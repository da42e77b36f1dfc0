import { z } from '@hono/zod-openapi';
import { validationHook } from '../../../../Shared/infrastructure/http/validation.ts';
import type { OrderResponse } from '../../../application/OrderResponse.ts';
import { CardToken, CancellationReasonSchema, OrderStatusSchema } from '../contract/OrdersContract.ts';
import type { OrdersContract } from '../contract/OrdersContract.ts';

// El contrato que ya usan los clientes: importes como número de euros y `items` en el alta.
const CreateOrderBodyV1 = z
  .object({
    customerEmail: z.email(),
    items: z
      .array(z.object({ productId: z.string().min(1).max(50), quantity: z.number().int() }))
      .min(1)
      .max(20),
    cardToken: CardToken,
  })
  .openapi('CreateOrderV1', { example: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-2', quantity: 2 }], cardToken: 'tok_visa' } });

const OrderV1 = z
  .object({
    id: z.string(),
    customerEmail: z.string(),
    status: OrderStatusSchema,
    cancellationReason: CancellationReasonSchema.optional(),
    lines: z.array(z.object({ productId: z.string(), name: z.string(), unitPrice: z.number(), quantity: z.number().int() })),
    total: z.number().openapi({ description: 'Importe en euros', example: 22 }),
    createdAt: z.string(),
  })
  .openapi('OrderV1');

const ValidationErrorV1 = z
  .object({ detail: z.array(z.object({ loc: z.array(z.string()), msg: z.string(), type: z.string() })) })
  .openapi('ValidationErrorV1');

type CreateOrderV1 = z.infer<typeof CreateOrderBodyV1>;

export const ordersContractV1: OrdersContract = {
  version: 'v1',
  deprecated: true,
  createOrderBody: CreateOrderBodyV1,
  toCommand: (body: CreateOrderV1) => ({ customerEmail: body.customerEmail, items: body.items, cardToken: body.cardToken }),
  orderSchema: OrderV1,
  present: (order: OrderResponse) => order,
  validationHook,
  validationErrorResponse: {
    description: 'Datos no válidos (formato de FastAPI: una entrada por campo en detail)',
    content: { 'application/json': { schema: ValidationErrorV1 } },
  },
};
