import { TechnicalError } from '../../Shared/infrastructure/TechnicalError.ts';
import type { OrderLine } from '../domain/OrderLine.ts';
import type { ReservationResult, StockReservations } from '../domain/StockReservations.ts';

/** Adaptador HTTP del puerto StockReservations: PUT y DELETE de /reservations/{orderId} en products-service. */
export class HttpStockReservations implements StockReservations {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, timeoutMs: number) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
  }

  async reserve(orderId: string, lines: readonly OrderLine[]): Promise<ReservationResult> {
    const items = lines.map((line) => ({ productId: line.productId, quantity: line.quantity.value }));
    const response = await this.send('PUT', orderId, { items });
    if (response.status === 409) {
      const problem = (await response.json().catch(() => ({}))) as { detail?: string };
      return { status: 'rejected', reason: 'OUT_OF_STOCK', detail: problem.detail ?? 'No hay stock suficiente' };
    }
    if (!response.ok) throw unavailable(`products-service respondió ${response.status} al reservar`);
    return { status: 'reserved' };
  }

  async release(orderId: string): Promise<void> {
    const response = await this.send('DELETE', orderId);
    if (!response.ok) throw unavailable(`products-service respondió ${response.status} al liberar la reserva`);
  }

  private async send(method: 'PUT' | 'DELETE', orderId: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}/reservations/${encodeURIComponent(orderId)}`, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no respondió en ${this.timeoutMs} ms` : 'no acepta conexiones';
      throw unavailable(`products-service ${reason}`);
    }
  }
}

const unavailable = (message: string) =>
  new TechnicalError('PRODUCTS_UNAVAILABLE', message, 'No se pudo reservar el stock. Inténtalo en unos segundos.');
