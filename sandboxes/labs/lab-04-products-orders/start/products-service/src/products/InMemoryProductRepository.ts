import type { Product } from './Product.ts';
import type { Page, ProductFilter, ProductRepository } from './ProductRepository.ts';

export class InMemoryProductRepository implements ProductRepository {
  private readonly products: Map<string, Product>;

  constructor(initial: readonly Product[] = []) {
    this.products = new Map(initial.map((product) => [product.id, { ...product }]));
  }

  async search(filter: ProductFilter, page: number, pageSize: number): Promise<Page<Product>> {
    const q = filter.q?.toLowerCase();
    const matches = [...this.products.values()].filter(
      (product) =>
        (filter.category === undefined || product.category === filter.category) &&
        (q === undefined || product.name.toLowerCase().includes(q)) &&
        (filter.minPrice === undefined || product.price >= filter.minPrice) &&
        (filter.maxPrice === undefined || product.price <= filter.maxPrice),
    );
    const items = matches.slice((page - 1) * pageSize, page * pageSize).map((product) => ({ ...product }));
    return { items, page, pageSize, total: matches.length };
  }

  async find(id: string): Promise<Product | undefined> {
    const product = this.products.get(id);
    return product ? { ...product } : undefined;
  }

  async save(product: Product): Promise<void> {
    this.products.set(product.id, { ...product });
  }

  async delete(id: string): Promise<boolean> {
    return this.products.delete(id);
  }
}
