import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../orders/errors.ts';
import { ProductsUnavailable } from '../orders/productsClient.ts';
import { problem } from './problem.ts';

/**
 * Un único sitio decide cómo se responde cada error:
 * - de dominio (reglas de negocio): 404/409/422 con su código, el cliente puede corregir algo;
 * - técnicos (una dependencia caída, un fallo inesperado): 503/500, sin detalles internos ni
 *   traza; la traza completa va al log, que es donde la busca quien opera el servicio.
 */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof DomainError) return problem(c, error.status, error.code, 'Regla de negocio', error.message);
  if (error instanceof HTTPException) return problem(c, error.status, 'BAD_REQUEST', 'Petición no válida', error.message);
  if (error instanceof ProductsUnavailable) {
    console.error(`[error técnico] ${c.req.method} ${c.req.path}: ${error.message}`);
    return problem(c, 503, error.code, 'Catálogo no disponible', 'No se pudo consultar el catálogo. Inténtalo en unos segundos.');
  }
  console.error(`[error técnico] ${c.req.method} ${c.req.path}:`, error);
  return problem(c, 500, 'INTERNAL_ERROR', 'Error interno', 'Algo ha fallado en orders-service. Ya lo sabemos; inténtalo más tarde.');
}
