/**
 * Un evento de integración: el contrato público que otros servicios consumen. No es el evento de
 * dominio (order.created es interno y puede cambiar con el modelo); este se versiona como una API.
 */
export type IntegrationEvent = {
  /** Único por evento: el consumidor lo usa para reconocer un duplicado. */
  readonly id: string;
  /** Qué pasó, en nombre inverso de dominio: com.foodly.order.placed. */
  readonly type: string;
  /** De qué entidad habla (el id del pedido). */
  readonly subject: string;
  /** Cuándo pasó (ISO 8601), no cuándo se publicó. */
  readonly occurredOn: string;
  readonly data: Record<string, unknown>;
};

/** Puerto de salida: publicar eventos de integración sin saber por qué broker viajan ni quién los escucha. */
export type EventPublisher = {
  publish(event: IntegrationEvent): Promise<void>;
};
