import { Hono } from 'hono';
import { problem, statusProblem } from '../http/problem.ts';
import type { RabbitMqEventPublisher } from './RabbitMqEventPublisher.ts';

/** POST /_simulate/messages/{republish-last,poison}: provocar un duplicado y un mensaje venenoso. */
export function messagingSimulationRoutes(publisher: RabbitMqEventPublisher) {
  const routes = new Hono();
  routes.post('/republish-last', async (c) => {
    const id = await publisher.republishLast();
    if (!id) return problem(c, 409, statusProblem(409), 'Todavía no se ha publicado ningún evento: crea antes un pedido.');
    return c.json({ republished: id }, 202);
  });
  routes.post('/poison', async (c) => c.json({ published: await publisher.publishPoison() }, 202));
  return routes;
}
