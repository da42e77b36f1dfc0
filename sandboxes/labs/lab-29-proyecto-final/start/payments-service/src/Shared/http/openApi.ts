import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import type { Env } from 'hono';

// Las rutas de sistema de payments-service, descritas con createRoute como las demás: así también salen en /openapi.json.
export const pingRoute = createRoute({
  method: 'get',
  path: '/ping',
  operationId: 'ping',
  tags: ['sistema'],
  summary: 'Comprueba que el servicio responde',
  responses: { 200: { description: 'El servicio está vivo', content: { 'application/json': { schema: z.object({ message: z.literal('pong') }) } } } },
});

export const statusRoute = createRoute({
  method: 'get',
  path: '/status',
  operationId: 'getStatus',
  tags: ['sistema'],
  summary: 'Versión del servicio',
  responses: {
    200: {
      description: 'Estado del servicio',
      content: { 'application/json': { schema: z.object({ service: z.string(), version: z.string() }).openapi('Status') } },
    },
  },
});

/**
 * Publica el contrato: /openapi.json, generado de los esquemas zod de cada ruta (createRoute +
 * app.openapi), y /docs, Swagger UI con los ficheros de swagger-ui-dist que sirve server.ts (sin CDN).
 */
export function publishApiDocs<E extends Env>(app: OpenAPIHono<E>, options: { version: string; swaggerAssetsUrl: string }) {
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'payments-service',
      version: options.version,
      description: 'Los cobros de Foodly, con una pasarela simulada. Publica PaymentCaptured (RabbitMQ, clave payment.captured) al cobrar.',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    // Rutas relativas: «Try it out» llama al mismo servicio que sirve /docs, esté donde esté.
    servers: [{ url: '/', description: 'Este mismo servicio' }],
    // Sin token a propósito, como todo el curso (tema 5, «Lo que los laboratorios dejan abierto»): se dice explícitamente.
    security: [],
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: options.swaggerAssetsUrl, title: 'payments-service · API' }));
}
