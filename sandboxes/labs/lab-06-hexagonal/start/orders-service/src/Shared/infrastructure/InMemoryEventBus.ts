import type { DomainEvent } from '../domain/DomainEvent.ts';
import type { DomainEventSubscriber, EventBus } from '../domain/EventBus.ts';

/**
 * Bus de eventos en memoria y síncrono: cada suscriptor recibe el evento en el mismo proceso.
 * Un suscriptor que falla no impide que los demás lo reciban; el fallo queda en el log.
 * (En el Bloque 3 este adaptador se sustituye por RabbitMQ o Kafka sin tocar el dominio.)
 */
export class InMemoryEventBus implements EventBus {
  private readonly subscribers = new Map<string, DomainEventSubscriber[]>();

  constructor(subscribers: DomainEventSubscriber[] = []) {
    for (const subscriber of subscribers) this.subscribe(subscriber);
  }

  subscribe(subscriber: DomainEventSubscriber): void {
    for (const name of subscriber.subscribedTo()) this.subscribers.set(name, [...(this.subscribers.get(name) ?? []), subscriber]);
  }

  async publish(events: DomainEvent[]): Promise<void> {
    for (const event of events) {
      for (const subscriber of this.subscribers.get(event.eventName) ?? []) {
        try {
          await subscriber.on(event);
        } catch (error) {
          console.error(`[eventos] un suscriptor de ${event.eventName} falló:`, error);
        }
      }
    }
  }
}
