import type { Context } from 'hono';
import { z } from '@hono/zod-openapi';
import type { OrderResponse } from '../../../application/OrderResponse.ts';
import type { CreateOrderCommand } from '../../../application/Create/CreateOrderCommand.ts';
import type { validationHook } from '../../../../Shared/infrastructure/http/validation.ts';

// #region contract
/**
 * Un contrato HTTP de pedidos: cómo se ve un pedido por fuera y cómo llega una petición de alta.
 * Es una traducción en el borde del hexágono: los casos de uso y el dominio no saben que existe.
 * Una versión nueva de la API es otro contrato sobre los mismos casos de uso.
 */
export type OrdersContract = {
  /** "v1", "v2"…: se usa en los operationId y en los títulos de la documentación. */
  version: string;
  /** Marca sus operaciones como obsoletas en OpenAPI (las cabeceras Deprecation y Sunset las pone app.ts). */
  deprecated: boolean;
  /** El cuerpo de POST /orders tal como lo valida zod (con .openapi(...) para documentarlo). */
  createOrderBody: z.ZodType;
  /** Lo que ha validado createOrderBody → el comando que entienden los casos de uso. */
  toCommand: (body: never) => CreateOrderCommand;
  /** Un pedido como lo ve el cliente de esta versión. */
  orderSchema: z.ZodType;
  present: (order: OrderResponse) => unknown;
  /** Qué responde una petición mal formada: el 422 de esta versión y su esquema. */
  validationHook: (result: Parameters<typeof validationHook>[0], c: Context) => Response | undefined;
  validationErrorResponse: { description: string; content: Record<string, { schema: z.ZodType }> };
};
// #endregion contract

// Lo que no cambia entre versiones: los estados del pedido, los motivos de cancelación y la tarjeta.
export const OrderStatusSchema = z.enum(['pending', 'stock_reserved', 'paid', 'confirmed', 'cancelled']).openapi('OrderStatus');
export const CancellationReasonSchema = z
  .enum(['CUSTOMER_REQUEST', 'OUT_OF_STOCK', 'PAYMENT_DECLINED', 'PAYMENT_TIMEOUT', 'PAYMENTS_UNAVAILABLE'])
  .openapi('CancellationReason');
/** El token de la tarjeta en la pasarela (nunca el número). Sin él, la tarjeta de pruebas que siempre paga. */
export const CardToken = z.string().min(1).max(100).default('tok_visa').openapi({ description: 'Token de la tarjeta en payments-service', example: 'tok_visa' });
