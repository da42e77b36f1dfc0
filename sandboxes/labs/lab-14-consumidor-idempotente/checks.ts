import type { Check, CheckContext } from '../../lib/checks-types.ts';

type SentEmail = { orderId?: string; to?: string; event?: { id?: string } };

async function placeOrder(ctx: CheckContext, customerEmail: string): Promise<string> {
  const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail, items: [{ productId: 'p-2', quantity: 1 }] } });
  ctx.assert(created.status === 201, `POST /orders debería responder 201 y respondió ${created.status}: ${created.text.slice(0, 200)}`);
  return (created.body as { id: string }).id;
}

async function emailsFor(ctx: CheckContext, orderId: string): Promise<SentEmail[]> {
  const response = await ctx.request('notifications', '/notifications');
  return ((response.body as { sent?: SentEmail[] }).sent ?? []).filter((email) => email.orderId === orderId);
}

/** Espera (hasta ~8 s) a que haya al menos un correo del pedido. */
async function waitForEmail(ctx: CheckContext, orderId: string): Promise<SentEmail[]> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const emails = await emailsFor(ctx, orderId);
    if (emails.length > 0) return emails;
    await ctx.sleep(200);
  }
  return [];
}

async function deadLetters(ctx: CheckContext): Promise<number> {
  const response = await ctx.request('notifications', '/dead-letters');
  ctx.assert(response.status === 200, `GET /dead-letters debería responder 200 y respondió ${response.status}`);
  return (response.body as { messages?: number }).messages ?? 0;
}

/** Espera (hasta ~8 s) a que la DLQ tenga más de `before` mensajes y una línea [dlq] que contenga `text`. */
async function waitForDeadLetter(ctx: CheckContext, before: number, text: string): Promise<{ count: number; line?: string }> {
  let count = before;
  let line: string | undefined;
  for (let attempt = 0; attempt < 40; attempt++) {
    count = await deadLetters(ctx);
    line = ctx.logs('notifications').find((entry) => entry.includes('[dlq]') && entry.includes(text));
    if (count > before && line) break;
    await ctx.sleep(200);
  }
  return { count, line };
}

export default [
  {
    name: 'Un pedido normal sigue enviando su correo',
    onStart: 'pass',
    run: async (ctx) => {
      const orderId = await placeOrder(ctx, 'eva@foodly.test');
      const emails = await waitForEmail(ctx, orderId);
      ctx.assert(emails.length === 1, `notifications debería haber enviado un correo del pedido ${orderId} y envió ${emails.length}`);
    },
  },
  {
    name: 'Un evento duplicado (mismo id) se reconoce y no envía un segundo correo',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await placeOrder(ctx, 'ana@foodly.test');
      const first = await waitForEmail(ctx, orderId);
      ctx.assert(first.length === 1, `El pedido ${orderId} debería tener su correo antes de duplicar el evento y tiene ${first.length}`);
      const republished = await ctx.request('orders', '/_simulate/messages/republish-last', { method: 'POST' });
      ctx.assert(republished.status === 202, `POST /_simulate/messages/republish-last debería responder 202 y respondió ${republished.status}`);
      const eventId = (republished.body as { republished?: string }).republished ?? '';
      let line: string | undefined;
      for (let attempt = 0; attempt < 20 && !line; attempt++) {
        await ctx.sleep(200);
        line = ctx.logs('notifications').find((entry) => entry.includes('[idempotencia]') && entry.includes(eventId));
      }
      const emails = await emailsFor(ctx, orderId);
      ctx.assert(emails.length === 1, `El evento ${eventId} llegó dos veces y notifications envió ${emails.length} correos del pedido: ¿reserva OrderPlacedNotifier el id con ProcessedMessages.claim antes de enviar?`);
      ctx.assert(line !== undefined, `El log de notifications debería decir "[idempotencia] ${eventId} ya procesado" al recibir el duplicado`);
    },
  },
  {
    name: 'Un fallo pasajero se reintenta con retraso (cola de espera con TTL) y el correo acaba saliendo',
    onStart: 'fail',
    run: async (ctx) => {
      const started = Date.now();
      const orderId = await placeOrder(ctx, 'luis@lento.test');
      const emails = await waitForEmail(ctx, orderId);
      const elapsed = Date.now() - started;
      ctx.assert(emails.length === 1, `El correo de luis@lento.test (falla 2 veces) debería acabar saliendo una vez y salió ${emails.length} veces`);
      const retries = ctx.logs('notifications').filter((entry) => entry.includes('[reintento]') && entry.includes(orderId));
      ctx.assert(retries.length === 2, `El log debería tener 2 líneas "[reintento] pedido ${orderId} …" (intentos 1 y 2) y tiene ${retries.length}`);
      // Dos esperas de RETRY_DELAY_MS (500 ms): sin la cola de espera, los tres intentos caben en ~300 ms.
      ctx.assert(elapsed >= 900, `El correo salió ${elapsed} ms después de crear el pedido: dos reintentos con 500 ms de espera tardan al menos 1 s. ¿Vuelve el mensaje por la cola de reintento con TTL, o lo reencola nack al instante?`);
    },
  },
  {
    name: 'Un mensaje venenoso va directo a la DLQ sin bloquear la cola',
    onStart: 'fail',
    run: async (ctx) => {
      const before = await deadLetters(ctx);
      const poisoned = await ctx.request('orders', '/_simulate/messages/poison', { method: 'POST' });
      ctx.assert(poisoned.status === 202, `POST /_simulate/messages/poison debería responder 202 y respondió ${poisoned.status}`);
      const id = (poisoned.body as { published?: string }).published ?? '';
      const { count, line } = await waitForDeadLetter(ctx, before, id);
      ctx.assert(count === before + 1, `La DLQ (GET /dead-letters) debería tener ${before + 1} mensaje(s) y tiene ${count}: ¿existe notifications.order-placed.dlq y le publicas el mensaje venenoso?`);
      ctx.assert(line !== undefined && line.includes('tras 1 intento'), `El log debería decir "[dlq] ${id} → … tras 1 intento(s): mensaje venenoso …": un mensaje que no se puede leer no se reintenta`);
      const orderId = await placeOrder(ctx, 'marta@foodly.test');
      ctx.assert((await waitForEmail(ctx, orderId)).length === 1, 'Después del mensaje venenoso, un pedido normal debería seguir recibiendo su correo');
    },
  },
  {
    name: 'Un mensaje que falla siempre acaba en la DLQ tras MAX_ATTEMPTS intentos',
    onStart: 'fail',
    run: async (ctx) => {
      const before = await deadLetters(ctx);
      const orderId = await placeOrder(ctx, 'pablo@caido.test');
      const { count, line } = await waitForDeadLetter(ctx, before, '3 intento');
      ctx.assert(count === before + 1, `El mensaje del pedido ${orderId} (su correo falla siempre) debería acabar en la DLQ tras 3 intentos; la DLQ tiene ${count} y tenía ${before}`);
      ctx.assert(line !== undefined, 'El log debería decir "[dlq] … tras 3 intento(s): 451 …"');
      const emails = await emailsFor(ctx, orderId);
      ctx.assert(emails.length === 0, `Un correo que nunca salió no puede figurar como enviado (${emails.length})`);
    },
  },
] satisfies Check[];
