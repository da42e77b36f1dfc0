import { TechnicalError } from '../../Shared/infrastructure/TechnicalError.ts';
import type { Money } from '../domain/Money.ts';
import type { ChargeResult, PaymentGateway } from '../domain/PaymentGateway.ts';

/** Adaptador HTTP del puerto PaymentGateway: habla con payments-service con un plazo. */
export class HttpPaymentGateway implements PaymentGateway {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, timeoutMs: number) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
  }

  async charge(orderId: string, amount: Money, cardToken: string): Promise<ChargeResult> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orderId, amount: amount.toNumber(), cardToken }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // Sin respuesta no sabemos si cobró: puede que el cobro siga en curso al otro lado.
      if ((error as Error).name === 'TimeoutError') {
        return { status: 'unknown', reason: 'PAYMENT_TIMEOUT', detail: `payments-service no respondió en ${this.timeoutMs} ms` };
      }
      return { status: 'unknown', reason: 'PAYMENTS_UNAVAILABLE', detail: 'payments-service no acepta conexiones' };
    }
    const body = (await response.json().catch(() => ({}))) as { id?: string; detail?: string };
    if (response.status === 201 || response.status === 200) return { status: 'captured', paymentId: body.id ?? orderId };
    if (response.status === 402) return { status: 'declined', reason: 'PAYMENT_DECLINED', detail: body.detail ?? 'Pago rechazado' };
    return { status: 'unknown', reason: 'PAYMENTS_UNAVAILABLE', detail: `payments-service respondió ${response.status}` };
  }

  async refund(orderId: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/payments/${encodeURIComponent(orderId)}/refund`, { method: 'POST', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no respondió en ${this.timeoutMs} ms` : 'no acepta conexiones';
      throw new TechnicalError('PAYMENTS_UNAVAILABLE', `payments-service ${reason} al anular el cobro`, 'No se pudo anular el cobro. Inténtalo en unos segundos.');
    }
    if (!response.ok) {
      throw new TechnicalError('PAYMENTS_UNAVAILABLE', `payments-service respondió ${response.status} al anular el cobro`, 'No se pudo anular el cobro.');
    }
  }
}
