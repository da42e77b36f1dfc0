import type { DomainEvent } from '../../domain/DomainEvent.ts';

export type StoredEvent<E extends DomainEvent = DomainEvent> = { readonly version: number; readonly event: E };

export class ConcurrencyError extends Error {}

/**
 * Almacén de eventos: por cada agregado (stream), una lista de eventos que solo crece.
 * `expectedVersion` evita que dos escrituras concurrentes se pisen (control optimista).
 */
export type EventStore = {
  append(streamId: string, events: readonly DomainEvent[], expectedVersion: number): Promise<void>;
  load(streamId: string): Promise<StoredEvent[]>;
  streams(): Promise<string[]>;
};
