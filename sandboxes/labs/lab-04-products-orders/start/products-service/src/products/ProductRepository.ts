import type { Product } from './Product.ts';

export type ProductFilter = { category?: string; q?: string; minPrice?: number; maxPrice?: number };
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/** Puerto de almacenamiento de productos. */
export type ProductRepository = {
  search(filter: ProductFilter, page: number, pageSize: number): Promise<Page<Product>>;
  find(id: string): Promise<Product | undefined>;
  save(product: Product): Promise<void>;
  delete(id: string): Promise<boolean>;
};
