import type { Payment } from './Payment.ts';

/** Puerto de almacenamiento de cobros. */
export type PaymentRepository = {
  find(orderId: string): Promise<Payment | undefined>;
  save(payment: Payment): Promise<void>;
  all(): Promise<Payment[]>;
};
