import type { Money } from './Money.ts';
import type { Quantity } from './Quantity.ts';

export type OrderLinePrimitives = { productId: string; name: string; unitPrice: number; quantity: number };

// #region order-line
/**
 * Entidad interna del agregado Order: solo se crea y se cambia a través del pedido. Guarda nombre
 * y precio del momento de la compra (una copia, no una referencia al catálogo).
 */
export class OrderLine {
  readonly productId: string;
  readonly name: string;
  readonly unitPrice: Money;
  readonly quantity: Quantity;

  constructor(props: { productId: string; name: string; unitPrice: Money; quantity: Quantity }) {
    this.productId = props.productId;
    this.name = props.name;
    this.unitPrice = props.unitPrice;
    this.quantity = props.quantity;
  }

  subtotal(): Money {
    return this.unitPrice.times(this.quantity.value);
  }

  toPrimitives(): OrderLinePrimitives {
    return { productId: this.productId, name: this.name, unitPrice: this.unitPrice.toNumber(), quantity: this.quantity.value };
  }
}
// #endregion order-line
