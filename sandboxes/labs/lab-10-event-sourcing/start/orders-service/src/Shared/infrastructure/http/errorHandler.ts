import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../../domain/DomainError.ts';
import { ConcurrencyError } from '../persistence/EventStore.ts';
import { TechnicalError } from '../TechnicalError.ts';
import { problem } from './problem.ts';

const statusByKind = { 'not-found': 404, conflict: 409, invalid: 422 } as const;

/**
 * Errores de dominio → 404/409/422 con su código; conflicto de concurrencia → 409 (el cliente
 * vuelve a leer y decide); técnicos → 503 (dependencia caída) o 500, siempre en problem+json y sin
 * traza: la traza va al log.
 */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof DomainError) return problem(c, statusByKind[error.kind], error.code, 'Regla de negocio', error.message);
  if (error instanceof ConcurrencyError) {
    console.warn(`[concurrencia] ${c.req.method} ${c.req.path}: ${error.message}`);
    return problem(c, 409, error.code, 'Conflicto de concurrencia', 'El recurso cambió mientras se procesaba tu petición. Vuelve a leerlo y repite la operación si aún tiene sentido.');
  }
  if (error instanceof HTTPException) return problem(c, error.status, 'BAD_REQUEST', 'Petición no válida', error.message);
  if (error instanceof TechnicalError) {
    console.error(`[error técnico] ${c.req.method} ${c.req.path}: ${error.message}`);
    return problem(c, 503, error.code, 'Servicio no disponible', error.publicMessage);
  }
  console.error(`[error técnico] ${c.req.method} ${c.req.path}:`, error);
  return problem(c, 500, 'INTERNAL_ERROR', 'Error interno', 'Algo ha fallado en orders-service. Ya lo sabemos; inténtalo más tarde.');
}
