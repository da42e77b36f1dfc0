import { TechnicalError } from '../../Shared/infrastructure/TechnicalError.ts';
import { Money } from '../domain/Money.ts';
import type { CatalogProduct, ProductCatalog } from '../domain/ProductCatalog.ts';
import type { Logger } from '../../Shared/infrastructure/observability/logger.ts';

// #region http-product-catalog
/**
 * Adaptador HTTP del puerto ProductCatalog: habla con products-service con timeout. Se crea por
 * petición (app.ts) con el logger de esa petición.
 */
export class HttpProductCatalog implements ProductCatalog {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly log: Logger;

  constructor(baseUrl: string, timeoutMs: number, log: Logger) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
    this.log = log;
  }

  // #region find
  async find(productId: string): Promise<CatalogProduct | undefined> {
    let response: Response;
    const url = `${this.baseUrl}/products/${encodeURIComponent(productId)}`;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no respondió en ${this.timeoutMs} ms` : 'no acepta conexiones';
      throw unavailable(`products-service ${reason}`);
    }
    if (response.status === 404) return undefined;
    if (!response.ok) {
      this.log.warn({ url, status: response.status }, 'products-service respondió con error');
      throw unavailable(`products-service respondió ${response.status}`);
    }
    const product = (await response.json()) as { id: string; name: string; price: number; stock: number };
    return { id: product.id, name: product.name, price: Money.euros(product.price), stock: product.stock };
  }
  // #endregion find
// #endregion http-product-catalog
}

const unavailable = (message: string) =>
  new TechnicalError('PRODUCTS_UNAVAILABLE', message, 'No se pudo consultar el catálogo. Inténtalo en unos segundos.');
