import type { Money } from './Money.ts';

export type CatalogProduct = { id: string; name: string; price: Money; stock: number };

/** Puerto: lo que pedidos necesita saber del catálogo (otro contexto, otro servicio). */
export type ProductCatalog = {
  find(productId: string): Promise<CatalogProduct | undefined>;
};
