import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../../domain/DomainError.ts';
import { ConcurrencyError } from '../persistence/ConcurrencyError.ts';
import { TechnicalError } from '../TechnicalError.ts';
import { problem, statusProblem } from './problem.ts';
import { problemTypeFor } from './problemTypes.ts';

const statusByKind = { 'not-found': 404, conflict: 409, invalid: 422 } as const;

/**
 * Errores de dominio → 404/409/422 con su tipo y su código; conflicto de concurrencia → 409 (el
 * cliente vuelve a leer y decide); HTTPException → su estado, un código derivado de él y sus
 * cabeceras; técnicos → 503 (dependencia caída) o 500, siempre en problem+json y sin traza: la traza va al log.
 */
// #region handle-error
export function handleError(error: Error, c: Context): Response {
  if (error instanceof DomainError) {
    const status = statusByKind[error.kind];
    return problem(c, status, problemTypeFor(error.code, status), error.message);
  }
  if (error instanceof ConcurrencyError) {
    console.warn(`[concurrencia] ${c.req.method} ${c.req.path}: ${error.message}`);
    return problem(c, 409, problemTypeFor(error.code, 409), 'El recurso cambió mientras se procesaba tu petición. Vuelve a leerlo y repite la operación si aún tiene sentido.');
  }
// #endregion handle-error
  if (error instanceof HTTPException) {
    // getResponse() trae las cabeceras de la excepción (p. ej. WWW-Authenticate en un 401).
    return problem(c, error.status, statusProblem(error.status), error.message || undefined, error.getResponse().headers);
  }
  if (error instanceof TechnicalError) {
    console.error(`[error técnico] ${c.req.method} ${c.req.path}: ${error.message}`);
    return problem(c, 503, problemTypeFor(error.code, 503), error.publicMessage);
  }
  console.error(`[error técnico] ${c.req.method} ${c.req.path}:`, error);
  return problem(c, 500, statusProblem(500, 'INTERNAL_ERROR'), 'Algo ha fallado en orders-service. Ya lo sabemos; inténtalo más tarde.');
}
