import type { Check, CheckContext, CheckSocket } from '../../lib/checks-types.ts';

const ANA = 'ana@foodly.test';
const FOODLY = { origin: 'https://foodly.example' };
type Frame = { type?: string; publishedBy?: string; deliveredBy?: string; event?: { name?: string; orderId?: string } };

async function createOrder(ctx: CheckContext): Promise<string> {
  const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: ANA, items: [{ productId: 'p-2', quantity: 1 }] } });
  ctx.assert(created.status === 201, `POST /orders debería crear el pedido (201) y respondió ${created.status}: ${created.text.slice(0, 200)}`);
  return (created.body as { id: string }).id;
}

async function ticketFrom(ctx: CheckContext, replica: string, orderId: string): Promise<string> {
  const response = await ctx.request(replica, `/orders/${orderId}/tickets`, { method: 'POST', body: { customerEmail: ANA } });
  ctx.assert(response.status === 201, `POST /orders/:id/tickets en ${replica} debería emitir un ticket (201) y respondió ${response.status}: ${response.text.slice(0, 200)}`);
  return (response.body as { ticket: string }).ticket;
}

async function nextOfType(socket: CheckSocket, type: string, timeoutMs = 2000): Promise<Frame | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = await socket.nextMessage(deadline - Date.now());
    if (text === undefined) return undefined;
    try {
      const frame = JSON.parse(text) as Frame;
      if (frame?.type === type) return frame;
    } catch {
      // no es el frame que buscamos
    }
  }
  return undefined;
}

/** Abre el canal del pedido en una réplica con un ticket (de esa u otra réplica). */
async function connect(ctx: CheckContext, replica: string, orderId: string, ticket: string): Promise<CheckSocket> {
  return ctx.websocket(replica, `/orders/${orderId}/live?ticket=${ticket}`, { headers: FOODLY });
}

export default [
  {
    name: 'Un cliente de la réplica que recibe el aviso (tracking-2) ve la cancelación',
    onStart: 'pass',
    run: async (ctx) => {
      const orderId = await createOrder(ctx);
      const socket = await connect(ctx, 'tracking-2', orderId, await ticketFrom(ctx, 'tracking-2', orderId));
      ctx.assert(await nextOfType(socket, 'welcome'), 'El canal de tracking-2 debería abrirse y dar la bienvenida con un ticket de tracking-2.');
      await ctx.request('orders', `/orders/${orderId}/cancel`, { method: 'POST' });
      const frame = await nextOfType(socket, 'order-event', 3000);
      socket.close();
      ctx.assert(frame?.event?.name === 'order.cancelled', `Tras cancelar, el cliente de tracking-2 debería recibir order.cancelled y recibió ${JSON.stringify(frame)}`);
    },
  },
  {
    name: 'Un cliente conectado a tracking-1 recibe el evento que llegó a tracking-2 (Pub/Sub de Redis)',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await createOrder(ctx);
      const socket = await connect(ctx, 'tracking-1', orderId, await ticketFrom(ctx, 'tracking-1', orderId));
      ctx.assert(await nextOfType(socket, 'welcome'), 'El canal de tracking-1 debería abrirse y dar la bienvenida con un ticket de tracking-1.');
      await ctx.request('orders', `/orders/${orderId}/cancel`, { method: 'POST' });
      const frame = await nextOfType(socket, 'order-event', 3000);
      socket.close();
      ctx.assert(frame !== undefined, 'orders-service avisó a tracking-2 y al cliente de tracking-1 no le llegó nada en 3 s: publica el evento en Redis y que cada réplica se suscriba (pasos 3 y 5).');
      ctx.assert(
        frame?.publishedBy === 'tracking-2' && frame.deliveredBy === 'tracking-1',
        `El evento debería decir publishedBy "tracking-2" y deliveredBy "tracking-1", y dice ${JSON.stringify({ publishedBy: frame?.publishedBy, deliveredBy: frame?.deliveredBy })}.`,
      );
    },
  },
  {
    name: 'Un ticket pedido a tracking-1 abre el canal en tracking-2 (tickets en Redis)',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await createOrder(ctx);
      const socket = await connect(ctx, 'tracking-2', orderId, await ticketFrom(ctx, 'tracking-1', orderId));
      const welcome = await nextOfType(socket, 'welcome');
      const closed = await socket.closed(0);
      socket.close();
      ctx.assert(welcome !== undefined, `Con un ticket de tracking-1, tracking-2 ${closed ? `cerró con ${closed.code} (${closed.reason})` : 'no dio la bienvenida'}: guarda los tickets en Redis para que cualquier réplica pueda canjearlos (paso 4).`);
    },
  },
  {
    name: 'Un ticket sigue siendo de un solo uso aunque se pruebe en las dos réplicas',
    onStart: 'pass',
    run: async (ctx) => {
      const orderId = await createOrder(ctx);
      const ticket = await ticketFrom(ctx, 'tracking-1', orderId);
      const first = await connect(ctx, 'tracking-1', orderId, ticket);
      const second = await connect(ctx, 'tracking-2', orderId, ticket);
      const reused = await second.closed(2000);
      first.close();
      second.close();
      ctx.assert(first.opened, 'El primer uso del ticket debería abrir el canal.');
      ctx.assert(reused?.code === 1008, `El mismo ticket en la otra réplica debería cerrar con 1008 y ${reused ? `cerró con ${reused.code}` : 'siguió abierto'}: canjéalo con GETDEL, que lee y borra a la vez.`);
    },
  },
] satisfies Check[];
