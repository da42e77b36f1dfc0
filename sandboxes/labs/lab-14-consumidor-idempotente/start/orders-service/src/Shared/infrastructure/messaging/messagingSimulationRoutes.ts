import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { problemResponse } from '../http/problem.ts';
import type { RabbitMqEventPublisher } from './RabbitMqEventPublisher.ts';

/** POST /_simulate/messages/{republish-last,poison}: provocar un duplicado y un mensaje venenoso. */
export function messagingSimulationRoutes(publisher: RabbitMqEventPublisher) {
  const routes = new OpenAPIHono();
  routes.openapi(republishLastRoute, async (c) => {
    const id = await publisher.republishLast();
    // app.onError lo convierte en el 409 problem+json (about:blank, Conflict) con este detail.
    if (!id) throw new HTTPException(409, { message: 'Todavía no se ha publicado ningún evento: crea antes un pedido.' });
    return c.json({ republished: id }, 202);
  });
  routes.openapi(publishPoisonRoute, async (c) => c.json({ published: await publisher.publishPoison() }, 202));
  return routes;
}

// Los contratos de las rutas (solo en el laboratorio 14): salen en /openapi.json.
const republishLastRoute = createRoute({
  method: 'post',
  path: '/republish-last',
  operationId: 'simulateDuplicateMessage',
  tags: ['laboratorio'],
  summary: 'Publica otra vez el último evento, con el mismo id (un duplicado, solo en el laboratorio)',
  responses: {
    202: { description: 'Publicado otra vez', content: { 'application/json': { schema: z.object({ republished: z.string() }) } } },
    409: problemResponse('Todavía no se ha publicado ningún evento'),
  },
});

const publishPoisonRoute = createRoute({
  method: 'post',
  path: '/poison',
  operationId: 'simulatePoisonMessage',
  tags: ['laboratorio'],
  summary: 'Publica un mensaje que ningún consumidor puede procesar (solo en el laboratorio)',
  responses: { 202: { description: 'Publicado', content: { 'application/json': { schema: z.object({ published: z.string() }) } } } },
});
