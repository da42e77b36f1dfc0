import type { DomainEventSubscriber } from '../../../Shared/domain/EventBus.ts';
import type { EventPublisher } from '../../../Shared/domain/EventPublisher.ts';
import type { OrderCancelledDomainEvent } from '../../domain/OrderDomainEvents.ts';

/**
 * OrderCancelled hacia fuera, con su motivo (sin stock, pago rechazado, el cliente): payments-service
 * lo consume para devolver un cobro que llegó a hacerse o anular uno que aún no. Sale del outbox como
 * OrderPlaced, así que no se pierde aunque el broker o orders-service se caigan justo después de guardar.
 * order.paid no sale: nadie fuera lo necesita (notifications avisa con payment.captured).
 */
export class PublishOrderCancelledOnOrderCancelled implements DomainEventSubscriber<OrderCancelledDomainEvent> {
  private readonly publisher: EventPublisher;

  constructor(publisher: EventPublisher) {
    this.publisher = publisher;
  }

  subscribedTo(): string[] {
    return ['order.cancelled'];
  }

  async on(event: OrderCancelledDomainEvent): Promise<void> {
    await this.publisher.publish({
      id: event.eventId,
      type: 'com.foodly.order.cancelled',
      subject: event.aggregateId,
      occurredOn: event.occurredOn,
      data: { orderId: event.aggregateId, reason: event.reason },
    });
  }
}
