import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { problem, problemResponse } from '../shared/problem.ts';
import { productProblems } from '../shared/problemTypes.ts';
import { validationErrorResponse, validationHook } from '../shared/validation.ts';

// "Ingeniería del caos" de andar por casa: permite volver lento o inestable a products-service
// para ver en directo cómo reacciona orders-service (timeouts, reintentos, circuit breaker).
const ChaosSettings = z.object({
  /** Retraso añadido a cada petición de /products, en milisegundos. */
  delayMs: z.number().int().min(0).max(30_000).default(0),
  /** Probabilidad (0-1) de que una petición falle con 500. */
  failRate: z.number().min(0).max(1).default(0),
  /** Número de próximas peticiones que fallarán seguro (útil para probar reintentos). */
  failNext: z.number().int().min(0).max(1000).default(0),
  /** Pausa a mitad del cuerpo, en milisegundos: las cabeceras llegan a tiempo y el resto del JSON, tarde. */
  bodyDelayMs: z.number().int().min(0).max(30_000).default(0),
}).openapi('ChaosSettings', { example: { delayMs: 5000 } });
type Chaos = z.infer<typeof ChaosSettings>;

const chaosResponse = { description: 'La configuración del caos en vigor', content: { 'application/json': { schema: ChaosSettings } } };
const getChaos = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getChaos',
  tags: ['laboratorio'],
  summary: 'El caos configurado ahora mismo',
  responses: { 200: chaosResponse },
});
const setChaos = createRoute({
  method: 'post',
  path: '/',
  operationId: 'setChaos',
  tags: ['laboratorio'],
  summary: 'Vuelve lento o inestable /products (solo en desarrollo y en los labs)',
  request: { body: { required: true, content: { 'application/json': { schema: ChaosSettings } } } },
  responses: {
    200: chaosResponse,
    400: problemResponse('El cuerpo no es JSON'),
    413: problemResponse('El cuerpo pasa de 64 KB'),
    422: validationErrorResponse,
  },
});
const resetChaos = createRoute({
  method: 'delete',
  path: '/',
  operationId: 'resetChaos',
  tags: ['laboratorio'],
  summary: 'Desactiva el caos',
  responses: { 200: chaosResponse },
});

/** La misma respuesta, con su primer byte enseguida y el resto tras una pausa. */
function trickle(response: Response, pauseMs: number): Response {
  const source = response.body;
  if (!source) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const bytes = new Uint8Array(await new Response(source).arrayBuffer());
      controller.enqueue(bytes.slice(0, 1));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      controller.enqueue(bytes.slice(1));
      controller.close();
    },
  });
  return new Response(body, { status: response.status, headers });
}

export function createChaos() {
  let chaos: Chaos = ChaosSettings.parse({});

  // #region middleware
  const middleware: MiddlewareHandler = async (c, next) => {
    if (chaos.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, chaos.delayMs));
    const forced = chaos.failNext > 0;
    if (forced) chaos = { ...chaos, failNext: chaos.failNext - 1 };
    if (forced || Math.random() < chaos.failRate) {
      console.log(`[caos] fallo simulado en ${c.req.method} ${c.req.path}`);
      return problem(c, 500, productProblems.chaosFailure, 'products-service ha fallado a propósito (/_chaos)');
    }
    await next();
    if (chaos.bodyDelayMs > 0) c.res = trickle(c.res, chaos.bodyDelayMs);
  };
  // #endregion middleware

  const routes = new OpenAPIHono({ defaultHook: validationHook })
    .openapi(getChaos, (c) => c.json(chaos, 200))
    .openapi(setChaos, (c) => {
      chaos = c.req.valid('json');
      console.log(`[caos] configuración: ${JSON.stringify(chaos)}`);
      return c.json(chaos, 200);
    })
    .openapi(resetChaos, (c) => {
      chaos = ChaosSettings.parse({});
      console.log('[caos] desactivado');
      return c.json(chaos, 200);
    });

  return { middleware, routes };
}
