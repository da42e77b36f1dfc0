import { TechnicalError } from '../../Shared/infrastructure/TechnicalError.ts';
import { Money } from '../domain/Money.ts';
import type { CatalogProduct, ProductCatalog } from '../domain/ProductCatalog.ts';
import type { Logger } from '../../Shared/infrastructure/observability/logger.ts';
import { formatTraceparent, newSpanId } from '../../Shared/infrastructure/observability/traceContext.ts';

// #region http-product-catalog
/**
 * Adaptador HTTP del puerto ProductCatalog: habla con products-service con timeout. Se crea por
 * petición (app.ts) con el logger y el trace-id de esa petición, que viaja en traceparent.
 */
export class HttpProductCatalog implements ProductCatalog {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly log: Logger;
  private readonly traceId: string;

  constructor(baseUrl: string, timeoutMs: number, log: Logger, traceId: string) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
    this.log = log;
    this.traceId = traceId;
  }

  // #region find
  async find(productId: string): Promise<CatalogProduct | undefined> {
    let response: Response;
    const url = `${this.baseUrl}/products/${encodeURIComponent(productId)}`;
    try {
      // #region propagate
      // Mismo trace-id, un parent-id nuevo para este salto: products-service continúa la traza.
      const traceparent = formatTraceparent(this.traceId, newSpanId());
      response = await fetch(url, { headers: { traceparent }, signal: AbortSignal.timeout(this.timeoutMs) });
      // #endregion propagate
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
