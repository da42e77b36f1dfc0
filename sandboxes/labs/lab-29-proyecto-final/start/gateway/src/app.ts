import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { createNodeWebSocket } from '@hono/node-ws';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { rateLimiter } from 'hono-rate-limiter';
import type { OpenApiDocument } from 'openapi-merge';
import { requireRole, verifyAccessToken } from './auth/verifyAccessToken.ts';
import type { Settings } from './config.ts';
import { aggregateDocument } from './openapi/aggregateDocument.ts';
import { proxyWebSocket, tokenFromQuery } from './routing/liveProxy.ts';
import { forward } from './routing/proxy.ts';
import type { Upstream } from './routing/proxy.ts';
import { needsToken, requiredRole, routeTable } from './routing/routes.ts';
import { problem, problemResponse, problemType, statusProblem } from './shared/problem.ts';

const pingRoute = createRoute({
  method: 'get',
  path: '/ping',
  operationId: 'ping',
  tags: ['sistema'],
  summary: 'Comprueba que el gateway responde (no pregunta a los servicios)',
  responses: { 200: { description: 'El gateway está vivo', content: { 'application/json': { schema: z.object({ message: z.literal('pong') }) } } } },
});

// El handshake del canal en vivo es HTTP: se documenta sin handler (el de la ruta es upgradeWebSocket).
const liveChannelRoute = createRoute({
  method: 'get',
  path: '/notifications/live',
  operationId: 'openLiveNotifications',
  tags: ['avisos'],
  summary: 'Abre el canal WebSocket de avisos en vivo del cliente del token',
  description:
    'Handshake de WebSocket (101 Switching Protocols). El token va en Authorization o, desde un navegador (que no puede poner cabeceras en un WebSocket), en ?token=. Sin token válido, 401 y no se abre. Los mensajes son JSON: {"type":"welcome"} al abrir y {"type":"payment.captured","orderId","message","amount","correlationId","at"} con cada cobro.',
  request: { query: z.object({ token: z.string().optional().openapi({ description: 'El access_token de POST /auth/login', example: 'PEGA-AQUI-EL-TOKEN' }) }) },
  responses: {
    101: { description: 'Conexión WebSocket abierta con notifications-service a través del gateway' },
    426: problemResponse('La petición no pide Upgrade: websocket'),
  },
});

const tooManyRequests = problemType('TOO_MANY_REQUESTS', 'demasiadas-peticiones', 'Demasiadas peticiones');
const upstreamDown = problemType('UPSTREAM_UNAVAILABLE', 'servicio-no-disponible', 'El servicio no responde');

export type GatewayDependencies = {
  /** Cómo se llega a los servicios: fetch en producción; los tests pasan app.request() de cada uno. */
  upstream?: Upstream;
};

/** La IP del socket (no X-Forwarded-For, que la escribe el cliente); app.request() no tiene socket. */
function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'sin-ip';
  } catch {
    return 'sin-ip';
  }
}

// Raíz de composición del gateway: tabla de rutas, verificación en el borde, límite, correlación y documento.
// server.ts inyecta el WebSocket (injectWebSocket) en el servidor HTTP de Node.
export function buildGateway(settings: Settings, deps: GatewayDependencies = {}) {
  const upstream: Upstream = deps.upstream ?? ((url, init) => fetch(url, init));
  const routes = routeTable(settings);
  const app = new OpenAPIHono();
  const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });

  // El id de correlación: el del cliente si trae uno válido (X-Correlation-Id), si no uno nuevo. Viaja a
  // cada servicio, vuelve en la respuesta y sale en cada línea de log: una petición se sigue de punta a punta.
  app.use(requestId({ headerName: 'X-Correlation-Id' }));
  app.use(async (c, next) => {
    const startedAt = performance.now();
    await next();
    console.log(`[${c.get('requestId')}] ${c.req.method} ${c.req.path} → ${c.res.status} (${Math.round(performance.now() - startedAt)} ms)`);
  });
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));

  // #region edge
  const verify = verifyAccessToken(settings.JWT_SECRET);
  // Un límite por cliente: el usuario del token si lo hay (ya verificado), si no la IP.
  const limit = rateLimiter({
    windowMs: settings.RATE_LIMIT_WINDOW_MS,
    limit: settings.RATE_LIMIT,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => {
      const sub = (c.get('jwtPayload') as { sub?: string } | undefined)?.sub;
      return sub ? `usuario:${sub}` : `ip:${clientIp(c)}`;
    },
    handler: (c) => problem(c, 429, tooManyRequests, `Más de ${settings.RATE_LIMIT} peticiones en ${settings.RATE_LIMIT_WINDOW_MS / 1000} s; espera lo que dice Retry-After.`),
  });
  // El canal en vivo también entra por aquí: el token se verifica en el handshake (401 si no vale) y el
  // gateway abre su propio WebSocket con notifications-service. Antes que /notifications/*, que es HTTP.
  const notifications = routes.find((route) => route.service === 'notifications-service')!;
  app.get('/notifications/live', tokenFromQuery, verify, limit, proxyWebSocket(notifications, upgradeWebSocket));
  app.openAPIRegistry.registerPath(liveChannelRoute);
  for (const route of routes) {
    const guard: MiddlewareHandler = (c, next) => (needsToken(route, c.req.method) ? verify(c, next) : next());
    // Primero quién eres (401, verify), después qué puedes hacer (403): las escrituras del catálogo
    // (POST, PATCH, DELETE en /products, el stock incluido) piden el rol admin, no solo un token.
    const allow = route.role ? requireRole(route.role) : undefined;
    const roleGuard: MiddlewareHandler = (c, next) => (allow && requiredRole(route, c.req.method) ? allow(c, next) : next());
    const handler: MiddlewareHandler = async (c) => {
      // Las herramientas del laboratorio (/_chaos, /_simulate…) son de quien opera, no de los clientes.
      if (/\/_/.test(c.req.path)) return problem(c, 404, statusProblem(404), `El gateway no publica ${c.req.path}.`);
      try {
        return await forward(c, route, upstream, settings.UPSTREAM_TIMEOUT_MS);
      } catch (error) {
        console.error(`[${c.get('requestId')}] ${route.service} no responde: ${(error as Error).message}`);
        return problem(c, 502, upstreamDown, `${route.service} no responde; reintenta en unos segundos.`);
      }
    };
    app.all(route.prefix, guard, roleGuard, limit, handler);
    app.all(`${route.prefix}/*`, guard, roleGuard, limit, handler);
  }
  // #endregion edge

  // Un solo documento para los clientes: el del gateway y el de cada servicio, con las rutas como las ve el cliente.
  app.get('/openapi.json', async (c) => {
    const own = app.getOpenAPIDocument({
      openapi: '3.0.3',
      info: {
        title: 'Foodly API',
        version: settings.SERVICE_VERSION,
        description:
          'La API pública de Foodly, detrás del gateway. Se monta con el /openapi.json de cada servicio: /auth/* va a auth-service (sin el prefijo), /products/* a products-service, /orders/* y /customers/* a orders-service, /payments/* a payments-service y /notifications/* a notifications-service. El canal en vivo también pasa por el gateway: GET /notifications/live?token=<access_token> es el handshake de su WebSocket.',
        license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
      },
      servers: [{ url: '/', description: 'El gateway' }],
      security: [],
    }) as unknown as OpenApiDocument;
    const source = async (service: string, url: string) => {
      const response = await upstream(`${url}/openapi.json`, { headers: { 'x-correlation-id': c.get('requestId') as string }, signal: AbortSignal.timeout(settings.UPSTREAM_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`${service} respondió ${response.status}`);
      return (await response.json()) as OpenApiDocument;
    };
    const { doc } = await aggregateDocument(own, routes, source);
    return c.json(doc, 200);
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: settings.SWAGGER_ASSETS_URL, title: 'Foodly · API' }));

  app.onError((error, c) => {
    if (error instanceof HTTPException) return problem(c, error.status, statusProblem(error.status), error.message || undefined, error.getResponse().headers);
    console.error(`[${c.get('requestId')}] ${c.req.method} ${c.req.path}:`, error);
    return problem(c, 500, statusProblem(500), 'Algo ha fallado en el gateway; el detalle está en su log.');
  });
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return { app, injectWebSocket };
}

/** Solo la app HTTP (los tests la usan con app.request()). */
export const buildApp = (settings: Settings, deps: GatewayDependencies = {}) => buildGateway(settings, deps).app;
