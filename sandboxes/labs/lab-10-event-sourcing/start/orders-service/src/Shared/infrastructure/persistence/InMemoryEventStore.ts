import type { DomainEvent } from '../../domain/DomainEvent.ts';
import { ConcurrencyError } from './EventStore.ts';
import type { EventStore, StoredEvent } from './EventStore.ts';

export class InMemoryEventStore implements EventStore {
  private readonly streamsById = new Map<string, StoredEvent[]>();

  // #region append
  async append(streamId: string, events: readonly DomainEvent[], expectedVersion: number): Promise<void> {
    const stream = this.streamsById.get(streamId) ?? [];
    // Comprobar y añadir sin un await entre medias: nadie puede colarse entre las dos cosas.
    if (stream.length !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, stream.length);
    events.forEach((event, index) => stream.push({ version: expectedVersion + index + 1, event: structuredClone(event) }));
    this.streamsById.set(streamId, stream);
  }
  // #endregion append

  async load(streamId: string): Promise<StoredEvent[]> {
    return (this.streamsById.get(streamId) ?? []).map((stored) => structuredClone(stored));
  }

  async streams(): Promise<string[]> {
    return [...this.streamsById.keys()];
  }
}
