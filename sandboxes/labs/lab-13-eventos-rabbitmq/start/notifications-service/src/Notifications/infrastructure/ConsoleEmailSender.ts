import type { EmailSender } from '../application/EmailSender.ts';

/** Correo simulado: tarda como un servidor SMTP y lo deja escrito en el log. */
export class ConsoleEmailSender implements EmailSender {
  private readonly delayMs: number;

  constructor(delayMs: number) {
    this.delayMs = delayMs;
  }

  async send(message: { to: string; subject: string }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    console.log(`[email] Para: ${message.to} · Asunto: ${message.subject}`);
  }
}
