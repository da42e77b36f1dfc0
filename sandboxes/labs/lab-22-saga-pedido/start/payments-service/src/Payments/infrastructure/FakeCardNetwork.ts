import type { Authorization, CardNetwork } from '../domain/CardNetwork.ts';

/**
 * Red de tarjetas de mentira, con tokens de prueba como los de las pasarelas reales:
 * - tok_visa: paga (hasta el límite por cobro);
 * - tok_declined: la rechaza el banco;
 * - tok_slow: tarda slowDelayMs en contestar (y después paga): el cobro que no responde a tiempo.
 * Cualquier token con un importe por encima de limitEuros se rechaza.
 */
export class FakeCardNetwork implements CardNetwork {
  private readonly limitEuros: number;
  private readonly slowDelayMs: number;

  constructor(options: { limitEuros: number; slowDelayMs: number }) {
    this.limitEuros = options.limitEuros;
    this.slowDelayMs = options.slowDelayMs;
  }

  async authorize(cardToken: string, amount: number): Promise<Authorization> {
    if (cardToken === 'tok_slow') await new Promise((resolve) => setTimeout(resolve, this.slowDelayMs));
    if (cardToken === 'tok_declined') return { approved: false, reason: 'El banco ha rechazado la tarjeta' };
    if (amount > this.limitEuros) return { approved: false, reason: `El importe (${amount} €) supera el límite de la tarjeta (${this.limitEuros} €)` };
    return { approved: true };
  }
}
