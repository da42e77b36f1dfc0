import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import type { Balancer } from './balancer/Balancer.ts';
import type { Settings } from './config.ts';
import { problem } from './shared/problem.ts';

// Cabeceras que no se reenvían: son de esta conexión, no de la petición (RFC 9110, 7.6.1).
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length'];

export function buildApp(settings: Settings, balancer: Balancer) {
  const app = new Hono();
  app.use(logger());
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.get('/ping', (c) => c.json({ message: 'pong' }));

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
