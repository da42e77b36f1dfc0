/** Un cobro simulado de un pedido: Foodly no toca tarjetas; la pasarela de verdad sería otro adaptador. */
export type Payment = {
  readonly id: string;
  readonly orderId: string;
  readonly customerEmail: string;
  readonly amount: number;
  readonly currency: 'EUR';
  readonly status: 'captured' | 'declined';
  readonly createdAt: string;
};

/** La tarjeta de prueba que la pasarela simulada rechaza siempre (como las tarjetas de prueba de las pasarelas reales). */
export const DECLINED_TEST_CARD = '4000000000000002';
