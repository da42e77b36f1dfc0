/** Comando: la intención de crear un pedido. Datos planos, sin comportamiento. */
export type CreateOrderCommand = {
  readonly customerEmail: string;
  readonly items: ReadonlyArray<{ readonly productId: string; readonly quantity: number }>;
  /** La tarjeta con la que se cobra (un token de la pasarela, nunca el número). */
  readonly cardToken: string;
};
