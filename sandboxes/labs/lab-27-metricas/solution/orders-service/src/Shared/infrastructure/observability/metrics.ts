import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Histogram, Registry } from 'prom-client';

// #region buckets
/**
 * Límites superiores (en segundos) de los cubos del histograma de latencia: los de prom-client por
 * defecto sin el de 10 s (el timeout a products es de 2 s). Un percentil calculado de aquí solo es tan
 * fino como estos cubos: pon límites cerca de tu objetivo (p. ej. 0,25 s si el SLO es «p95 < 250 ms»).
 */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
// #endregion buckets

// #region red-metrics
/** Las métricas RED del servicio (Rate, Errors, Duration) en un registro propio, no en el global. */
export function createHttpMetrics() {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'Peticiones HTTP atendidas, por método, ruta (su patrón) y estado',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duración de las peticiones HTTP en segundos, de la llegada a la respuesta',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  const middleware: MiddlewareHandler = async (c, next) => {
    const stopTimer = duration.startTimer();
    await next();
    // El patrón (/orders/:id), nunca la ruta concreta: un valor de etiqueta por pedido sería una serie por pedido.
    const labels = { method: c.req.method, route: routePath(c, -1) || 'desconocida', status: String(c.res.status) };
    requests.inc(labels);
    stopTimer(labels);
  };
  return { registry, middleware };
}
// #endregion red-metrics
