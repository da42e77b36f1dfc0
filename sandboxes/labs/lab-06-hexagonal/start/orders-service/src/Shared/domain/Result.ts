import type { DomainError } from './DomainError.ts';

// #region result
/**
 * Resultado explícito de una operación que puede fallar por una regla de negocio (à la
 * domain-driven-hexagon): quien llama ve en el tipo que hay un caso de error y debe tratarlo.
 * Los fallos técnicos no van aquí: se lanzan como excepciones.
 */
export type Result<T, E extends DomainError = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E extends DomainError>(error: E): Result<never, E> => ({ ok: false, error });

/** Para las capas que prefieren excepciones (p. ej. la HTTP): devuelve el valor o lanza el error. */
export function unwrap<T, E extends DomainError>(result: Result<T, E>): T {
  if (!result.ok) throw result.error;
  return result.value;
}
// #endregion result
