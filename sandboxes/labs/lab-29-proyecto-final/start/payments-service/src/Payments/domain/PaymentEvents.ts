import type { Payment } from './Payment.ts';

/**
 * Puerto de salida: avisar al resto del sistema de un cobro (notifications lo empuja al cliente; orders lo
 * anota), de un rechazo (orders compensa) o de una devolución (notifications avisa al cliente de que su
 * dinero vuelve: el pedido se canceló con el cobro ya hecho).
 */
export type PaymentEvents = {
  captured(payment: Payment, correlationId: string): Promise<void>;
  declined(payment: Payment, correlationId: string): Promise<void>;
  refunded(payment: Payment, correlationId: string): Promise<void>;
};
