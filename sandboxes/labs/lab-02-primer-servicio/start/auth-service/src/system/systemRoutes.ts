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

// TODO (Lab 2): define aquí la ruta GET /status (servicio, versión, entorno y segundos en marcha).

export function systemRoutes(_settings: Settings, _startedAt: number) {
  return new OpenAPIHono()
    .openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
}
