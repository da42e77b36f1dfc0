import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { validationHook } from '../shared/validation.ts';

const LatencyQuery = z.object({
  /** Ruta de este mismo servicio que se mide, p. ej. /products/p-1. */
  path: z.string().regex(/^\/products(\/|\?|$)/, 'Solo se miden rutas GET de /products'),
  n: z.coerce.number().int().min(1).max(500).default(50),
  /** Cuántas peticiones a la vez: 1 = una detrás de otra; n = todas juntas (una estampida). */
  concurrency: z.coerce.number().int().min(1).max(100).default(1),
});

// #region percentile
/** Percentil por el método del rango más cercano: el valor que deja por debajo el p % de las muestras. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
// #endregion percentile

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * GET /_latency?path=/products/p-1&n=50&concurrency=1: lanza n peticiones GET a `path` dentro del
 * propio servicio (sin red: mide lo que tarda el servicio, no el viaje) y responde sus percentiles, y
 * cuántas lecturas llegaron al catálogo lento (`catalogueReads`).
 */
export function latencyRoutes(fetchInternal: (path: string) => Promise<Response>, catalogueReads: () => number) {
  return new Hono().get('/', zValidator('query', LatencyQuery, validationHook), async (c) => {
    const { path, n, concurrency } = c.req.valid('query');
    const readsBefore = catalogueReads();
    const samples: number[] = [];
    const statuses: Record<string, number> = {};
    let next = 0;
    // #region measure
    const worker = async () => {
      while (next < n) {
        next += 1;
        const started = performance.now();
        const response = await fetchInternal(path);
        await response.arrayBuffer();
        samples.push(performance.now() - started);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
    const sorted = samples.sort((a, b) => a - b);
    // #endregion measure
    const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
    return c.json({
      path,
      n,
      concurrency,
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1]!),
      mean: round(mean),
      statuses,
      catalogueReads: catalogueReads() - readsBefore,
    });
  });
}
