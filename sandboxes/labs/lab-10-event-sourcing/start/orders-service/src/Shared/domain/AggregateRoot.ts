import type { DomainEvent } from './DomainEvent.ts';

/** Raíz de agregado: anota los eventos de dominio que produce hasta que alguien los recoge (tras guardar). */
export abstract class AggregateRoot<E extends DomainEvent = DomainEvent> {
  private domainEvents: E[] = [];

  protected record(event: E): void {
    this.domainEvents.push(event);
  }

  /** Los eventos anotados y aún no entregados, sin consumirlos (los usa un repositorio de eventos al guardar). */
  peekDomainEvents(): readonly E[] {
    return this.domainEvents;
  }

  pullDomainEvents(): E[] {
    const events = this.domainEvents;
    this.domainEvents = [];
    return events;
  }
}
