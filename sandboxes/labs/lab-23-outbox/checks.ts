import type { Check, CheckContext } from '../../lib/checks-types.ts';

type SentEmail = { orderId?: string; event?: { id?: string } };

async function placeOrder(ctx: CheckContext): Promise<string> {
  const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-2', quantity: 1 }] } });
  ctx.assert(created.status === 201, `POST /orders debería responder 201 y respondió ${created.status}: ${created.text.slice(0, 200)}`);
  return (created.body as { id: string }).id;
}

async function failNextPublishes(ctx: CheckContext, count: number): Promise<void> {
  const chaos = await ctx.request('orders', '/_chaos', { method: 'POST', body: { failNextPublishes: count } });
  ctx.assert(chaos.status === 200, `POST /_chaos debería responder 200 y respondió ${chaos.status}: ${chaos.text.slice(0, 200)}`);
}

/** Espera (hasta ~8 s) los correos de un pedido. */
async function waitForEmails(ctx: CheckContext, orderId: string): Promise<SentEmail[]> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const response = await ctx.request('notifications', '/notifications');
    const emails = ((response.body as { sent?: SentEmail[] }).sent ?? []).filter((email) => email.orderId === orderId);
    if (emails.length > 0) return emails;
    await ctx.sleep(200);
  }
  return [];
}

/** Espera a que orders vuelva a responder tras un reinicio. */
async function waitForOrders(ctx: CheckContext): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const ping = await ctx.request('orders', '/ping').catch(() => undefined);
    if (ping?.status === 200) return;
    await ctx.sleep(100);
  }
}

export default [
  {
    name: 'Un pedido llega a notifications: sale el correo de confirmación',
    onStart: 'pass',
    run: async (ctx) => {
      const orderId = await placeOrder(ctx);
      const emails = await waitForEmails(ctx, orderId);
      ctx.assert(emails.length === 1, `notifications debería haber enviado un correo del pedido ${orderId} y ha enviado ${emails.length}`);
    },
  },
  {
    name: 'Si la publicación falla justo después del COMMIT, el evento no se pierde: el relay lo reintenta',
    onStart: 'fail',
    run: async (ctx) => {
      await failNextPublishes(ctx, 1);
      const orderId = await placeOrder(ctx);
      const emails = await waitForEmails(ctx, orderId);
      ctx.assert(
        emails.length === 1,
        `El pedido ${orderId} está guardado, pero su OrderPlaced no llegó a notifications (${emails.length} correos en 8 s): se publicó después del COMMIT, falló y nadie lo reintentó. Guárdalo en la tabla outbox en la misma transacción y deja que el relay lo publique.`,
      );
    },
  },
  {
    name: 'Un pedido guardado antes de que orders se reinicie se publica al volver',
    onStart: 'fail',
    run: async (ctx) => {
      await failNextPublishes(ctx, 1000);
      const orderId = await placeOrder(ctx);
      await ctx.stop('orders');
      await ctx.start('orders');
      await waitForOrders(ctx);
      const emails = await waitForEmails(ctx, orderId);
      ctx.assert(
        emails.length === 1,
        `Tras reiniciar orders, el OrderPlaced del pedido ${orderId} debería salir de la tabla outbox y llegar a notifications; llegaron ${emails.length} correos. ¿Arranca el relay al arrancar el servicio?`,
      );
    },
  },
  {
    name: 'El relay publica cada evento una sola vez (lo marca como enviado)',
    onStart: 'pass',
    run: async (ctx) => {
      const orderId = await placeOrder(ctx);
      const [email] = await waitForEmails(ctx, orderId);
      ctx.assert(email?.event?.id !== undefined, `notifications no recibió el OrderPlaced del pedido ${orderId}`);
      // Unas cuantas vueltas del relay: una fila sin sent_at se publicaría en cada una.
      await ctx.sleep(1000);
      const published = ctx.logs('orders').filter((line) => line.includes('[rabbitmq] publicado') && line.includes(email?.event?.id ?? '?'));
      ctx.assert(published.length === 1, `El evento ${email?.event?.id} se publicó ${published.length} veces: ¿marca el relay sent_at después de publicar?`);
    },
  },
] satisfies Check[];
