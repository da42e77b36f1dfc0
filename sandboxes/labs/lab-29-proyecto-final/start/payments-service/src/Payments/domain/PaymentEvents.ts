import type { Payment } from './Payment.ts';

/** Puerto de salida: avisar al resto del sistema de un cobro (notifications lo empuja al cliente). */
export type PaymentEvents = {
  captured(payment: Payment, correlationId: string): Promise<void>;
};
