import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import type { EventBus } from '../../../Shared/domain/EventBus.ts';
import { fail, ok, unwrap } from '../../../Shared/domain/Result.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import type { Order } from '../../domain/Order.ts';
import { orderNotFound } from '../../domain/OrderErrors.ts';
import type { OrderRepository } from '../../domain/OrderRepository.ts';
import type { StockReservations } from '../../domain/StockReservations.ts';
import { toOrderResponse } from '../OrderResponse.ts';
import type { OrderResponse } from '../OrderResponse.ts';

/** Lo que orders necesita de los eventos de payments-service (PaymentCaptured, PaymentDeclined). */
export type PaymentOutcome =
  | { kind: 'captured'; orderId: string; paymentId: string; correlationId: string }
  | { kind: 'declined'; orderId: string; paymentId: string; correlationId: string };

// #region saga
/**
 * La saga del pedido, dirigida por orders-service: aparta el stock en products-service al crearlo y
 * espera el cobro, que el cliente hace en payments-service y llega como evento por RabbitMQ. Cobrado:
 * pagado. Rechazado: las compensaciones deshacen lo hecho (devolver el stock) y el pedido queda
 * cancelado con el motivo. Cada paso se guarda antes del siguiente (el pedido dice siempre dónde
 * va) y todos son idempotentes por orderId: un evento repetido no cambia nada.
 */
export class OrderPlacementSaga {
  private readonly repository: OrderRepository;
  private readonly stock: StockReservations;
  private readonly eventBus: EventBus;

  constructor(repository: OrderRepository, stock: StockReservations, eventBus: EventBus) {
    this.repository = repository;
    this.stock = stock;
    this.eventBus = eventBus;
  }

  /** Paso 1, justo después de crear el pedido: apartar su stock. Si no llega, no hay nada que deshacer. */
  async reserveStock(orderId: string): Promise<Result<OrderResponse, DomainError>> {
    const order = await this.repository.search(orderId);
    if (!order) return fail(orderNotFound(orderId));
    const reservation = await this.stock.reserve(order.id, order.lines);
    if (reservation.status === 'rejected') {
      console.log(`[saga] ${order.id}: sin stock (${reservation.detail}); cancelado`);
      await this.commit(order, order.cancel('OUT_OF_STOCK'));
    } else {
      await this.commit(order, order.markStockReserved());
    }
    return ok(toOrderResponse(order));
  }

  /** Paso 2: el resultado del cobro, que payments-service publica. */
  async onPayment(payment: PaymentOutcome): Promise<Result<OrderResponse, DomainError>> {
    const order = await this.repository.search(payment.orderId);
    if (!order) return fail(orderNotFound(payment.orderId));
    if (payment.kind === 'captured') {
      const marked = order.markPaid(payment.paymentId);
      if (!marked.ok) return marked;
      if (marked.value === 'paid') {
        await this.commit(order, ok(undefined));
        console.log(`[${payment.correlationId}] pedido ${order.id} pagado (cobro ${payment.paymentId})`);
      }
      return ok(toOrderResponse(order));
    }
    // #region compensate
    // Rechazado (o repetido: un pedido ya cancelado no se compensa dos veces).
    if (order.status === 'cancelled') return ok(toOrderResponse(order));
    console.log(`[${payment.correlationId}] saga ${order.id}: cobro rechazado (${payment.paymentId}); compensando`);
    // Las compensaciones deshacen los pasos hechos, del último al primero: el stock vuelve al catálogo
    // (liberar es idempotente) y solo después el pedido queda cancelado con el motivo.
    await this.stock.release(order.id);
    await this.commit(order, order.cancel('PAYMENT_DECLINED'));
    return ok(toOrderResponse(order));
    // #endregion compensate
  }

  /** Guarda el paso (y sus eventos, en el outbox de la misma transacción) y avisa a la proyección. */
  private async commit(order: Order, step: Result<void, DomainError>): Promise<void> {
    // Un paso no permitido por el ciclo de vida es un fallo de la saga, no del cliente: que se vea.
    unwrap(step);
    await this.repository.save(order);
    await this.eventBus.publish(order.pullDomainEvents());
  }
}
// #endregion saga
