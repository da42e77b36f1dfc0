import type { EmailSender } from './EmailSender.ts';
import type { OrderPlaced } from './OrderPlaced.ts';
import type { SentEmails } from './SentEmails.ts';

/** Caso de uso: un pedido nuevo merece un correo de confirmación. No sabe de colas ni de brokers. */
export class OrderPlacedNotifier {
  private readonly sender: EmailSender;
  private readonly sent: SentEmails;

  constructor(sender: EmailSender, sent: SentEmails) {
    this.sender = sender;
    this.sent = sent;
  }

  async notify(order: OrderPlaced): Promise<void> {
    await this.sender.send({ to: order.customerEmail, subject: `Confirmación del pedido ${order.orderId} · Total: ${order.total.toFixed(2)} €` });
    await this.sent.add({ orderId: order.orderId, to: order.customerEmail, total: order.total, event: order.event, sentAt: new Date().toISOString() });
  }
}
