// The infrastructure fixture's behaviour, as lab checks: the same file runs against the browser
// engine (in-page hosts) and the Node runner (real RabbitMQ, Redis, PostgreSQL).
import type { Check, CheckContext } from '../../../../../../sandboxes/lib/checks-types.ts';

type Notifications = {
  received: { type: string; orderId: number; item: string; redelivered: boolean; routingKey: string }[];
  announced: string[];
};

/** Polls GET /notifications until `done` holds (at most ~10 s). */
async function waitForNotifications(ctx: CheckContext, done: (body: Notifications) => boolean): Promise<Notifications> {
  let body: Notifications = { received: [], announced: [] };
  for (let attempt = 0; attempt < 100; attempt++) {
    const res = await ctx.request('notifications', '/notifications');
    body = res.body as Notifications;
    if (res.status === 200 && done(body)) return body;
    await ctx.sleep(100);
  }
  return body;
}

// A fixture has one tree, not a start and a solution: every check must pass on it.
const checks: Check[] = [
  {
    name: 'POST /orders guarda el pedido y notifications recibe OrderPlaced por RabbitMQ y Redis',
    onStart: 'pass',
    async run(ctx) {
      const res = await ctx.request('orders', '/orders', { method: 'POST', body: { item: 'pizza', quantity: 2 } });
      ctx.assert(res.status === 201, `POST /orders respondió ${res.status}: ${res.text}`);
      const order = res.body as { id: number; item: string; quantity: number; status: string };
      ctx.assert(order.item === 'pizza' && order.quantity === 2 && order.status === 'placed', `RETURNING devolvió ${res.text}`);
      const got = await waitForNotifications(ctx, (body) => body.received.some((event) => event.orderId === order.id) && body.announced.includes(String(order.id)));
      const event = got.received.find((candidate) => candidate.orderId === order.id);
      ctx.assert(event?.type === 'OrderPlaced' && event.routingKey === 'order.placed' && event.redelivered === false, `notifications recibió ${JSON.stringify(got)}`);
      ctx.assert(got.announced.includes(String(order.id)), `Redis pub/sub no anunció el pedido: ${JSON.stringify(got)}`);
    },
  },
  {
    name: 'un pedido inválido deshace la transacción (CHECK, 23514)',
    onStart: 'pass',
    async run(ctx) {
      const before = (await ctx.request('orders', '/orders')).body as { orders: unknown[]; events: number };
      const res = await ctx.request('orders', '/orders', { method: 'POST', body: { item: 'nada', quantity: 0 } });
      const body = res.body as { code?: string; error?: string };
      ctx.assert(res.status === 400 && body.code === '23514', `Se esperaba 400 con 23514 y llegó ${res.status}: ${res.text}`);
      ctx.assert(/orders_quantity_check/.test(body.error ?? ''), `El error no nombra la restricción: ${res.text}`);
      const after = (await ctx.request('orders', '/orders')).body as { orders: unknown[]; events: number };
      ctx.assert(after.orders.length === before.orders.length && after.events === before.events, `Quedaron filas: antes ${JSON.stringify(before)}, después ${JSON.stringify(after)}`);
    },
  },
  {
    name: 'Redis guarda una entrada con TTL',
    onStart: 'pass',
    async run(ctx) {
      const put = await ctx.request('orders', '/cache/menu', { method: 'PUT', body: { value: 'pizza,agua', ttlSeconds: 60 } });
      ctx.assert(put.status === 204, `PUT /cache/menu respondió ${put.status}`);
      const res = await ctx.request('orders', '/cache/menu');
      const body = res.body as { value: string | null; ttl: number };
      ctx.assert(body.value === 'pizza,agua' && body.ttl > 0 && body.ttl <= 60, `GET /cache/menu devolvió ${res.text}`);
      const missing = (await ctx.request('orders', '/cache/nada')).body as { value: string | null; ttl: number };
      ctx.assert(missing.value === null && missing.ttl === -2, `Una clave inexistente devolvió ${JSON.stringify(missing)}`);
    },
  },
  {
    name: 'un exchange que no existe da el error de amqplib (404 NOT_FOUND) y el servicio sigue respondiendo',
    onStart: 'pass',
    async run(ctx) {
      const res = await ctx.request('orders', '/audit', { method: 'POST' });
      const error = (res.body as { error?: string }).error ?? '';
      ctx.assert(res.status === 502, `POST /audit respondió ${res.status}`);
      ctx.assert(/^Operation failed: ExchangeDeclare; 404 \(NOT-FOUND\) with message "NOT_FOUND - no exchange 'foodly.audit' in vhost '[^']+'"$/.test(error), `Error inesperado: ${error}`);
      ctx.assert(ctx.logs('orders').some((line) => line.includes("no exchange 'foodly.audit'")), `orders no registró el error: ${ctx.logs('orders').join(' | ')}`);
      const still = await ctx.request('orders', '/orders');
      ctx.assert(still.status === 200, `orders dejó de responder: ${still.status}`);
    },
  },
  {
    name: 'un mensaje sin ack se entrega de nuevo (redelivered) cuando el consumidor muere',
    onStart: 'pass',
    async run(ctx) {
      const res = await ctx.request('orders', '/orders', { method: 'POST', body: { item: 'sin-ack', quantity: 1 } });
      ctx.assert(res.status === 201, `POST /orders respondió ${res.status}: ${res.text}`);
      const id = (res.body as { id: number }).id;
      const first = await waitForNotifications(ctx, (body) => body.received.some((event) => event.orderId === id));
      ctx.assert(first.received.some((event) => event.orderId === id && !event.redelivered), `No llegó el pedido ${id}: ${JSON.stringify(first)}`);
      await ctx.stop('notifications');
      await ctx.start('notifications');
      const again = await waitForNotifications(ctx, (body) => body.received.some((event) => event.orderId === id));
      ctx.assert(again.received.some((event) => event.orderId === id && event.redelivered), `Tras reiniciar notifications no se reentregó: ${JSON.stringify(again)}`);
    },
  },
  {
    name: 'los datos sobreviven al reinicio de un servicio',
    onStart: 'pass',
    async run(ctx) {
      const before = (await ctx.request('orders', '/orders')).body as { orders: { id: number }[] };
      await ctx.stop('orders');
      await ctx.start('orders');
      const res = await ctx.request('orders', '/orders');
      const after = res.body as { orders: { id: number }[] };
      ctx.assert(res.status === 200 && after.orders.length === before.orders.length && after.orders.length >= 2, `Antes ${JSON.stringify(before)}, después ${res.text}`);
      ctx.assert(!ctx.logs('orders').some((line) => line.startsWith('migración')), `Las migraciones se aplicaron otra vez: ${ctx.logs('orders').join(' | ')}`);
      const cached = (await ctx.request('orders', '/cache/menu')).body as { value: string | null };
      ctx.assert(cached.value === 'pizza,agua', `La caché se perdió: ${JSON.stringify(cached)}`);
    },
  },
];
export default checks;
