import type { OrderEvent } from './messages.ts';

/** Un evento de pedido y la réplica que lo recibió de orders-service. */
export type PublishedOrderEvent = { event: OrderEvent; publishedBy: string };

// #region fan-out-port
/**
 * Puerto: repartir cada evento de pedido a todas las réplicas de tracking-service, incluida la que lo
 * publica. Cada réplica entrega después a sus propias conexiones: ninguna conoce los sockets de otra.
 */
export type OrderEventsFanOut = {
  publish(message: PublishedOrderEvent): Promise<void>;
  subscribe(handler: (message: PublishedOrderEvent) => void): Promise<void>;
  close(): Promise<void>;
};
// #endregion fan-out-port
