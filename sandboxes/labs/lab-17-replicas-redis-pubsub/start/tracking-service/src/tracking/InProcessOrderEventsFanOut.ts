import type { OrderEventsFanOut, PublishedOrderEvent } from './OrderEventsFanOut.ts';

/** Reparto dentro del proceso: basta con una réplica. Con dos, cada una solo oye lo que le llega a ella. */
export class InProcessOrderEventsFanOut implements OrderEventsFanOut {
  private readonly handlers: Array<(message: PublishedOrderEvent) => void> = [];

  async publish(message: PublishedOrderEvent): Promise<void> {
    for (const handler of this.handlers) handler(message);
  }

  async subscribe(handler: (message: PublishedOrderEvent) => void): Promise<void> {
    this.handlers.push(handler);
  }

  async close(): Promise<void> {}
}
