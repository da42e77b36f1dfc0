// Cliente HTTP de products-service. Una llamada por red puede tardar o fallar: por eso cada
// petición tiene un timeout y cualquier fallo técnico se convierte en ProductsUnavailable.
export type CatalogProduct = { id: string; name: string; price: number; stock: number };

export class ProductsUnavailable extends Error {
  readonly code = 'PRODUCTS_UNAVAILABLE';
}

export class ProductsClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, timeoutMs: number) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
  }

  /** El producto, o undefined si products-service dice que no existe (404). */
  async find(id: string): Promise<CatalogProduct | undefined> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/products/${encodeURIComponent(id)}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no respondió en ${this.timeoutMs} ms` : 'no acepta conexiones';
      throw new ProductsUnavailable(`products-service ${reason}`);
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw new ProductsUnavailable(`products-service respondió ${response.status}`);
    return (await response.json()) as CatalogProduct;
  }
}
