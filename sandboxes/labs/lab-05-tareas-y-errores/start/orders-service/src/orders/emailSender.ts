import type { Order } from './ordersStore.ts';

// #region fake-email-sender
/** Envío de correo simulado: tarda un poco (como un servidor SMTP) y deja constancia en el log. */
export class FakeEmailSender {
  private readonly delayMs: number;

  constructor(delayMs: number) {
    this.delayMs = delayMs;
  }

  async sendOrderConfirmation(order: Order): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    console.log(`[email] Para: ${order.customerEmail} · Asunto: Confirmación del pedido ${order.id} · Total: ${order.total.toFixed(2)} €`);
  }
}
// #endregion fake-email-sender
