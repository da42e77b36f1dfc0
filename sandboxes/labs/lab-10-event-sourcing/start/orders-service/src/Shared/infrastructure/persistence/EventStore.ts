import type { DomainEvent } from '../../domain/DomainEvent.ts';

export type StoredEvent<E extends DomainEvent = DomainEvent> = { readonly version: number; readonly event: E };

/** Otra escritura llegó antes: el stream ya no está en la versión esperada. La capa HTTP responde 409. */
export class ConcurrencyError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(streamId: string, expectedVersion: number, actualVersion: number) {
    super(`El stream ${streamId} va por la versión ${actualVersion} y se esperaba la ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * Almacén de eventos: por cada agregado (stream), una lista de eventos que solo crece.
 * `expectedVersion` evita que dos escrituras concurrentes se pisen (control optimista).
 */
export type EventStore = {
  append(streamId: string, events: readonly DomainEvent[], expectedVersion: number): Promise<void>;
  load(streamId: string): Promise<StoredEvent[]>;
  streams(): Promise<string[]>;
};
