import type { Check, CheckContext } from '../../lib/checks-types.ts';

type SentEmail = { orderId?: string; to?: string; total?: number; event?: Record<string, unknown> };

async function placeOrder(ctx: CheckContext, customerEmail: string): Promise<string> {
  const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail, items: [{ productId: 'p-2', quantity: 2 }] } });
  ctx.assert(created.status === 201, `POST /orders debería responder 201 y respondió ${created.status}: ${created.text.slice(0, 200)}`);
  return (created.body as { id: string }).id;
}

/** Espera (hasta ~6 s) a que notifications haya enviado el correo del pedido; undefined si no llega. */
async function emailFor(ctx: CheckContext, orderId: string): Promise<SentEmail | undefined> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const response = await ctx.request('notifications', '/notifications');
    const sent = (response.body as { sent?: SentEmail[] }).sent ?? [];
    const email = sent.find((candidate) => candidate.orderId === orderId);
    if (email) return email;
    await ctx.sleep(200);
  }
  return undefined;
}

function hintFromOrdersLog(ctx: CheckContext): string {
  const log = ctx.logs('orders').join('\n');
  if (/sin broker/.test(log)) return ' orders sigue usando ConsoleEventPublisher: ¿elige app.ts RabbitMqEventPublisher cuando hay AMQP_URL?';
  if (/nadie recibió/.test(log)) return ' El broker devolvió el mensaje: ninguna cola está enlazada a foodly.events con la clave order.placed (¿falta bindQueue en notifications?).';
  return ' Mira el log de orders y de notifications.';
}

export default [
  {
    name: 'Crear un pedido sigue respondiendo 201 y notifications está en marcha',
    onStart: 'pass',
    run: async (ctx) => {
      await placeOrder(ctx, 'eva@foodly.test');
      const response = await ctx.request('notifications', '/notifications');
      ctx.assert(response.status === 200, `GET /notifications debería responder 200 y respondió ${response.status}`);
    },
  },
  {
    name: 'Un pedido nuevo llega a notifications, que envía el correo',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await placeOrder(ctx, 'ana@foodly.test');
      const email = await emailFor(ctx, orderId);
      ctx.assert(email !== undefined, `notifications no envió el correo del pedido ${orderId} en 6 s.${hintFromOrdersLog(ctx)}`);
      ctx.assert(email.to === 'ana@foodly.test' && email.total === 22, `El correo debería ir a ana@foodly.test con total 22 y es ${JSON.stringify({ to: email.to, total: email.total })}`);
      let line: string | undefined;
      for (let attempt = 0; attempt < 10 && !line; attempt++) {
        line = ctx.logs('notifications').find((text) => text.includes('[email] Para: ana@foodly.test') && text.includes(orderId));
        if (!line) await ctx.sleep(200);
      }
      ctx.assert(line !== undefined, `El log de notifications debería tener la línea "[email] Para: ana@foodly.test …" del pedido ${orderId}`);
    },
  },
  {
    name: 'El evento viaja en un sobre CloudEvents 1.0',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await placeOrder(ctx, 'luis@foodly.test');
      const email = await emailFor(ctx, orderId);
      ctx.assert(email?.event !== undefined, `notifications no recibió el pedido ${orderId}.${hintFromOrdersLog(ctx)}`);
      const event = email.event;
      const expected: Record<string, unknown> = { specversion: '1.0', source: '/foodly/orders-service', type: 'com.foodly.order.placed', datacontenttype: 'application/json' };
      for (const [attribute, value] of Object.entries(expected)) {
        ctx.assert(event[attribute] === value, `El atributo ${attribute} del sobre debería ser ${JSON.stringify(value)} y es ${JSON.stringify(event[attribute])}`);
      }
      ctx.assert(typeof event.id === 'string' && event.id.length > 0, 'El sobre necesita un id único (el del evento de dominio): con él el consumidor reconoce duplicados');
      ctx.assert(typeof event.time === 'string' && !Number.isNaN(Date.parse(event.time)), `time debería ser una fecha ISO 8601 y es ${JSON.stringify(event.time)}`);
    },
  },
  {
    name: 'Un pedido creado con notifications parado espera en su cola y llega al volver',
    onStart: 'fail',
    run: async (ctx) => {
      await ctx.stop('notifications');
      let orderId = '';
      try {
        orderId = await placeOrder(ctx, 'marta@foodly.test');
      } finally {
        await ctx.start('notifications');
      }
      const email = await emailFor(ctx, orderId);
      ctx.assert(
        email !== undefined,
        `El pedido ${orderId} se creó con notifications parado y no llegó al volver. La cola debe ser durable y estar enlazada al exchange (bindQueue) antes de que orders publique: un exchange no guarda mensajes.${hintFromOrdersLog(ctx)}`,
      );
    },
  },
] satisfies Check[];
