import { AggregateRoot } from '../../Shared/domain/AggregateRoot.ts';
import type { DomainError } from '../../Shared/domain/DomainError.ts';
import { newEventMetadata } from '../../Shared/domain/DomainEvent.ts';
import { fail, ok, unwrap } from '../../Shared/domain/Result.ts';
import type { Result } from '../../Shared/domain/Result.ts';
import { Money } from './Money.ts';
import type { OrderDomainEvent } from './OrderDomainEvents.ts';
import { emptyOrder, orderAlreadyCancelled, orderAlreadyPaid, orderCancelledBeforePayment, orderTotalLimitExceeded } from './OrderErrors.ts';
import { OrderLine } from './OrderLine.ts';
import type { OrderLinePrimitives } from './OrderLine.ts';
import { Quantity } from './Quantity.ts';

export type OrderStatus = 'created' | 'paid' | 'cancelled';

export type OrderPrimitives = {
  id: string;
  customerEmail: string;
  lines: OrderLinePrimitives[];
  status: OrderStatus;
  createdAt: string;
};

/** Importe máximo de un pedido: por encima, el negocio pide hablar con el cliente antes. */
export const MAX_ORDER_TOTAL = Money.euros(500);

/**
 * Agregado Order: la única puerta para cambiar un pedido y sus líneas. Protege sus invariantes
 * (al menos una línea; una sola línea por producto; total máximo; no se cancela dos veces; un pedido
 * pagado no se cancela aquí, y uno cancelado no se marca pagado) y anota
 * un evento de dominio por cada cambio.
 */
export class Order extends AggregateRoot<OrderDomainEvent> {
  readonly id: string;
  readonly customerEmail: string;
  readonly createdAt: string;
  private readonly orderLines: OrderLine[];
  private currentStatus: OrderStatus;

  private constructor(props: { id: string; customerEmail: string; lines: OrderLine[]; status: OrderStatus; createdAt: string }) {
    super();
    this.id = props.id;
    this.customerEmail = props.customerEmail;
    this.orderLines = props.lines;
    this.currentStatus = props.status;
    this.createdAt = props.createdAt;
  }

  static create(props: { id: string; customerEmail: string; lines: OrderLine[]; createdAt?: string }): Result<Order, DomainError> {
    if (props.lines.length === 0) return fail(emptyOrder());
    const lines = mergeLinesOfSameProduct(props.lines);
    if (!lines.ok) return lines;
    const order = new Order({ ...props, lines: lines.value, status: 'created', createdAt: props.createdAt ?? new Date().toISOString() });
    if (order.total().isGreaterThan(MAX_ORDER_TOTAL)) return fail(orderTotalLimitExceeded(order.total().toNumber(), MAX_ORDER_TOTAL.toNumber()));
    order.record({
      ...newEventMetadata(order.id),
      // El pedido nace cuando ocurre su evento: reconstruido desde él, conserva el mismo createdAt.
      occurredOn: order.createdAt,
      eventName: 'order.created',
      customerEmail: order.customerEmail,
      lines: order.orderLines.map((line) => line.toPrimitives()),
      total: order.total().toNumber(),
    });
    return ok(order);
  }

  cancel(): Result<void, DomainError> {
    if (this.currentStatus === 'cancelled') return fail(orderAlreadyCancelled(this.id));
    // Devolver un cobro es otro caso de uso (un reembolso en payments-service), no cancelar sin más.
    if (this.currentStatus === 'paid') return fail(orderAlreadyPaid(this.id));
    this.currentStatus = 'cancelled';
    this.record({ ...newEventMetadata(this.id), eventName: 'order.cancelled' });
    return ok(undefined);
  }

  // #region mark-paid
  /**
   * payments-service cobró el pedido (PaymentCaptured). Idempotente: el mismo cobro otra vez (un mensaje
   * repetido, un reintento del broker) no cambia nada ni anota otro evento. Un pedido cancelado no pasa a pagado.
   */
  markPaid(paymentId: string): Result<'paid' | 'already-paid', DomainError> {
    if (this.currentStatus === 'paid') return ok('already-paid');
    if (this.currentStatus === 'cancelled') return fail(orderCancelledBeforePayment(this.id, paymentId));
    this.currentStatus = 'paid';
    this.record({ ...newEventMetadata(this.id), eventName: 'order.paid', paymentId });
    return ok('paid');
  }
  // #endregion mark-paid

  get status(): OrderStatus {
    return this.currentStatus;
  }

  get lines(): readonly OrderLine[] {
    return this.orderLines;
  }

  total(): Money {
    return this.orderLines.reduce((sum, line) => sum.add(line.subtotal()), Money.zero());
  }

  toPrimitives(): OrderPrimitives {
    return {
      id: this.id,
      customerEmail: this.customerEmail,
      lines: this.orderLines.map((line) => line.toPrimitives()),
      status: this.currentStatus,
      createdAt: this.createdAt,
    };
  }

  // #region from-events
  /**
   * Event sourcing: el estado de un pedido es el resultado de aplicar, en orden, todo lo que le ha
   * pasado. Reconstruir no valida ni anota eventos nuevos: eso ya ocurrió cuando pasaron.
   */
  static fromEvents(events: readonly OrderDomainEvent[]): Order {
    const [first, ...rest] = events;
    if (!first || first.eventName !== 'order.created') throw new Error('La historia de un pedido empieza siempre por order.created');
    const order = Order.fromPrimitives({
      id: first.aggregateId,
      customerEmail: first.customerEmail,
      lines: first.lines,
      status: 'created',
      createdAt: first.occurredOn,
    });
    for (const event of rest) order.apply(event);
    // El pedido recuerda en qué versión se cargó: al guardar, el stream tendrá que seguir en ella.
    order.restoreVersion(events.length);
    return order;
  }

  private apply(event: OrderDomainEvent): void {
    if (event.eventName === 'order.cancelled') this.currentStatus = 'cancelled';
    if (event.eventName === 'order.paid') this.currentStatus = 'paid';
  }
  // #endregion from-events

  /** Reconstruye un pedido ya guardado: no valida ni anota eventos, eso ocurrió al crearlo. */
  static fromPrimitives(data: OrderPrimitives): Order {
    const lines = data.lines.map(
      (line) =>
        new OrderLine({
          productId: line.productId,
          name: line.name,
          unitPrice: Money.euros(line.unitPrice),
          quantity: unwrap(Quantity.create(line.quantity)),
        }),
    );
    return new Order({ ...data, lines });
  }
}

/** Invariante: una línea por producto. Dos líneas del mismo producto se suman (y la suma sigue siendo una Quantity válida). */
function mergeLinesOfSameProduct(lines: OrderLine[]): Result<OrderLine[], DomainError> {
  const merged = new Map<string, OrderLine>();
  for (const line of lines) {
    const previous = merged.get(line.productId);
    if (!previous) {
      merged.set(line.productId, line);
      continue;
    }
    const quantity = previous.quantity.add(line.quantity);
    if (!quantity.ok) return quantity;
    merged.set(line.productId, new OrderLine({ ...previous, quantity: quantity.value }));
  }
  return ok([...merged.values()]);
}
