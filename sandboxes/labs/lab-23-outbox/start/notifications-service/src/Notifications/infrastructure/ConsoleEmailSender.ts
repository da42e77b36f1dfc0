import type { EmailSender } from '../application/EmailSender.ts';

/** Un fallo pasajero del servidor de correo (SMTP 451): reintentarlo más tarde puede salir bien. */
export class TemporaryEmailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemporaryEmailError';
  }
}

/**
 * Correo simulado: tarda como un servidor SMTP y lo deja escrito en el log. Para provocar fallos:
 * las direcciones de @lento.test fallan sus 2 primeros intentos; las de @caido.test, siempre.
 */
export class ConsoleEmailSender implements EmailSender {
  private readonly delayMs: number;
  private readonly attempts = new Map<string, number>();

  constructor(delayMs: number) {
    this.delayMs = delayMs;
  }

  async send(message: { to: string; subject: string }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const key = `${message.to}|${message.subject}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    if (message.to.endsWith('@caido.test') || (message.to.endsWith('@lento.test') && attempt <= 2)) {
      throw new TemporaryEmailError(`451 4.3.0 el servidor de correo no responde (intento ${attempt} para ${message.to})`);
    }
    console.log(`[email] Para: ${message.to} · Asunto: ${message.subject}`);
  }
}
