import type { Check, CheckContext, CheckSocket } from '../../lib/checks-types.ts';

const ANA = 'ana@foodly.test';
const LUIS = 'luis@foodly.test';
/** Un origen de ALLOWED_ORIGINS (lab.yaml): la web de Foodly. */
const FOODLY = { origin: 'https://foodly.example' };
type Frame = { type?: string; code?: string; orderId?: string; event?: { name?: string; orderId?: string } };

async function createOrder(ctx: CheckContext, customerEmail: string): Promise<string> {
  const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail, items: [{ productId: 'p-2', quantity: 1 }] } });
  ctx.assert(created.status === 201, `POST /orders debería crear el pedido (201) y respondió ${created.status}: ${created.text.slice(0, 200)}`);
  return (created.body as { id: string }).id;
}

async function ticketFor(ctx: CheckContext, orderId: string, customerEmail: string): Promise<string> {
  const response = await ctx.request('tracking', `/orders/${orderId}/tickets`, { method: 'POST', body: { customerEmail } });
  ctx.assert(response.status === 201, `POST /orders/:id/tickets en tracking debería emitir un ticket (201) al dueño del pedido y respondió ${response.status}. Es el paso 4.`);
  const ticket = (response.body as { ticket?: unknown }).ticket;
  ctx.assert(typeof ticket === 'string' && ticket.length >= 16, `La respuesta debería ser {"ticket": "…"} con una cadena aleatoria larga, y es ${response.text.slice(0, 200)}`);
  return ticket as string;
}

/** El siguiente frame JSON del tipo pedido, saltando los demás; undefined si no llega a tiempo. */
async function nextOfType(socket: CheckSocket, type: string, timeoutMs = 2000): Promise<Frame | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = await socket.nextMessage(deadline - Date.now());
    if (text === undefined) return undefined;
    try {
      const frame = JSON.parse(text) as Frame;
      if (frame?.type === type) return frame;
    } catch {
      // un frame que no es JSON no es el que buscamos
    }
  }
  return undefined;
}

/**
 * La URL del canal con un ticket; sin él mientras POST /orders/:id/tickets no exista (404), para que cada
 * check falle por lo suyo (la fuga entre salas, el Origin, los frames…) y no todos por el ticket.
 */
async function livePath(ctx: CheckContext, orderId: string, customerEmail: string): Promise<string> {
  const probe = await ctx.request('tracking', `/orders/${orderId}/tickets`, { method: 'POST', body: { customerEmail } });
  if (probe.status === 404 && (probe.body as { code?: string }).code !== 'ORDER_NOT_FOUND') return `/orders/${orderId}/live`;
  ctx.assert(probe.status === 201, `POST /orders/:id/tickets debería emitir un ticket (201) al dueño del pedido y respondió ${probe.status}.`);
  return `/orders/${orderId}/live?ticket=${(probe.body as { ticket: string }).ticket}`;
}

/** Abre el canal del pedido desde la web de Foodly (con ticket si ya existen) y espera la bienvenida. */
async function follow(ctx: CheckContext, orderId: string, customerEmail: string): Promise<CheckSocket> {
  const socket = await ctx.websocket('tracking', await livePath(ctx, orderId, customerEmail), { headers: FOODLY });
  ctx.assert(socket.opened, 'Con un ticket recién emitido y Origin https://foodly.example, el canal debería abrirse.');
  const welcome = await nextOfType(socket, 'welcome');
  const closed = await socket.closed(0);
  ctx.assert(welcome !== undefined, closed ? `Con un ticket válido el canal se cerró (${closed.code} ${closed.reason}): ¿canjea redeem el ticket del pedido correcto?` : 'Al abrir el canal debería llegar {"type":"welcome"}.');
  return socket;
}

export default [
  {
    name: 'POST /internal/order-events rechaza un evento mal formado con 422',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('tracking', '/internal/order-events', { method: 'POST', body: { name: 'order.created' } });
      ctx.assert(response.status === 422, `Un evento sin eventId, orderId ni occurredAt debería responder 422 y respondió ${response.status}`);
    },
  },
  {
    name: 'Sin ticket, el canal se cierra con 1008 (violación de política)',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await createOrder(ctx, ANA);
      const socket = await ctx.websocket('tracking', `/orders/${orderId}/live`, { headers: FOODLY });
      const closed = await socket.closed(2000);
      socket.close();
      ctx.assert(closed !== undefined, 'Una conexión sin ticket sigue abierta: cualquiera puede seguir cualquier pedido. Canjea el ticket en upgradeWebSocket (paso 5).');
      ctx.assert(closed?.code === 1008, `Sin ticket, el canal debería cerrarse con 1008 y un motivo (así el cliente sabe que debe pedir otro); se cerró con ${closed?.code}.`);
    },
  },
  {
    name: 'Solo el dueño del pedido obtiene un ticket (403 a otro cliente, 404 sin pedido)',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await createOrder(ctx, ANA);
      await ticketFor(ctx, orderId, ANA);
      const foreign = await ctx.request('tracking', `/orders/${orderId}/tickets`, { method: 'POST', body: { customerEmail: LUIS } });
      ctx.assert(foreign.status === 403, `Luis pide un ticket para el pedido de Ana: debería responder 403 y respondió ${foreign.status}`);
      const missing = await ctx.request('tracking', '/orders/no-existe/tickets', { method: 'POST', body: { customerEmail: ANA } });
      ctx.assert(missing.status === 404, `Un ticket para un pedido que no existe debería responder 404 y respondió ${missing.status}`);
    },
  },
  {
    name: 'Quien sigue su pedido recibe su cancelación en directo',
    onStart: 'pass',
    run: async (ctx) => {
      const orderId = await createOrder(ctx, ANA);
      const socket = await follow(ctx, orderId, ANA);
      await ctx.request('orders', `/orders/${orderId}/cancel`, { method: 'POST' });
      const frame = await nextOfType(socket, 'order-event', 3000);
      socket.close();
      ctx.assert(frame?.event?.name === 'order.cancelled' && frame.event.orderId === orderId, `Tras cancelar el pedido debería llegar {"type":"order-event","event":{"name":"order.cancelled",…}} y llegó ${JSON.stringify(frame)}`);
    },
  },
  {
    name: 'Una sala por pedido: quien sigue otro pedido no recibe nada',
    onStart: 'fail',
    run: async (ctx) => {
      const anaOrder = await createOrder(ctx, ANA);
      const luisOrder = await createOrder(ctx, LUIS);
      const ana = await follow(ctx, anaOrder, ANA);
      const luis = await follow(ctx, luisOrder, LUIS);
      await ctx.request('orders', `/orders/${anaOrder}/cancel`, { method: 'POST' });
      const toAna = await nextOfType(ana, 'order-event', 3000);
      const toLuis = await nextOfType(luis, 'order-event', 800);
      ana.close();
      luis.close();
      ctx.assert(toAna !== undefined, 'La cancelación del pedido de Ana no llegó a su propia conexión.');
      ctx.assert(toLuis === undefined, `La conexión de Luis recibió un evento del pedido de Ana (${JSON.stringify(toLuis?.event)}): broadcast debe mandar solo a la sala del pedido (paso 3).`);
    },
  },
  {
    name: 'Un ticket sirve una sola vez y solo para su pedido',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await createOrder(ctx, ANA);
      const otherId = await createOrder(ctx, ANA);
      const ticket = await ticketFor(ctx, orderId, ANA);
      const first = await ctx.websocket('tracking', `/orders/${orderId}/live?ticket=${ticket}`, { headers: FOODLY });
      const second = await ctx.websocket('tracking', `/orders/${orderId}/live?ticket=${ticket}`, { headers: FOODLY });
      const reused = await second.closed(2000);
      first.close();
      second.close();
      ctx.assert(first.opened && (await first.closed(0)) === undefined, 'El primer uso de un ticket válido debería abrir el canal y dejarlo abierto.');
      ctx.assert(reused?.code === 1008, `El mismo ticket por segunda vez debería cerrar con 1008 y ${reused ? `cerró con ${reused.code}` : 'la conexión siguió abierta'}: bórralo al canjearlo.`);
      const stray = await ctx.websocket('tracking', `/orders/${otherId}/live?ticket=${await ticketFor(ctx, orderId, ANA)}`, { headers: FOODLY });
      const strayClosed = await stray.closed(2000);
      stray.close();
      ctx.assert(strayClosed?.code === 1008, 'Un ticket de un pedido no debe abrir el canal de otro pedido (1008).');
    },
  },
  {
    name: 'Una página de otro origen no puede abrir el canal (Origin comprobado en el handshake)',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await createOrder(ctx, ANA);
      const socket = await ctx.websocket('tracking', await livePath(ctx, orderId, ANA), { headers: { origin: 'https://evil.example' } });
      socket.close();
      ctx.assert(!socket.opened, 'Con Origin https://evil.example el handshake se aceptó: responde 403 antes de upgradeWebSocket si Origin no está en ALLOWED_ORIGINS.');
    },
  },
  {
    name: 'Un frame que no es JSON o no encaja recibe un frame de error y la conexión sigue viva',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await createOrder(ctx, ANA);
      const socket = await follow(ctx, orderId, ANA);
      socket.send('hola');
      const notJson = await nextOfType(socket, 'error');
      socket.send('{"type":"subscribe","orderId":"otro"}');
      const unknown = await nextOfType(socket, 'error');
      socket.send('{"type":"ping"}');
      const pong = await nextOfType(socket, 'pong');
      socket.close();
      ctx.assert(notJson?.code === 'INVALID_JSON', `"hola" debería recibir {"type":"error","code":"INVALID_JSON"} y recibió ${JSON.stringify(notJson)}`);
      ctx.assert(unknown?.code === 'INVALID_MESSAGE', `Un mensaje desconocido debería recibir {"type":"error","code":"INVALID_MESSAGE"} y recibió ${JSON.stringify(unknown)}`);
      ctx.assert(pong !== undefined, 'Después de los errores, {"type":"ping"} debería recibir {"type":"pong"}: la conexión tiene que seguir viva.');
    },
  },
  {
    name: 'Latido: una conexión que calla más de HEARTBEAT_TIMEOUT_MS se cierra con 4408',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await createOrder(ctx, ANA);
      const socket = await follow(ctx, orderId, ANA);
      socket.send('{"type":"ping"}');
      ctx.assert((await nextOfType(socket, 'pong')) !== undefined, '{"type":"ping"} debería recibir {"type":"pong"}.');
      // HEARTBEAT_TIMEOUT_MS es 8000 en lab.yaml: sin más mensajes, el servidor debe cerrar antes de 11 s.
      const closed = await socket.closed(11_000);
      socket.close();
      ctx.assert(closed?.code === 4408, closed ? `La conexión callada se cerró con ${closed.code}; debería ser 4408.` : 'Tras 11 s sin mensajes del cliente la conexión sigue abierta: arma un temporizador en cada mensaje y cierra con 4408 al vencer.');
    },
  },
] satisfies Check[];
