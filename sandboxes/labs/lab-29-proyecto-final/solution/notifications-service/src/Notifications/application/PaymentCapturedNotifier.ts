import type { LiveNotifications } from './LiveNotifications.ts';
import type { ProcessedMessages } from './ProcessedMessages.ts';

export type PaymentCaptured = {
  eventId: string;
  correlationId: string;
  orderId: string;
  customerEmail: string;
  amount: number;
};

// #region payment-notifier
/** Caso de uso: un cobro hecho se avisa en vivo al cliente, una sola vez aunque el mensaje se repita. */
export class PaymentCapturedNotifier {
  private readonly live: LiveNotifications;
  private readonly processed: ProcessedMessages;

  constructor(live: LiveNotifications, processed: ProcessedMessages) {
    this.live = live;
    this.processed = processed;
  }

  async notify(payment: PaymentCaptured): Promise<'pushed' | 'duplicate'> {
    if (!(await this.processed.claim(payment.eventId))) return 'duplicate';
    const delivered = this.live.push(payment.customerEmail, {
      type: 'payment.captured',
      orderId: payment.orderId,
      message: `Pago recibido: ${payment.amount.toFixed(2)} € del pedido ${payment.orderId}. ¡Marchando!`,
      amount: payment.amount,
      correlationId: payment.correlationId,
      at: new Date().toISOString(),
    });
    // Nadie conectado no es un error: el aviso en vivo es un extra; el correo y el historial siguen ahí.
    console.log(`[${payment.correlationId}] pago del pedido ${payment.orderId} avisado a ${delivered} conexión(es) de ${payment.customerEmail}`);
    return 'pushed';
  }
}
// #endregion payment-notifier
