import type { Order } from '../domain/Order.ts';
import type { OrderLinePrimitives } from '../domain/OrderLine.ts';

/** Lo que los casos de uso devuelven hacia fuera: datos planos, no el agregado. */
export type OrderResponse = {
  id: string;
  customerEmail: string;
  status: string;
  cancellationReason?: string;
  lines: OrderLinePrimitives[];
  total: number;
  createdAt: string;
};

export const toOrderResponse = (order: Order): OrderResponse => ({
  ...order.toPrimitives(),
  total: order.total().toNumber(),
});
