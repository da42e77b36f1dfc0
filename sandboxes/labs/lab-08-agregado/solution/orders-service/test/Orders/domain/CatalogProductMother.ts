import { Money } from '../../../src/Orders/domain/Money.ts';
import type { CatalogProduct } from '../../../src/Orders/domain/ProductCatalog.ts';

// Object Mother de lo que el catálogo cuenta de un producto: precio y stock razonables por defecto.
export const CatalogProductMother = {
  create(overrides: Partial<{ id: string; name: string; price: number; stock: number }> = {}): CatalogProduct {
    const data = { id: 'p-1', name: 'Pizza margarita', price: 9.5, stock: 20, ...overrides };
    return { id: data.id, name: data.name, price: Money.euros(data.price), stock: data.stock };
  },
};
