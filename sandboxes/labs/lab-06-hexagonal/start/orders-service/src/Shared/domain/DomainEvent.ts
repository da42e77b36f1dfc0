/** Algo que ha pasado en el dominio y que a otros les puede interesar. Inmutable y con fecha. */
export type DomainEvent = {
  readonly eventId: string;
  readonly eventName: string;
  readonly aggregateId: string;
  readonly occurredOn: string;
};

export const newEventMetadata = (aggregateId: string) => ({
  eventId: crypto.randomUUID(),
  aggregateId,
  occurredOn: new Date().toISOString(),
});
