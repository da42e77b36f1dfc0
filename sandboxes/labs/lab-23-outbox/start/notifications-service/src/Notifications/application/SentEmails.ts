import type { OrderPlaced } from './OrderPlaced.ts';

export type SentEmail = {
  readonly orderId: string;
  readonly to: string;
  readonly total: number;
  readonly event: OrderPlaced['event'];
  readonly sentAt: string;
};

/** Puerto: el registro de los correos enviados (lo que GET /notifications enseña). */
export type SentEmails = {
  add(email: SentEmail): Promise<void>;
  all(): Promise<SentEmail[]>;
};
