import type { OrdersClient, PayableOrder } from '../domain/OrdersClient.ts';

/** Adaptador HTTP del puerto OrdersClient: GET /orders/{id} de orders-service, con plazo. */
export class HttpOrdersClient implements OrdersClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, timeoutMs: number) {
    this.baseUrl = baseUrl;
    this.timeoutMs = timeoutMs;
  }

  async find(orderId: string, correlationId: string): Promise<PayableOrder | undefined> {
    const response = await fetch(`${this.baseUrl}/orders/${encodeURIComponent(orderId)}`, {
      headers: { 'x-correlation-id': correlationId },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`orders-service respondió ${response.status} al pedir el pedido ${orderId}`);
    return (await response.json()) as PayableOrder;
  }
}
