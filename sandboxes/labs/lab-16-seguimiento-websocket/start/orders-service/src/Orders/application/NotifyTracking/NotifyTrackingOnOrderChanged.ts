import type { DomainEventSubscriber } from '../../../Shared/domain/EventBus.ts';
import type { OrderDomainEvent } from '../../domain/OrderDomainEvents.ts';
import type { OrderTracking } from './OrderTracking.ts';

/**
 * Cada cambio de un pedido viaja a tracking-service, que lo reparte a quien lo sigue en directo.
 * En segundo plano: crear o cancelar un pedido no espera al canal, y si el canal falla el pedido sigue.
 */
export class NotifyTrackingOnOrderChanged implements DomainEventSubscriber<OrderDomainEvent> {
  private readonly tracking: OrderTracking;

  constructor(tracking: OrderTracking) {
    this.tracking = tracking;
  }

  subscribedTo(): string[] {
    return ['order.created', 'order.cancelled'];
  }

  async on(event: OrderDomainEvent): Promise<void> {
    this.tracking
      .orderChanged({ eventId: event.eventId, name: event.eventName, orderId: event.aggregateId, occurredAt: event.occurredOn })
      .catch((error: unknown) => console.error('[seguimiento] no se pudo avisar del cambio:', error));
  }
}
