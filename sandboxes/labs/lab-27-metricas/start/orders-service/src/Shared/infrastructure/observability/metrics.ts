import type { MiddlewareHandler } from 'hono';
import { Registry } from 'prom-client';

// #region buckets
/**
 * Límites superiores (en segundos) de los cubos del histograma de latencia: los de prom-client por
 * defecto sin el de 10 s (el timeout a products es de 2 s). Un percentil calculado de aquí solo es tan
 * fino como estos cubos: pon límites cerca de tu objetivo (p. ej. 0,25 s si el SLO es «p95 < 250 ms»).
 */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
// #endregion buckets

/** Las métricas RED del servicio (Rate, Errors, Duration) en un registro propio, no en el global. */
export function createHttpMetrics() {
  const registry = new Registry();
  // TODO: un Counter http_requests_total y un Histogram http_request_duration_seconds (etiquetas
  // method, route y status; buckets: LATENCY_BUCKETS), los dos con registers: [registry].

  const middleware: MiddlewareHandler = async (_c, next) => {
    // TODO: arranca el cronómetro del histograma, y después de next() cuenta y páralo con las etiquetas.
    await next();
  };
  return { registry, middleware };
}
