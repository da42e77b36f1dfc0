// #region domain-error
// Errores de dominio: las reglas del negocio dicen "no". Llevan un código estable que los clientes
// pueden usar, y el estado HTTP con el que se responden (409 conflicto, 422 no procesable, 404).
export class DomainError extends Error {
  readonly code: string;
  readonly status: 404 | 409 | 422;

  constructor(code: string, status: 404 | 409 | 422, message: string) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export const productNotFound = (productId: string) => new DomainError('PRODUCT_NOT_FOUND', 422, `El producto ${productId} no existe`);

export const outOfStock = (name: string, available: number) =>
  new DomainError('OUT_OF_STOCK', 409, `Solo quedan ${available} unidades de ${name}`);

export const orderNotFound = (orderId: string) => new DomainError('ORDER_NOT_FOUND', 404, `No existe el pedido ${orderId}`);
// #endregion domain-error
