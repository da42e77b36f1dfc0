/** Lo que contesta la red de tarjetas a una autorización. */
export type Authorization = { approved: true } | { approved: false; reason: string };

/** Puerto: la red de tarjetas (Visa, Mastercard… o, aquí, una falsa con reglas fijas). */
export type CardNetwork = {
  authorize(cardToken: string, amount: number): Promise<Authorization>;
};
