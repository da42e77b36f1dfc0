import type { DomainEventSubscriber } from '../../../Shared/domain/EventBus.ts';
import type { EventPublisher } from '../../../Shared/domain/EventPublisher.ts';
import type { OrderCancelledDomainEvent, OrderPaidDomainEvent } from '../../domain/OrderDomainEvents.ts';

/**
 * Cómo acabó la saga, hacia fuera: OrderPaid (cobrado) u OrderCancelled (con su motivo: sin stock,
 * pago rechazado, el cliente). Salen del outbox como OrderPlaced, así que no se pierden aunque el
 * broker o orders-service se caigan justo después de guardar.
 */
export class PublishOrderSettledOnOrderPaidOrCancelled implements DomainEventSubscriber<OrderPaidDomainEvent | OrderCancelledDomainEvent> {
  private readonly publisher: EventPublisher;

  constructor(publisher: EventPublisher) {
    this.publisher = publisher;
  }

  subscribedTo(): string[] {
    return ['order.paid', 'order.cancelled'];
  }

  async on(event: OrderPaidDomainEvent | OrderCancelledDomainEvent): Promise<void> {
    await this.publisher.publish({
      id: event.eventId,
      type: event.eventName === 'order.paid' ? 'com.foodly.order.paid' : 'com.foodly.order.cancelled',
      subject: event.aggregateId,
      occurredOn: event.occurredOn,
      data: event.eventName === 'order.paid' ? { orderId: event.aggregateId, paymentId: event.paymentId } : { orderId: event.aggregateId, reason: event.reason },
    });
  }
}
