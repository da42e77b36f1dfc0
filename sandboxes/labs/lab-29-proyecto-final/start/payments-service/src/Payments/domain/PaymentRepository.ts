import type { Payment } from './Payment.ts';

/** Puerto de salida: dónde se guardan los cobros (y los rechazos). Un pedido se intenta cobrar una sola vez. */
export type PaymentRepository = {
  /** Guarda el cobro si el pedido no tenía ninguno; si ya lo tenía, devuelve el existente y no guarda nada. */
  saveIfAbsent(payment: Payment): Promise<{ saved: boolean; payment: Payment }>;
  findByOrder(orderId: string): Promise<Payment | undefined>;
  /** Reemplaza el cobro de un pedido que ya existe (p. ej. captured → refunded). */
  update(payment: Payment): Promise<void>;
};
