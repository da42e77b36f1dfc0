import type { OrderTracking } from '../application/NotifyTracking/OrderTracking.ts';

/** Adaptador HTTP del puerto OrderTracking: POST /internal/order-events en tracking-service, con timeout. */
export class HttpOrderTracking implements OrderTracking {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async orderChanged(change: { eventId: string; name: string; orderId: string; occurredAt: string }): Promise<void> {
    const response = await fetch(`${this.baseUrl}/internal/order-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(change),
      signal: AbortSignal.timeout(2000),
    });
    if (!response.ok) throw new Error(`tracking-service respondió ${response.status}`);
  }
}
