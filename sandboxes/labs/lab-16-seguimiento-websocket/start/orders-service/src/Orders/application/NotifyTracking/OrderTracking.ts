/** Puerto: avisar al canal de seguimiento de que un pedido ha cambiado. */
export type OrderTracking = {
  orderChanged(change: { eventId: string; name: string; orderId: string; occurredAt: string }): Promise<void>;
};
