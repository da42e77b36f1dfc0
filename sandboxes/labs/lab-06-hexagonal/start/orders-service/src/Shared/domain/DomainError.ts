// #region domain-error-kind
/**
 * Un "no" del negocio: una regla que la petición incumple. Lleva un código estable (para las
 * máquinas) y su tipo, que la capa HTTP traduce a 404, 409 o 422. El dominio no sabe de HTTP.
 */
export type DomainErrorKind = 'not-found' | 'conflict' | 'invalid';

export class DomainError extends Error {
  readonly code: string;
  readonly kind: DomainErrorKind;

  constructor(code: string, kind: DomainErrorKind, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.kind = kind;
  }
}
// #endregion domain-error-kind
