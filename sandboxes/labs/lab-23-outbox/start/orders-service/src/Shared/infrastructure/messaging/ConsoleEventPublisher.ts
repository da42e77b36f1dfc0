import type { EventPublisher, IntegrationEvent } from '../../domain/EventPublisher.ts';

/** Adaptador provisional: deja el evento en el log y no lo saca del proceso. Nadie fuera de orders lo recibe. */
export class ConsoleEventPublisher implements EventPublisher {
  async publish(event: IntegrationEvent): Promise<void> {
    console.log(`[eventos] ${event.type} ${event.id} (sin broker: no sale de orders-service)`);
  }
}
