import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import type { Balancer } from './balancer/Balancer.ts';
import type { Settings } from './config.ts';
import { problem } from './shared/problem.ts';

// Cabeceras que no se reenvían: son de esta conexión, no de la petición (RFC 9110, 7.6.1).
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length'];

const pingRoute = createRoute({
  method: 'get',
  path: '/ping',
  operationId: 'ping',
  tags: ['sistema'],
  summary: 'Comprueba que el gateway responde (no pregunta a las réplicas)',
  responses: { 200: { description: 'El gateway está vivo', content: { 'application/json': { schema: z.object({ message: z.literal('pong') }) } } } },
});

export function buildApp(settings: Settings, balancer: Balancer) {
  const app = new OpenAPIHono();
  app.use(logger());
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));

  // #region proxy
  app.all('/products/*', async (c) => {
    const headers = new Headers(c.req.raw.headers);
    for (const name of HOP_BY_HOP) headers.delete(name);
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.arrayBuffer();
    const url = new URL(c.req.url);
    // Solo se repite lo que se puede repetir: un POST quizá llegó a ejecutarse en la réplica caída.
    const attempts = IDEMPOTENT.has(c.req.method) ? 2 : 1;
    const tried: string[] = [];
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const replica = balancer.pick(tried);
      if (!replica) break;
      tried.push(replica);
      try {
        return await fetch(`${replica}${url.pathname}${url.search}`, { method: c.req.method, headers, body, signal: AbortSignal.timeout(settings.UPSTREAM_TIMEOUT_MS) });
      } catch (error) {
        console.error(`[gateway] ${replica}: ${(error as Error).message}; fuera de la rotación`);
        balancer.markDown(replica);
      }
    }
    return tried.length === 0
      ? problem(c, 503, 'Service Unavailable', 'No queda ninguna réplica de products-service viva.', 'NO_REPLICAS')
      : problem(c, 502, 'Bad Gateway', `No respondió ninguna réplica (${tried.join(', ')}).`, 'UPSTREAM_FAILED');
  });
  // #endregion proxy

  // El contrato del gateway son sus propias rutas. Lo que reenvía (/products/*) no se repite aquí: es el
  // contrato de products-service (/openapi.json de cualquier réplica), que el gateway pasa tal cual.
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'gateway',
      version: '0.1.0',
      description:
        'El balanceador de Foodly delante de las réplicas de products-service. Todo lo que llega a /products/* se reenvía a una réplica sin cambios: su contrato es el /openapi.json de products-service.',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    servers: [{ url: '/', description: 'Este mismo servicio' }],
    security: [],
  });
  // Swagger UI con recursos propios: baseUrl apunta a donde se sirven los ficheros de swagger-ui-dist.
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: settings.SWAGGER_ASSETS_URL, title: 'gateway · API' }));

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const status = error.status === 413 ? 413 : 400;
      return problem(c, status, status === 413 ? 'Content Too Large' : 'Bad Request', error.message || 'Petición no válida', status === 413 ? 'CONTENT_TOO_LARGE' : 'BAD_REQUEST');
    }
    console.error(`[error] ${c.req.method} ${c.req.path}:`, error);
    return problem(c, 500, 'Internal Server Error', 'Algo ha fallado en el gateway', 'INTERNAL_ERROR');
  });
  app.notFound((c) => problem(c, 404, 'Not Found', `No existe la ruta ${c.req.method} ${c.req.path}.`, 'NOT_FOUND'));
  return app;
}
