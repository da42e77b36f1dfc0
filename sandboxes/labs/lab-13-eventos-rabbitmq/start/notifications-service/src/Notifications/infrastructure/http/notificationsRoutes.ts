import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { SentEmails } from '../../application/SentEmails.ts';

/** GET /notifications: los correos enviados, el más reciente al final. */
export function notificationsRoutes(sent: SentEmails) {
  const routes = new OpenAPIHono();
  routes.openapi(listSentEmailsRoute, async (c) => c.json({ sent: await sent.all() }, 200));
  return routes;
}

// El contrato de la ruta: sale en /openapi.json.
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
