import type { Product } from './Product.ts';
import type { Page, ProductFilter, ProductRepository } from './ProductRepository.ts';

/**
 * El catálogo "de verdad" de este lab: el mismo repositorio, con un retraso en cada lectura, como una
 * base de datos cargada o en otra zona. Cuenta las lecturas (`reads`) para que veas cuántas llegan
 * hasta él: con una caché que funciona, casi ninguna.
 */
export class SlowProductRepository implements ProductRepository {
  reads = 0;
  private readonly inner: ProductRepository;
  private readonly latencyMs: number;

  constructor(inner: ProductRepository, latencyMs: number) {
    this.inner = inner;
    this.latencyMs = latencyMs;
  }

  private async pause(): Promise<void> {
    this.reads += 1;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
  }

  async search(filter: ProductFilter, page: number, pageSize: number): Promise<Page<Product>> {
    await this.pause();
    return this.inner.search(filter, page, pageSize);
  }

  async find(id: string): Promise<Product | undefined> {
    await this.pause();
    return this.inner.find(id);
  }

  save(product: Product): Promise<void> {
    return this.inner.save(product);
  }

  delete(id: string): Promise<boolean> {
    return this.inner.delete(id);
  }
}
