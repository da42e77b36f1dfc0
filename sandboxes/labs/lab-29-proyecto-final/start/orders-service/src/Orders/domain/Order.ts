import { AggregateRoot } from '../../Shared/domain/AggregateRoot.ts';
import type { DomainError } from '../../Shared/domain/DomainError.ts';
import { newEventMetadata } from '../../Shared/domain/DomainEvent.ts';
import { fail, ok, unwrap } from '../../Shared/domain/Result.ts';
import type { Result } from '../../Shared/domain/Result.ts';
import { Money } from './Money.ts';
import type { OrderDomainEvent } from './OrderDomainEvents.ts';
import { emptyOrder, invalidOrderTransition, orderAlreadyCancelled, orderAlreadyPaid, orderCancelledBeforePayment, orderTotalLimitExceeded } from './OrderErrors.ts';
import { OrderLine } from './OrderLine.ts';
import type { OrderLinePrimitives } from './OrderLine.ts';
import { Quantity } from './Quantity.ts';

// #region lifecycle
/**
 * El ciclo de vida de un pedido mientras lo lleva la saga: nace pendiente, aparta su stock en
 * products-service y espera el cobro; payments-service lo cobra (pagado) o lo rechaza, y entonces
 * la saga devuelve el stock y lo cancela con el motivo.
 */
export type OrderStatus = 'pending' | 'stock_reserved' | 'paid' | 'cancelled';

/** Por qué se canceló: el cliente, la reserva de stock (no llegaba) o el cobro (rechazado). */
export type CancellationReason = 'CUSTOMER_REQUEST' | 'OUT_OF_STOCK' | 'PAYMENT_DECLINED';
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
 * (al menos una línea; una sola línea por producto; total máximo; solo los pasos de su ciclo de vida;
 * no se cancela dos veces; un pedido pagado no se cancela aquí, y uno cancelado no se marca pagado)
 * y anota un evento de dominio por cada cambio.
 */
export class Order extends AggregateRoot<OrderDomainEvent> {
  readonly id: string;
  readonly customerEmail: string;
  readonly createdAt: string;
  private readonly orderLines: OrderLine[];
  private currentStatus: OrderStatus;
  private reason: CancellationReason | undefined;

  private constructor(props: { id: string; customerEmail: string; lines: OrderLine[]; status: OrderStatus; cancellationReason?: CancellationReason; createdAt: string }) {
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

  /** Paso 1 de la saga: products-service apartó el stock de todas las líneas; ya se puede cobrar. */
  markStockReserved(): Result<void, DomainError> {
    if (this.currentStatus !== 'pending') return fail(invalidOrderTransition(this.id, this.currentStatus, 'stock_reserved'));
    this.currentStatus = 'stock_reserved';
    this.record({ ...newEventMetadata(this.id), eventName: 'order.stock_reserved' });
    return ok(undefined);
  }

  /** Fin por el otro camino, con su motivo. Las compensaciones (devolver el stock) las lanza la saga. */
  cancel(reason: CancellationReason): Result<void, DomainError> {
    if (this.currentStatus === 'cancelled') return fail(orderAlreadyCancelled(this.id));
    // Devolver un cobro es otro caso de uso (un reembolso en payments-service), no cancelar sin más.
    if (this.currentStatus === 'paid') return fail(orderAlreadyPaid(this.id));
    this.currentStatus = 'cancelled';
    this.reason = reason;
    this.record({ ...newEventMetadata(this.id), eventName: 'order.cancelled', reason });
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
    // Solo se cobra un pedido con su stock apartado (payments-service lo comprueba antes de cobrar).
    if (this.currentStatus !== 'stock_reserved') return fail(invalidOrderTransition(this.id, this.currentStatus, 'paid'));
    this.currentStatus = 'paid';
    this.record({ ...newEventMetadata(this.id), eventName: 'order.paid', paymentId });
    return ok('paid');
  }
  // #endregion mark-paid

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
