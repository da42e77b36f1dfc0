export type OrderOwner = { kind: 'found'; customerEmail: string } | { kind: 'not-found' } | { kind: 'unavailable' };

/** Pregunta a orders-service de quién es un pedido, con un tiempo máximo (tema 4: ninguna llamada sin timeout). */
export class HttpOrdersClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, timeoutMs: number) {
    this.baseUrl = baseUrl;
    this.timeoutMs = timeoutMs;
  }

  async ownerOf(orderId: string): Promise<OrderOwner> {
    try {
      const response = await fetch(`${this.baseUrl}/orders/${encodeURIComponent(orderId)}`, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (response.status === 404) return { kind: 'not-found' };
      if (!response.ok) return { kind: 'unavailable' };
      const order = (await response.json()) as { customerEmail?: unknown };
      return typeof order.customerEmail === 'string' ? { kind: 'found', customerEmail: order.customerEmail } : { kind: 'unavailable' };
    } catch {
      return { kind: 'unavailable' };
    }
  }
}
