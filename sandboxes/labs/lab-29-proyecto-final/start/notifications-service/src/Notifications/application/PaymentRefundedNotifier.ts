import type { LiveNotifications } from './LiveNotifications.ts';
import type { ProcessedMessages } from './ProcessedMessages.ts';

export type PaymentRefunded = {
  eventId: string;
  correlationId: string;
  orderId: string;
  customerEmail: string;
  amount: number;
};

/**
 * Caso de uso: el pedido se canceló con el cobro ya hecho y payments-service lo devolvió. El cliente
 * recibió «Pago recibido» por el canal en vivo; ahora se entera de que el dinero vuelve. Una sola vez:
 * payments publica la misma devolución con el mismo id si OrderCancelled le llega repetido.
 */
export class PaymentRefundedNotifier {
  private readonly live: LiveNotifications;
  private readonly processed: ProcessedMessages;

  constructor(live: LiveNotifications, processed: ProcessedMessages) {
    this.live = live;
    this.processed = processed;
  }

  async notify(refund: PaymentRefunded): Promise<'pushed' | 'duplicate'> {
    if (!(await this.processed.claim(refund.eventId))) return 'duplicate';
    const delivered = this.live.push(refund.customerEmail, {
      type: 'payment.refunded',
      orderId: refund.orderId,
      message: `Pedido ${refund.orderId} cancelado: te devolvemos ${refund.amount.toFixed(2)} €.`,
      amount: refund.amount,
      correlationId: refund.correlationId,
      at: new Date().toISOString(),
    });
    console.log(`[${refund.correlationId}] devolución del pedido ${refund.orderId} avisada a ${delivered} conexión(es) de ${refund.customerEmail}`);
    return 'pushed';
  }
}
