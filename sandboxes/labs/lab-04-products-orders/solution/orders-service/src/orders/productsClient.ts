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
    try {
      const response = await fetch(`${this.baseUrl}/products/${encodeURIComponent(id)}`, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (response.status === 404) return undefined;
      if (!response.ok) throw new ProductsUnavailable(`products-service respondió ${response.status}`);
      // El cuerpo se lee dentro del try: la señal también corta su lectura, y un cuerpo que llega
      // tarde rechaza aquí con TimeoutError (fuera del try, acabaría en un 500).
      return (await response.json()) as CatalogProduct;
    } catch (error) {
      if (error instanceof ProductsUnavailable) throw error;
      throw new ProductsUnavailable(`products-service ${describeFailure(error, this.timeoutMs)}`);
    }
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const name = (error as Error).name;
  if (name === 'TimeoutError') return `no respondió a tiempo (${timeoutMs} ms)`;
  if (name === 'SyntaxError') return 'respondió con un cuerpo que no es JSON';
  return 'no acepta conexiones o cortó la respuesta';
}
