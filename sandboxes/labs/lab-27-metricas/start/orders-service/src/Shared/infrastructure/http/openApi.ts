import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import type { Env } from 'hono';
import { problemResponse } from './problem.ts';

// Las rutas de sistema de orders-service, descritas con createRoute como las de negocio: así también salen en /openapi.json.
export const pingRoute = createRoute({
  method: 'get',
  path: '/ping',
  operationId: 'ping',
  tags: ['sistema'],
  summary: 'Comprueba que el servicio responde',
  responses: { 200: { description: 'El servicio está vivo', content: { 'application/json': { schema: z.object({ message: z.literal('pong') }) } } } },
});

/** GET /status (desde el Lab 7): versión y qué repositorio guarda los pedidos. */
export const statusRoute = createRoute({
  method: 'get',
  path: '/status',
  operationId: 'getStatus',
  tags: ['sistema'],
  summary: 'Versión y repositorio de pedidos en uso',
  responses: {
    200: {
      description: 'Estado del servicio',
      content: {
        'application/json': {
          schema: z.object({ service: z.string(), version: z.string(), repository: z.string(), persistent: z.boolean() }).openapi('Status'),
        },
      },
    },
  },
});

/** Solo en el laboratorio: un fallo inesperado a propósito, para ver qué recibe el cliente y qué queda en el log. */
export const simulateErrorRoute = createRoute({
  method: 'get',
  path: '/_simulate/error',
  operationId: 'simulateError',
  tags: ['laboratorio'],
  summary: 'Provoca un fallo inesperado (solo en el laboratorio)',
  responses: { 500: problemResponse('Siempre: un 500 sin traza para el cliente; el detalle queda en el log') },
});

// #region metrics-route
/** GET /metrics: las métricas en el formato de exposición de Prometheus (texto), para que Prometheus las recoja. */
export const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'getMetrics',
  tags: ['sistema'],
  summary: 'Métricas para Prometheus (formato de exposición de texto)',
  responses: {
    200: {
      description: 'Una línea por serie: nombre{etiquetas} valor',
      content: { 'text/plain': { schema: z.string().openapi({ example: 'http_requests_total{method="GET",route="/orders",status="200"} 3' }) } },
    },
  },
});
// #endregion metrics-route

// #region simulate-traffic
/** Solo en el laboratorio: manda n pedidos a este mismo servicio (por su app, con todos sus middlewares) para ver moverse las métricas. */
export const simulateTrafficRoute = createRoute({
  method: 'post',
  path: '/_simulate/traffic',
  operationId: 'simulateTraffic',
  tags: ['laboratorio'],
  summary: 'Manda una ráfaga de pedidos (solo en el laboratorio)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              orders: z.number().int().min(1).max(200).default(30),
              concurrency: z.number().int().min(1).max(20).default(5),
              productId: z.string().min(1).max(100).default('p-1'),
            })
            .openapi('TrafficRequest', { example: { orders: 30, concurrency: 5, productId: 'p-1' } }),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'Cuántos pedidos se mandaron, cuántos por estado y cuánto tardó la ráfaga',
      content: {
        'application/json': {
          schema: z.object({ sent: z.number().int(), byStatus: z.record(z.string(), z.number().int()), elapsedMs: z.number() }).openapi('TrafficResult'),
        },
      },
    },
    400: problemResponse('El cuerpo no es JSON'),
    413: problemResponse('El cuerpo pasa de 64 KB'),
    422: problemResponse('Un campo no es válido'),
  },
});
// #endregion simulate-traffic

/**
 * Publica el contrato: /openapi.json, generado de los esquemas zod de cada ruta (createRoute +
 * app.openapi), y /docs, Swagger UI con los ficheros de swagger-ui-dist que sirve server.ts (sin CDN).
 */
export function publishApiDocs<E extends Env>(app: OpenAPIHono<E>, options: { version: string; swaggerAssetsUrl: string }) {
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'orders-service',
      version: options.version,
      description: 'Los pedidos de Foodly',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    // Rutas relativas: «Try it out» llama al mismo servicio que sirve /docs, esté donde esté.
    servers: [{ url: '/', description: 'Este mismo servicio' }],
    // Los pedidos del curso no piden token (tema 5, «Lo que los laboratorios dejan abierto»): se dice explícitamente.
    security: [],
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: options.swaggerAssetsUrl, title: 'orders-service · API' }));
}
