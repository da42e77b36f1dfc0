import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { validationErrorResponse, validationHook } from '../shared/validation.ts';

const LatencyQuery = z.object({
  /** Ruta de este mismo servicio que se mide, p. ej. /products/p-1. */
  path: z
    .string()
    .regex(/^\/products(\/|\?|$)/, 'Solo se miden rutas GET de /products')
    .openapi({ description: 'Ruta GET de /products que se mide', example: '/products/p-1' }),
  n: z.coerce.number().int().min(1).max(500).default(50).openapi({ description: 'Cuántas peticiones se lanzan' }),
  /** Cuántas peticiones a la vez: 1 = una detrás de otra; n = todas juntas (una estampida). */
  concurrency: z.coerce.number().int().min(1).max(100).default(1).openapi({ description: 'Cuántas a la vez: 1 = en serie; n = una estampida' }),
});

const LatencyReport = z
  .object({
    path: z.string(),
    n: z.number().int(),
    concurrency: z.number().int(),
    p50: z.number().openapi({ description: 'Percentil 50, en ms' }),
    p95: z.number().openapi({ description: 'Percentil 95, en ms' }),
    p99: z.number().openapi({ description: 'Percentil 99, en ms' }),
    max: z.number(),
    mean: z.number(),
    statuses: z.record(z.string(), z.number().int()).openapi({ description: 'Cuántas respuestas de cada estado' }),
    catalogueReads: z.number().int().openapi({ description: 'Lecturas que llegaron al catálogo lento durante la medida' }),
  })
  .openapi('LatencyReport');

const measureLatency = createRoute({
  method: 'get',
  path: '/',
  operationId: 'measureLatency',
  tags: ['laboratorio'],
  summary: 'Mide la latencia de una ruta de /products: percentiles y lecturas del catálogo (solo en desarrollo y en los labs)',
  request: { query: LatencyQuery },
  responses: {
    200: { description: 'Los percentiles de las n peticiones', content: { 'application/json': { schema: LatencyReport } } },
    422: validationErrorResponse,
  },
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
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(measureLatency, async (c) => {
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
    }, 200);
  });
}
