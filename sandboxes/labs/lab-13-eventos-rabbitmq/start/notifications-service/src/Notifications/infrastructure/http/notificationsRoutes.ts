import { Hono } from 'hono';
import type { SentEmails } from '../../application/SentEmails.ts';

/** GET /notifications: los correos enviados, el más reciente al final. */
export function notificationsRoutes(sent: SentEmails) {
  const routes = new Hono();
  routes.get('/', async (c) => c.json({ sent: await sent.all() }));
  return routes;
}
