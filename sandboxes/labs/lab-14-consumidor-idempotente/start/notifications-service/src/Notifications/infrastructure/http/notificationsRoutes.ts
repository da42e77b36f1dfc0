import { Hono } from 'hono';
import type { SentEmails } from '../../application/SentEmails.ts';

/** GET /notifications: los correos enviados, el más reciente al final. */
export function notificationsRoutes(sent: SentEmails) {
  const routes = new Hono();
  routes.get('/', async (c) => c.json({ sent: await sent.all() }));
  return routes;
}

/** GET /dead-letters: cuántos mensajes esperan en la DLQ (lo que el broker dice, no una cuenta propia). */
export function deadLettersRoutes(count: () => Promise<{ queue: string; messages: number } | null>) {
  const routes = new Hono();
  routes.get('/', async (c) => c.json((await count()) ?? { queue: null, messages: 0, detail: 'La DLQ no existe: nadie la ha declarado.' }));
  return routes;
}
