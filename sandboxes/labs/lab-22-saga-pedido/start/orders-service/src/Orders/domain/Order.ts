import { AggregateRoot } from '../../Shared/domain/AggregateRoot.ts';
import type { DomainError } from '../../Shared/domain/DomainError.ts';
import { newEventMetadata } from '../../Shared/domain/DomainEvent.ts';
import { fail, ok, unwrap } from '../../Shared/domain/Result.ts';
import type { Result } from '../../Shared/domain/Result.ts';
import { Money } from './Money.ts';
import type { OrderDomainEvent } from './OrderDomainEvents.ts';
import { emptyOrder, invalidOrderTransition, orderAlreadyCancelled, orderTotalLimitExceeded } from './OrderErrors.ts';
import { OrderLine } from './OrderLine.ts';
import type { OrderLinePrimitives } from './OrderLine.ts';
import { Quantity } from './Quantity.ts';

// #region lifecycle
/**
 * El ciclo de vida de un pedido mientras lo lleva la saga de alta: nace pendiente, reserva stock,
 * se cobra y se confirma. Desde cualquier estado no final puede cancelarse (con un motivo).
 */
export type OrderStatus = 'pending' | 'stock_reserved' | 'paid' | 'confirmed' | 'cancelled';

/** A qué estados se puede pasar desde cada uno: cualquier otro paso es un error de la saga. */
const allowedTransitions: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['stock_reserved', 'cancelled'],
  stock_reserved: ['paid', 'cancelled'],
  paid: ['confirmed', 'cancelled'],
  // Un pedido confirmado aún puede cancelarlo el cliente (el caso de uso Cancel, desde el lab 6).
  confirmed: ['cancelled'],
  cancelled: [],
};

/** Por qué se canceló: la saga (sin stock, pago rechazado o sin respuesta) o el cliente. */
export type CancellationReason = 'CUSTOMER_REQUEST' | 'OUT_OF_STOCK' | 'PAYMENT_DECLINED' | 'PAYMENT_TIMEOUT' | 'PAYMENTS_UNAVAILABLE';
// #endregion lifecycle

export type OrderPrimitives = {
  id: string;
  customerEmail: string;
  lines: OrderLinePrimitives[];
  status: OrderStatus;
  /** Solo en los cancelados. */
  cancellationReason?: CancellationReason;
  createdAt: string;
};

/** Importe máximo de un pedido: por encima, el negocio pide hablar con el cliente antes. */
export const MAX_ORDER_TOTAL = Money.euros(500);

/**
 * Agregado Order: la única puerta para cambiar un pedido y sus líneas. Protege sus invariantes
 * (al menos una línea; una sola línea por producto; total máximo; solo los pasos de su ciclo de
 * vida; no se cancela dos veces) y anota un evento de dominio por cada cambio.
 */
export class Order extends AggregateRoot<OrderDomainEvent> {
  readonly id: string;
  readonly customerEmail: string;
  readonly createdAt: string;
  private readonly orderLines: OrderLine[];
  private currentStatus: OrderStatus;
  private reason: CancellationReason | undefined;

  private constructor(props: {
    id: string;
    customerEmail: string;
    lines: OrderLine[];
    status: OrderStatus;
    cancellationReason?: CancellationReason;
    createdAt: string;
  }) {
    super();
    this.id = props.id;
    this.customerEmail = props.customerEmail;
    this.orderLines = props.lines;
    this.currentStatus = props.status;
    this.reason = props.cancellationReason;
    this.createdAt = props.createdAt;
  }

  static create(props: { id: string; customerEmail: string; lines: OrderLine[]; createdAt?: string }): Result<Order, DomainError> {
    if (props.lines.length === 0) return fail(emptyOrder());
    const lines = mergeLinesOfSameProduct(props.lines);
    if (!lines.ok) return lines;
    const order = new Order({ ...props, lines: lines.value, status: 'pending', createdAt: props.createdAt ?? new Date().toISOString() });
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

  /** Paso 1 de la saga: products-service apartó el stock de todas las líneas. */
  markStockReserved(): Result<void, DomainError> {
    return this.moveTo('stock_reserved', { ...newEventMetadata(this.id), eventName: 'order.stock_reserved' });
  }

  /** Paso 2: payments-service cobró el total. */
  markPaid(paymentId: string): Result<void, DomainError> {
    return this.moveTo('paid', { ...newEventMetadata(this.id), eventName: 'order.paid', paymentId });
  }

  /** Paso 3: todo salió bien; el pedido sigue adelante (cocina, reparto). */
  confirm(): Result<void, DomainError> {
    return this.moveTo('confirmed', {
      ...newEventMetadata(this.id),
      eventName: 'order.confirmed',
      customerEmail: this.customerEmail,
      total: this.total().toNumber(),
    });
  }

  /** Fin por el otro camino: queda cancelado con su motivo (las compensaciones las lanza la saga). */
  cancel(reason: CancellationReason): Result<void, DomainError> {
    if (this.currentStatus === 'cancelled') return fail(orderAlreadyCancelled(this.id));
    const moved = this.moveTo('cancelled', { ...newEventMetadata(this.id), eventName: 'order.cancelled', reason });
    if (moved.ok) this.reason = reason;
    return moved;
  }

  private moveTo(next: OrderStatus, event: OrderDomainEvent): Result<void, DomainError> {
    if (!allowedTransitions[this.currentStatus].includes(next)) return fail(invalidOrderTransition(this.id, this.currentStatus, next));
    this.currentStatus = next;
    this.record(event);
    return ok(undefined);
  }

  get status(): OrderStatus {
    return this.currentStatus;
  }

  get cancellationReason(): CancellationReason | undefined {
    return this.reason;
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
      ...(this.reason === undefined ? {} : { cancellationReason: this.reason }),
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
      status: 'pending',
      createdAt: first.occurredOn,
    });
    for (const event of rest) order.apply(event);
    // El pedido recuerda en qué versión se cargó: al guardar, el stream tendrá que seguir en ella.
    order.restoreVersion(events.length);
    return order;
  }

  private apply(event: OrderDomainEvent): void {
    if (event.eventName === 'order.stock_reserved') this.currentStatus = 'stock_reserved';
    if (event.eventName === 'order.paid') this.currentStatus = 'paid';
    if (event.eventName === 'order.confirmed') this.currentStatus = 'confirmed';
    if (event.eventName === 'order.cancelled') {
      this.currentStatus = 'cancelled';
      this.reason = event.reason;
    }
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
