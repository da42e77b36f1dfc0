import type { Cache } from '../cache/Cache.ts';
import type { Product } from './Product.ts';
import type { Page, ProductFilter, ProductRepository } from './ProductRepository.ts';

export type CacheOptions = { ttlSeconds: number; lockTtlMs?: number; waitStepMs?: number };

const keyOf = (id: string) => `products:${id}`;

/**
 * Cache-aside delante de otro repositorio: lee primero la caché; si falla, lee el catálogo y guarda
 * el resultado con TTL. Las escrituras van al catálogo y borran la entrada (invalidación).
 * Los listados no se cachean: su invalidación (¿qué páginas contienen este producto?) sale cara.
 */
export class CachedProductRepository implements ProductRepository {
  private readonly inner: ProductRepository;
  private readonly cache: Cache;
  private readonly options: Required<CacheOptions>;

  constructor(inner: ProductRepository, cache: Cache, options: CacheOptions) {
    this.inner = inner;
    this.cache = cache;
    this.options = { lockTtlMs: 2000, waitStepMs: 10, ...options };
  }

  search(filter: ProductFilter, page: number, pageSize: number): Promise<Page<Product>> {
    return this.inner.search(filter, page, pageSize);
  }

  // #region cache-aside
  async find(id: string): Promise<Product | undefined> {
    const cached = await this.readCache(id);
    if (cached !== undefined) return cached;
    // Fallo de caché. Estampida: si 50 peticiones fallan a la vez, solo una va al catálogo.
    const lockKey = `lock:${keyOf(id)}`;
    const token = await this.cache.tryLock(lockKey, this.options.lockTtlMs);
    if (token === null) return this.waitForOther(id);
    try {
      const product = await this.inner.find(id);
      // Un producto que no existe no se guarda: el 404 sigue saliendo del catálogo.
      if (product) await this.cache.set(keyOf(id), JSON.stringify(product), this.options.ttlSeconds);
      return product;
    } finally {
      await this.cache.unlock(lockKey, token);
    }
  }
  // #endregion cache-aside

  // #region stampede
  /** Otro tiene el cerrojo: espera a que deje el valor en la caché, como mucho lo que dura el cerrojo. */
  private async waitForOther(id: string): Promise<Product | undefined> {
    const deadline = Date.now() + this.options.lockTtlMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, this.options.waitStepMs));
      const cached = await this.readCache(id);
      if (cached !== undefined) return cached;
      // El cerrojo ya no está y la caché sigue vacía (el producto no existe, o quien lo tenía falló).
      const token = await this.cache.tryLock(`lock:${keyOf(id)}`, this.options.lockTtlMs);
      if (token !== null) {
        try {
          return await this.inner.find(id);
        } finally {
          await this.cache.unlock(`lock:${keyOf(id)}`, token);
        }
      }
    }
    return this.inner.find(id);
  }
  // #endregion stampede

  private async readCache(id: string): Promise<Product | undefined> {
    try {
      const raw = await this.cache.get(keyOf(id));
      return raw === null ? undefined : (JSON.parse(raw) as Product);
    } catch (error) {
      // Redis caído no tumba el servicio: se sirve desde el catálogo, más lento.
      console.error(`[cache] ${(error as Error).message}: leo del catálogo`);
      return undefined;
    }
  }

  // #region invalidate
  async save(product: Product): Promise<void> {
    await this.inner.save(product);
    // Primero el catálogo, después borrar: si se borrara antes, una lectura entre medias
    // volvería a cachear el valor viejo.
    await this.cache.delete(keyOf(product.id));
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await this.inner.delete(id);
    await this.cache.delete(keyOf(id));
    return deleted;
  }
  // #endregion invalidate
}
