/** Un fallo de infraestructura (red, dependencia caída): no es culpa del cliente y puede pasar. */
export class TechnicalError extends Error {
  readonly code: string;
  /** Lo que se le puede contar al cliente, sin detalles internos. */
  readonly publicMessage: string;

  constructor(code: string, message: string, publicMessage: string) {
    super(message);
    this.name = 'TechnicalError';
    this.code = code;
    this.publicMessage = publicMessage;
  }
}
