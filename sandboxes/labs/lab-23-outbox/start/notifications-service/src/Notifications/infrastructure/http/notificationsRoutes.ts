import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { SentEmails } from '../../application/SentEmails.ts';

/** GET /notifications: los correos enviados, el más reciente al final. */
export function notificationsRoutes(sent: SentEmails) {
  const routes = new OpenAPIHono();
  routes.openapi(listSentEmailsRoute, async (c) => c.json({ sent: await sent.all() }, 200));
  return routes;
}

/** GET /dead-letters: cuántos mensajes esperan en la DLQ (lo que el broker dice, no una cuenta propia). */
export function deadLettersRoutes(count: () => Promise<{ queue: string; messages: number } | null>) {
  const routes = new OpenAPIHono();
  routes.openapi(countDeadLettersRoute, async (c) => c.json((await count()) ?? { queue: null, messages: 0, detail: 'La DLQ no existe: nadie la ha declarado.' }, 200));
  return routes;
}

// Los contratos de las rutas: salen en /openapi.json.
const SentEmailSchema = z
  .object({
    orderId: z.string(),
    to: z.string(),
    total: z.number(),
    event: z.object({ id: z.string(), type: z.string(), source: z.string(), specversion: z.string(), time: z.string(), datacontenttype: z.string().optional() }),
    sentAt: z.string(),
  })
  .openapi('SentEmail');

const listSentEmailsRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listSentEmails',
  tags: ['notificaciones'],
  summary: 'Los correos de confirmación enviados, el más reciente al final',
  responses: { 200: { description: 'Correos enviados', content: { 'application/json': { schema: z.object({ sent: z.array(SentEmailSchema) }) } } } },
});

const countDeadLettersRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'countDeadLetters',
  tags: ['notificaciones'],
  summary: 'Cuántos mensajes esperan en la cola de mensajes fallidos (DLQ)',
  responses: {
    200: {
      description: 'La cuenta del broker, o 0 con un detail si la DLQ no existe',
      content: { 'application/json': { schema: z.object({ queue: z.string().nullable(), messages: z.number().int(), detail: z.string().optional() }).openapi('DeadLetters') } },
    },
  },
});
