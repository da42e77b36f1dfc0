import type { DomainEventSubscriber } from '../../../Shared/domain/EventBus.ts';
import type { OrderDomainEvent } from '../../domain/OrderDomainEvents.ts';
import type { CustomerOrdersView } from '../SearchByCustomer/CustomerOrdersView.ts';

// #region update-customer-orders-on-order-changed
/** Proyección: mantiene el modelo de lectura al día a partir de los eventos del agregado. */
export class UpdateCustomerOrdersOnOrderChanged implements DomainEventSubscriber<OrderDomainEvent> {
  private readonly view: CustomerOrdersView;

  constructor(view: CustomerOrdersView) {
    this.view = view;
  }

  subscribedTo(): string[] {
    return ['order.created', 'order.stock_reserved', 'order.paid', 'order.cancelled'];
  }

  async on(event: OrderDomainEvent): Promise<void> {
    if (event.eventName === 'order.created') {
      await this.view.upsert({
        orderId: event.aggregateId,
        customerEmail: event.customerEmail.toLowerCase(),
        status: 'pending',
        total: event.total,
        itemCount: event.lines.reduce((sum, line) => sum + line.quantity, 0),
        createdAt: event.occurredOn,
      });
      return;
    }
    const current = await this.view.byOrderId(event.aggregateId);
    const status = ({ 'order.stock_reserved': 'stock_reserved', 'order.paid': 'paid', 'order.cancelled': 'cancelled' } as const)[event.eventName];
    if (current) await this.view.upsert({ ...current, status });
  }
}
// #endregion update-customer-orders-on-order-changed
