import type { Redis } from 'ioredis';
import type { Product } from './Product.ts';
import type { Page, ProductFilter, ProductRepository } from './ProductRepository.ts';

// #region redis-repository
const KEY = 'catalogue:products';

/**
 * El catálogo fuera del proceso: un hash de Redis (id → JSON del producto) que comparten todas las
 * réplicas. Cualquier réplica ve lo que escribió otra.
 */
export class RedisProductRepository implements ProductRepository {
  private readonly redis: Redis;

  constructor(redis: Redis) {
    this.redis = redis;
  }

  /** Siembra sin pisar: HSETNX solo escribe si el campo no existe (las tres réplicas arrancan a la vez). */
  async seed(products: readonly Product[]): Promise<void> {
    for (const product of products) await this.redis.hsetnx(KEY, product.id, JSON.stringify(product));
  }

  async find(id: string): Promise<Product | undefined> {
    const raw = await this.redis.hget(KEY, id);
    return raw === null ? undefined : (JSON.parse(raw) as Product);
  }

  async save(product: Product): Promise<void> {
    await this.redis.hset(KEY, product.id, JSON.stringify(product));
  }

  async delete(id: string): Promise<boolean> {
    return (await this.redis.hdel(KEY, id)) === 1;
  }
  // #endregion redis-repository

  async search(filter: ProductFilter, page: number, pageSize: number): Promise<Page<Product>> {
    // Un catálogo pequeño: se filtra en memoria. Con miles de productos, un índice (o PostgreSQL, tema 13).
    const q = filter.q?.toLowerCase();
    const all = Object.values(await this.redis.hgetall(KEY))
      .map((raw) => JSON.parse(raw) as Product)
      .sort((a, b) => a.id.localeCompare(b.id));
    const matches = all.filter(
      (product) =>
        (filter.category === undefined || product.category === filter.category) &&
        (q === undefined || product.name.toLowerCase().includes(q)) &&
        (filter.minPrice === undefined || product.price >= filter.minPrice) &&
        (filter.maxPrice === undefined || product.price <= filter.maxPrice),
    );
    return { items: matches.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: matches.length };
  }
}
