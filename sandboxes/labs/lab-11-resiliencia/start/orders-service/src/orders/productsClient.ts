// Cliente HTTP de products-service, protegido en tres capas: cada intento tiene un timeout, los
// fallos técnicos se reintentan con backoff y jitter, y un circuit breaker deja de llamar a
// products-service mientras esté fallando. Cualquier fallo técnico acaba en ProductsUnavailable.
import { CircuitOpenError } from '../resilience/circuitBreaker.ts';
import type { CircuitBreaker } from '../resilience/circuitBreaker.ts';
import { retry } from '../resilience/retry.ts';
import type { RetryPolicy } from '../resilience/retry.ts';

export type CatalogProduct = { id: string; name: string; price: number; stock: number };

export class ProductsUnavailable extends Error {
  readonly code = 'PRODUCTS_UNAVAILABLE';
}

export class ProductsClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly breaker: CircuitBreaker;
  private readonly retryPolicy: RetryPolicy;

  constructor(baseUrl: string, timeoutMs: number, breaker: CircuitBreaker, retryPolicy: RetryPolicy) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
    this.breaker = breaker;
    this.retryPolicy = retryPolicy;
  }

  // #region find
  /** El producto, o undefined si products-service dice que no existe (404). */
  async find(id: string): Promise<CatalogProduct | undefined> {
    try {
      // GET es idempotente: repetirlo no cambia nada en products-service. Cada intento pasa por
      // el breaker, así que cuenta como un éxito o un fallo más.
      return await retry(() => this.breaker.execute(() => this.fetchOnce(id)), {
        ...this.retryPolicy,
        // Con el circuito abierto (o recién abierto por este fallo) no se insiste: esperar para
        // chocar contra el breaker solo retrasaría el 503.
        shouldRetry: (error) => !(error instanceof CircuitOpenError) && this.breaker.state !== 'open',
        onRetry: ({ attempt, delayMs, error }) =>
          console.log(`[reintento] GET /products/${id}: el intento ${attempt} falló (${(error as Error).message}); reintento en ${delayMs} ms`),
      });
    } catch (error) {
      if (error instanceof CircuitOpenError) {
        throw new ProductsUnavailable(`${error.message}, products-service no recibe llamadas durante ${error.retryInMs} ms más`);
      }
      throw error;
    }
  }
  // #endregion find

  /** Un único intento, con su timeout; un 404 es una respuesta válida, no un fallo. */
  private async fetchOnce(id: string): Promise<CatalogProduct | undefined> {
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
