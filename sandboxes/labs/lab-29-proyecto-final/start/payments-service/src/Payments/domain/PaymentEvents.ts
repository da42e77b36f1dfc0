import type { Payment } from './Payment.ts';

/** Puerto de salida: avisar al resto del sistema de un cobro (notifications lo empuja al cliente; orders lo anota) o de un rechazo (orders compensa). */
export type PaymentEvents = {
  captured(payment: Payment, correlationId: string): Promise<void>;
  declined(payment: Payment, correlationId: string): Promise<void>;
};
