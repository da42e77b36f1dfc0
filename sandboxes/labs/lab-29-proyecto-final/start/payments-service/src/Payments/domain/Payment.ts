/** Un cobro simulado de un pedido: Foodly no toca tarjetas; la pasarela de verdad sería otro adaptador. */
export type Payment = {
  readonly id: string;
  readonly orderId: string;
  readonly customerEmail: string;
  readonly amount: number;
  readonly currency: 'EUR';
  /**
   * captured/declined: el intento de cobro. refunded: cobrado y devuelto porque el pedido se canceló.
   * voided: el pedido se canceló antes de cobrarlo; ocupa su sitio para que ya no se cobre.
   */
  readonly status: 'captured' | 'declined' | 'refunded' | 'voided';
  readonly createdAt: string;
};

/** La tarjeta de prueba que la pasarela simulada rechaza siempre (como las tarjetas de prueba de las pasarelas reales). */
export const DECLINED_TEST_CARD = '4000000000000002';
