// Cliente HTTP de products-service.
export type CatalogProduct = { id: string; name: string; price: number; stock: number };

export class ProductsClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, timeoutMs: number) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
  }

  // #region find
  /** El producto, o undefined si products-service dice que no existe (404). */
  async find(id: string): Promise<CatalogProduct | undefined> {
    // TODO (Lab 4): ¿qué pasa si products-service está caído o tarda 10 segundos en responder?
    // Usa AbortSignal.timeout(this.timeoutMs) y convierte cualquier fallo técnico en un error propio.
    const response = await fetch(`${this.baseUrl}/products/${encodeURIComponent(id)}`);
    if (response.status === 404) return undefined;
    return (await response.json()) as CatalogProduct;
  }
  // #endregion find
}
