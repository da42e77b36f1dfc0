import { DomainError } from '../../Shared/domain/DomainError.ts';

// Los "no" del contexto de pedidos, cada uno con su código estable.
export const orderNotFound = (orderId: string) => new DomainError('ORDER_NOT_FOUND', 'not-found', `No existe el pedido ${orderId}`);

export const productNotFound = (productId: string) => new DomainError('PRODUCT_NOT_FOUND', 'invalid', `El producto ${productId} no existe`);

export const outOfStock = (name: string, available: number) =>
  new DomainError('OUT_OF_STOCK', 'conflict', `Solo quedan ${available} unidades de ${name}`);

export const emptyOrder = () => new DomainError('EMPTY_ORDER', 'invalid', 'Un pedido necesita al menos una línea');

export const invalidQuantity = (value: number) =>
  new DomainError('INVALID_QUANTITY', 'invalid', `La cantidad debe ser un entero entre 1 y 99 y es ${value}`);

export const orderAlreadyCancelled = (orderId: string) =>
  new DomainError('ORDER_ALREADY_CANCELLED', 'conflict', `El pedido ${orderId} ya estaba cancelado`);

export const orderAlreadyPaid = (orderId: string) =>
  new DomainError('ORDER_ALREADY_PAID', 'conflict', `El pedido ${orderId} ya está pagado: para anularlo hace falta un reembolso`);

export const orderCancelledBeforePayment = (orderId: string, paymentId: string) =>
  new DomainError('ORDER_CANCELLED_BEFORE_PAYMENT', 'conflict', `El pedido ${orderId} estaba cancelado cuando llegó el cobro ${paymentId}: payments-service lo devuelve al recibir OrderCancelled`);

export const orderTotalLimitExceeded = (total: number, limit: number) =>
  new DomainError('ORDER_TOTAL_LIMIT_EXCEEDED', 'invalid', `Un pedido no puede superar ${limit} € y este suma ${total} €`);

export const invalidOrderTransition = (orderId: string, from: string, to: string) =>
  new DomainError('INVALID_ORDER_TRANSITION', 'conflict', `El pedido ${orderId} está en ${from} y no puede pasar a ${to}`);
