import type { DomainEvent } from './DomainEvent.ts';

export type DomainEventSubscriber<E extends DomainEvent = DomainEvent> = {
  subscribedTo(): string[];
  on(event: E): Promise<void>;
};

/** Puerto: publicar eventos de dominio sin saber quién los escucha ni cómo viajan. */
export type EventBus = {
  publish(events: DomainEvent[]): Promise<void>;
};
