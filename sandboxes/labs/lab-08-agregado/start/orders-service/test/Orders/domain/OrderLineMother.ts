import { unwrap } from '../../../src/Shared/domain/Result.ts';
import { Money } from '../../../src/Orders/domain/Money.ts';
import { OrderLine } from '../../../src/Orders/domain/OrderLine.ts';
import { Quantity } from '../../../src/Orders/domain/Quantity.ts';

// #region order-line-mother
// Object Mother: fabrica líneas válidas con valores razonables; cada test cambia solo lo que le importa.
export const OrderLineMother = {
  create(overrides: Partial<{ productId: string; name: string; unitPrice: number; quantity: number }> = {}): OrderLine {
    const data = { productId: 'p-1', name: 'Pizza margarita', unitPrice: 9.5, quantity: 1, ...overrides };
    return new OrderLine({
      productId: data.productId,
      name: data.name,
      unitPrice: Money.euros(data.unitPrice),
      quantity: unwrap(Quantity.create(data.quantity)),
    });
  },
};
// #endregion order-line-mother
