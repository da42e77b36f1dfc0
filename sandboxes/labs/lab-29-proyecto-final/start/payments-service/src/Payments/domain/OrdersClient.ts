/** Puerto de salida: lo que payments necesita saber de un pedido para cobrarlo. */
export type PayableOrder = { id: string; customerEmail: string; total: number; status: string };

export type OrdersClient = {
  find(orderId: string, correlationId: string): Promise<PayableOrder | undefined>;
};
