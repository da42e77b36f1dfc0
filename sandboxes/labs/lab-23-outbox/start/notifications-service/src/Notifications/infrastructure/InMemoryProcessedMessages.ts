import type { ProcessedMessages } from '../application/ProcessedMessages.ts';

/**
 * Ids procesados en memoria, con un máximo: los más antiguos se olvidan. Un duplicado más viejo que
 * la ventana pasaría; en producción la ventana se mide en días (una tabla con fecha y una limpieza).
 */
export class InMemoryProcessedMessages implements ProcessedMessages {
  private readonly ids = new Set<string>();
  private readonly capacity: number;

  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }

  async claim(messageId: string): Promise<boolean> {
    if (this.ids.has(messageId)) return false;
    this.ids.add(messageId);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }

  async release(messageId: string): Promise<void> {
    this.ids.delete(messageId);
  }
}
