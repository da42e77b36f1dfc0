/** Lo que llega al cliente por el canal en vivo: qué pasó (un cobro, una devolución), de qué pedido y con qué id de correlación. */
export type LiveNotification = {
  type: 'payment.captured' | 'payment.refunded';
  orderId: string;
  message: string;
  amount: number;
  correlationId: string;
  at: string;
};

/** Puerto de salida: empujar una notificación a las conexiones abiertas de un cliente. Devuelve a cuántas llegó. */
export type LiveNotifications = {
  push(customerEmail: string, notification: LiveNotification): number;
};
