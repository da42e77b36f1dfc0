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

/** Solo en el laboratorio: un fallo inesperado a propósito, para ver qué recibe el cliente y qué queda en el log. */
export const simulateErrorRoute = createRoute({
  method: 'get',
  path: '/_simulate/error',
  operationId: 'simulateError',
  tags: ['laboratorio'],
  summary: 'Provoca un fallo inesperado (solo en el laboratorio)',
  responses: { 500: problemResponse('Siempre: un 500 sin traza para el cliente; el detalle queda en el log') },
});

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
