import type { Money } from './Money.ts';

// #region payment-port
/**
 * Cómo acabó un cobro. Hay tres respuestas, no dos: si payments-service no contesta a tiempo no
 * sabemos si cobró, y la saga tiene que tratarlo como tal (compensar y anular el cobro).
 */
export type ChargeResult =
  | { status: 'captured'; paymentId: string }
  | { status: 'declined'; reason: 'PAYMENT_DECLINED'; detail: string }
  | { status: 'unknown'; reason: 'PAYMENT_TIMEOUT' | 'PAYMENTS_UNAVAILABLE'; detail: string };

/** Puerto: cobrar un pedido y, como compensación, anular su cobro. Los dos van por el id del pedido. */
export type PaymentGateway = {
  charge(orderId: string, amount: Money, cardToken: string): Promise<ChargeResult>;
  /** Devuelve lo cobrado o, si el cobro aún no ha terminado, impide que termine. Sin cobro, no hace nada. */
  refund(orderId: string): Promise<void>;
};
// #endregion payment-port
