import type { DomainEventSubscriber } from '../../../Shared/domain/EventBus.ts';
import type { OrderConfirmedDomainEvent } from '../../domain/OrderDomainEvents.ts';
import type { ConfirmationEmailSender } from './ConfirmationEmailSender.ts';

/** Reacciona a order.confirmed (no a order.created: un pedido cancelado por la saga no recibe correo) enviando el correo en segundo plano. */
export class SendConfirmationEmailOnOrderConfirmed implements DomainEventSubscriber<OrderConfirmedDomainEvent> {
  private readonly sender: ConfirmationEmailSender;

  constructor(sender: ConfirmationEmailSender) {
    this.sender = sender;
  }

  subscribedTo(): string[] {
    return ['order.confirmed'];
  }

  async on(event: OrderConfirmedDomainEvent): Promise<void> {
    this.sender
      .send({ to: event.customerEmail, orderId: event.aggregateId, total: event.total })
      .catch((error: unknown) => console.error('[segundo plano] el correo de confirmación falló:', error));
  }
}
