/**
 * Un cobro de un pedido (uno por pedido: orderId es su clave). Empieza pendiente mientras la red de
 * tarjetas decide; acaba cobrado o rechazado. Devolverlo (refund) vale también para uno pendiente:
 * así queda anulado y, cuando la red conteste, ya no se cobra.
 */
export type PaymentStatus = 'pending' | 'captured' | 'declined' | 'refunded';

export type Payment = {
  orderId: string;
  /** Euros con dos decimales. */
  amount: number;
  status: PaymentStatus;
  /** Por qué se rechazó (solo en los rechazados). */
  declineReason?: string;
  updatedAt: string;
};

export const pendingPayment = (orderId: string, amount: number): Payment => ({ orderId, amount, status: 'pending', updatedAt: new Date().toISOString() });

export const withStatus = (payment: Payment, status: PaymentStatus, declineReason?: string): Payment => ({
  ...payment,
  status,
  ...(declineReason === undefined ? {} : { declineReason }),
  updatedAt: new Date().toISOString(),
});
