import type { DomainEventSubscriber } from '../../../Shared/domain/EventBus.ts';
import type { EventPublisher } from '../../../Shared/domain/EventPublisher.ts';
import type { OrderCancelledDomainEvent } from '../../domain/OrderDomainEvents.ts';

/**
 * Traduce order.cancelled al evento de integración OrderCancelled. Solo lleva el id del pedido: quien
 * lo consuma tiene que haber visto antes su OrderPlaced para saber de qué cliente era. Por eso el
 * orden de los eventos de un mismo pedido importa.
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
      data: { orderId: event.aggregateId },
    });
  }
}
