import type { SentEmail, SentEmails } from '../application/SentEmails.ts';

/** Los correos enviados, en memoria (se pierden al reiniciar el servicio). */
export class InMemorySentEmails implements SentEmails {
  private readonly emails: SentEmail[] = [];

  async add(email: SentEmail): Promise<void> {
    this.emails.push(email);
  }

  async all(): Promise<SentEmail[]> {
    return [...this.emails];
  }
}
