import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Settings } from '../config.ts';

const pingRoute = createRoute({
  method: 'get',
  path: '/ping',
  operationId: 'ping',
  tags: ['sistema'],
  summary: 'Comprueba que el servicio responde',
  responses: {
    200: { description: 'El servicio está vivo', content: { 'application/json': { schema: z.object({ message: z.literal('pong') }) } } },
  },
});

// #region status-route
const StatusSchema = z
  .object({
    service: z.string(),
    version: z.string(),
    environment: z.enum(['development', 'test', 'production']),
    uptimeSeconds: z.number().int().min(0),
  })
  .openapi('Status');

const statusRoute = createRoute({
  method: 'get',
  path: '/status',
  operationId: 'getStatus',
  tags: ['sistema'],
  summary: 'Versión, entorno y tiempo en marcha',
  responses: { 200: { description: 'Estado del servicio', content: { 'application/json': { schema: StatusSchema } } } },
});

export function systemRoutes(settings: Settings, startedAt: number) {
  return new OpenAPIHono()
    .openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200))
    .openapi(statusRoute, (c) =>
      c.json(
        {
          service: settings.SERVICE_NAME,
          version: settings.SERVICE_VERSION,
          environment: settings.ENVIRONMENT,
          uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
        },
        200,
      ),
    );
}
// #endregion status-route
