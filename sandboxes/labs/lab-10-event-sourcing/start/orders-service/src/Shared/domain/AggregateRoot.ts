import type { DomainEvent } from './DomainEvent.ts';

/**
 * Raíz de agregado: anota los eventos de dominio que produce hasta que alguien los recoge (tras guardar)
 * y lleva la cuenta de su versión, el número de eventos de su historia.
 */
// #region aggregate-root
export abstract class AggregateRoot<E extends DomainEvent = DomainEvent> {
  private domainEvents: E[] = [];
  private currentVersion = 0;

  protected record(event: E): void {
    this.domainEvents.push(event);
    this.currentVersion += 1;
  }

  /** Al reconstruirlo desde su historia, el agregado queda en la versión de su último evento. */
  protected restoreVersion(version: number): void {
    this.currentVersion = version;
  }

  /** Versión tras todos sus eventos, contando los anotados y aún no guardados. */
  get version(): number {
    return this.currentVersion;
  }

  /**
   * La versión que su stream tenía cuando se cargó el agregado (la actual menos los eventos pendientes).
   * Al guardar, el almacén exige que siga ahí: si no, otro escribió entre medias (concurrencia optimista).
   */
  get expectedVersion(): number {
    return this.currentVersion - this.domainEvents.length;
  }
// #endregion aggregate-root

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
