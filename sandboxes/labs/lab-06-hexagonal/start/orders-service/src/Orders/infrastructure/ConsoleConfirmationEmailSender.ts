/** Correo simulado: tarda como un servidor SMTP y lo deja escrito en el log. */
export class ConsoleConfirmationEmailSender {
  private readonly delayMs: number;

  constructor(delayMs: number) {
    this.delayMs = delayMs;
  }

  async send(message: { to: string; orderId: string; total: number }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    console.log(`[email] Para: ${message.to} · Asunto: Confirmación del pedido ${message.orderId} · Total: ${message.total.toFixed(2)} €`);
  }
}
