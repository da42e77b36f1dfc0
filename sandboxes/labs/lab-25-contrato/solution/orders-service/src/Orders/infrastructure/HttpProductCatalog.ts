import { z } from 'zod';
import { TechnicalError } from '../../Shared/infrastructure/TechnicalError.ts';
import { Money } from '../domain/Money.ts';
import type { CatalogProduct, ProductCatalog } from '../domain/ProductCatalog.ts';
import { CatalogProductResponse } from './productsContract.ts';

// #region http-product-catalog
/** Adaptador HTTP del puerto ProductCatalog: habla con products-service con timeout. */
export class HttpProductCatalog implements ProductCatalog {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, timeoutMs: number) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
  }

  // #region find
  async find(productId: string): Promise<CatalogProduct | undefined> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/products/${encodeURIComponent(productId)}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no respondió en ${this.timeoutMs} ms` : 'no acepta conexiones';
      throw unavailable(`products-service ${reason}`);
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw unavailable(`products-service respondió ${response.status}`);
    // Se valida contra el contrato en vez de suponerlo: un campo renombrado en products-service sería
    // un pedido con total NaN (null en el JSON); así es un 503 que dice qué campo falta.
    const parsed = CatalogProductResponse.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw unavailable(`products-service respondió un producto que no cumple el contrato: ${z.prettifyError(parsed.error)}`);
    const product = parsed.data;
    return { id: product.id, name: product.name, price: Money.euros(product.price), stock: product.stock };
  }
  // #endregion find
// #endregion http-product-catalog
}

const unavailable = (message: string) =>
  new TechnicalError('PRODUCTS_UNAVAILABLE', message, 'No se pudo consultar el catálogo. Inténtalo en unos segundos.');
