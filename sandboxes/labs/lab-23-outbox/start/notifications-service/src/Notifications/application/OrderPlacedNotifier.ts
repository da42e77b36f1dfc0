import type { EmailSender } from './EmailSender.ts';
import type { OrderPlaced } from './OrderPlaced.ts';
import type { ProcessedMessages } from './ProcessedMessages.ts';
import type { SentEmails } from './SentEmails.ts';

// #region idempotent-notifier
/**
 * Caso de uso: un pedido nuevo merece un correo de confirmación, uno solo aunque el mensaje llegue
 * dos veces. "Exactamente una vez" no lo da el broker: lo da este registro de ids procesados.
 */
export class OrderPlacedNotifier {
  private readonly sender: EmailSender;
  private readonly sent: SentEmails;
  private readonly processed: ProcessedMessages;

  constructor(sender: EmailSender, sent: SentEmails, processed: ProcessedMessages) {
    this.sender = sender;
    this.sent = sent;
    this.processed = processed;
  }

  async notify(order: OrderPlaced): Promise<'sent' | 'duplicate'> {
    // Reservar antes de enviar: con prefetch > 1, dos copias pueden llegar a la vez.
    if (!(await this.processed.claim(order.event.id))) return 'duplicate';
    try {
      await this.sender.send({ to: order.customerEmail, subject: `Confirmación del pedido ${order.orderId} · Total: ${order.total.toFixed(2)} €` });
    } catch (error) {
      await this.processed.release(order.event.id); // no se envió: el reintento debe poder procesarlo
      throw error;
    }
    await this.sent.add({ orderId: order.orderId, to: order.customerEmail, total: order.total, event: order.event, sentAt: new Date().toISOString() });
    return 'sent';
  }
}
// #endregion idempotent-notifier
