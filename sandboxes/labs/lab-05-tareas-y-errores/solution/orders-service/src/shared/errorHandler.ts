import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../orders/errors.ts';
import { problemTypeFor } from '../orders/problemTypes.ts';
import { ProductsUnavailable } from '../orders/productsClient.ts';
import { problem, statusProblem } from './problem.ts';

// #region handle-error
/**
 * Un único sitio decide cómo se responde cada error:
 * - de dominio (reglas de negocio): 404/409/422 con su tipo y su código, el cliente puede corregir algo;
 * - HTTPException (JSON mal formado, un 401…): su estado, un código derivado de él y sus cabeceras;
 * - técnicos (una dependencia caída, un fallo inesperado): 503/500, sin detalles internos ni
 *   traza; la traza completa va al log, que es donde la busca quien opera el servicio.
 */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof DomainError) return problem(c, error.status, problemTypeFor(error.code, error.status), error.message);
  if (error instanceof HTTPException) {
    // getResponse() trae las cabeceras de la excepción (p. ej. WWW-Authenticate en un 401).
    return problem(c, error.status, statusProblem(error.status), error.message || undefined, error.getResponse().headers);
  }
  if (error instanceof ProductsUnavailable) {
    console.error(`[error técnico] ${c.req.method} ${c.req.path}: ${error.message}`);
    return problem(c, 503, problemTypeFor(error.code, 503), 'No se pudo consultar el catálogo. Inténtalo en unos segundos.');
  }
  console.error(`[error técnico] ${c.req.method} ${c.req.path}:`, error);
  return problem(c, 500, statusProblem(500, 'INTERNAL_ERROR'), 'Algo ha fallado en orders-service. Ya lo sabemos; inténtalo más tarde.');
}
// #endregion handle-error
