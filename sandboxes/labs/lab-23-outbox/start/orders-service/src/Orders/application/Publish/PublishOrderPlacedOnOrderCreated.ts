import type { DomainEventSubscriber } from '../../../Shared/domain/EventBus.ts';
import type { EventPublisher } from '../../../Shared/domain/EventPublisher.ts';
import type { OrderCreatedDomainEvent } from '../../domain/OrderDomainEvents.ts';

// #region publish-order-placed
/**
 * Traduce el evento de dominio order.created al evento de integración OrderPlaced y lo publica por
 * el puerto. Lleva el estado que necesitan los consumidores (email, total, líneas): estado
 * transportado en el evento, para que notifications no tenga que preguntar a orders por HTTP.
 */
export class PublishOrderPlacedOnOrderCreated implements DomainEventSubscriber<OrderCreatedDomainEvent> {
  private readonly publisher: EventPublisher;

  constructor(publisher: EventPublisher) {
    this.publisher = publisher;
  }

  subscribedTo(): string[] {
    return ['order.created'];
  }

  async on(event: OrderCreatedDomainEvent): Promise<void> {
    await this.publisher.publish({
      id: event.eventId,
      type: 'com.foodly.order.placed',
      subject: event.aggregateId,
      occurredOn: event.occurredOn,
      data: {
        orderId: event.aggregateId,
        customerEmail: event.customerEmail,
        total: event.total,
        currency: 'EUR',
        lines: event.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
      },
    });
  }
}
// #endregion publish-order-placed
