import type { DomainEventSubscriber } from '../../../Shared/domain/EventBus.ts';
import type { OrderCreatedDomainEvent } from '../../domain/OrderDomainEvents.ts';
import type { ConfirmationEmailSender } from './ConfirmationEmailSender.ts';

// #region send-confirmation-email-on-order-created
/** Reacciona a order.created enviando el correo en segundo plano: crear el pedido no espera al correo. */
export class SendConfirmationEmailOnOrderCreated implements DomainEventSubscriber<OrderCreatedDomainEvent> {
  private readonly sender: ConfirmationEmailSender;

  constructor(sender: ConfirmationEmailSender) {
    this.sender = sender;
  }

  subscribedTo(): string[] {
    return ['order.created'];
  }

  async on(event: OrderCreatedDomainEvent): Promise<void> {
    this.sender
      .send({ to: event.customerEmail, orderId: event.aggregateId, total: event.total })
      .catch((error: unknown) => console.error('[segundo plano] el correo de confirmación falló:', error));
  }
}
// #endregion send-confirmation-email-on-order-created
