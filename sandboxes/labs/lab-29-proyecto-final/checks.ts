import type { Check, CheckContext, CheckSocket } from '../../lib/checks-types.ts';

type Frame = { type?: string; orderId?: string; correlationId?: string; message?: string };
type Session = { email: string; token: string; auth: Record<string, string> };

/** Un cliente nuevo en cada comprobación: registrar dos veces el mismo email daría 409. */
async function signUp(ctx: CheckContext, name: string): Promise<Session> {
  const email = `${name}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@foodly.test`;
  const registered = await ctx.request('gateway', '/auth/register', { method: 'POST', body: { email, password: 'secreta123', name } });
  ctx.assert(registered.status === 201, `POST /auth/register por el gateway debería registrar (201) y respondió ${registered.status}: ${registered.text.slice(0, 200)}. ¿Llega /auth/* a auth-service sin el prefijo?`);
  const login = await ctx.request('gateway', '/auth/login', { method: 'POST', body: { email, password: 'secreta123' } });
  const token = (login.body as { access_token?: unknown }).access_token;
  ctx.assert(login.status === 200 && typeof token === 'string', `POST /auth/login por el gateway debería dar un access_token (200) y respondió ${login.status}: ${login.text.slice(0, 200)}`);
  return { email, token: token as string, auth: { authorization: `Bearer ${token as string}` } };
}

/**
 * Un pedido por el gateway. Cada pedido aparta stock de verdad (la saga): por defecto una botella de agua
 * (p-5, 100 unidades), para que comprobar muchas veces seguidas no deje el catálogo sin existencias.
 */
async function placeOrder(ctx: CheckContext, session: Session, item = { productId: 'p-5', quantity: 1 }): Promise<{ id: string; total: number; status: string }> {
  const created = await ctx.request('gateway', '/orders', { method: 'POST', headers: session.auth, body: { customerEmail: session.email, items: [item] } });
  ctx.assert(created.status === 201, `POST /orders con token por el gateway debería crear el pedido (201) y respondió ${created.status}: ${created.text.slice(0, 200)}`);
  return created.body as { id: string; total: number; status: string };
}

/** El pedido según orders (GET /orders/{id} por el gateway), esperando a que la saga salga de stock_reserved. */
async function settledOrder(ctx: CheckContext, session: Session, orderId: string): Promise<{ status?: string; cancellationReason?: string }> {
  let order: { status?: string; cancellationReason?: string } = {};
  // orders se entera del cobro (o del rechazo) por RabbitMQ: llega poco después de la respuesta del pago.
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const found = await ctx.request('gateway', `/orders/${encodeURIComponent(orderId)}`, { headers: session.auth });
    order = found.body as typeof order;
    if (order.status !== 'stock_reserved' && order.status !== 'pending') return order;
    await ctx.sleep(100);
  }
  return order;
}

/** La fila del pedido en «mis pedidos» (el modelo de lectura), esperando a que la proyección llegue a `status`. */
async function historyEntry(ctx: CheckContext, session: Session, orderId: string, status: string): Promise<{ response: { status: number; text: string }; entry?: { orderId: string; status: string } }> {
  let result: { response: { status: number; text: string }; entry?: { orderId: string; status: string } } = { response: { status: 0, text: '' } };
  // Consistencia eventual (CQRS): la proyección se actualiza justo después de guardar el pedido.
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const response = await ctx.request('gateway', `/customers/${encodeURIComponent(session.email)}/orders`, { headers: session.auth });
    const entry = ((response.body as { orders?: Array<{ orderId: string; status: string }> }).orders ?? []).find((row) => row.orderId === orderId);
    result = { response, entry };
    if (entry?.status === status) return result;
    await ctx.sleep(100);
  }
  return result;
}

/** Unidades en el catálogo (GET /products/{id} por el gateway, público). */
async function stockOf(ctx: CheckContext, productId: string): Promise<number | undefined> {
  const product = await ctx.request('gateway', `/products/${productId}`);
  return (product.body as { stock?: number }).stock;
}

/** El siguiente frame JSON del tipo pedido, saltando los demás; undefined si no llega a tiempo. */
async function nextOfType(socket: CheckSocket, type: string, timeoutMs: number): Promise<Frame | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = await socket.nextMessage(deadline - Date.now());
    if (text === undefined) return undefined;
    try {
      const frame = JSON.parse(text) as Frame;
      if (frame?.type === type) return frame;
    } catch {
      // 'pong' y otros frames que no son JSON no son el que buscamos
    }
  }
  return undefined;
}

/** Los claims de un JWT (solo leerlos: el payload va en base64url, sin cifrar). */
function claimsOf(token: string): { role?: unknown } {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '='))) as { role?: unknown };
  } catch {
    return {};
  }
}

/** El administrador de lab.yaml (ADMIN_EMAIL y ADMIN_PASSWORD de auth): no se registra, existe desde el arranque. */
const ADMIN = { email: 'admin@foodly.test', password: 'admin-del-proyecto-final' };

/** Un token con la firma de otro: cambia un carácter del centro de la firma (el último puede no cambiar los bits). */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const middle = Math.floor(signature!.length / 2);
  const swapped = signature![middle] === 'A' ? 'B' : 'A';
  return `${header}.${payload}.${signature!.slice(0, middle)}${swapped}${signature!.slice(middle + 1)}`;
}

export default [
  {
    name: 'Los seis servicios responden y el gateway reenvía el catálogo sin token',
    onStart: 'pass',
    run: async (ctx) => {
      for (const service of ['gateway', 'auth', 'products', 'orders', 'notifications', 'payments']) {
        const ping = await ctx.request(service, '/ping');
        ctx.assert(ping.status === 200, `GET /ping de ${service} debería responder 200 y respondió ${ping.status}: mira su log.`);
      }
      const catalogue = await ctx.request('gateway', '/products');
      ctx.assert(catalogue.status === 200 && Array.isArray((catalogue.body as { items?: unknown }).items), `GET /products por el gateway (público) debería dar el catálogo y respondió ${catalogue.status}.`);
      ctx.assert(catalogue.headers['ratelimit-limit'] !== undefined, 'Las respuestas del gateway deberían llevar RateLimit-Limit y RateLimit-Remaining: el límite por cliente está delante de cada ruta.');
    },
  },
  {
    name: 'El gateway verifica el JWT en el borde: sin token o con la firma cambiada, 401 antes de llegar a orders',
    onStart: 'fail',
    run: async (ctx) => {
      const anonymous = await ctx.request('gateway', '/orders');
      ctx.assert(anonymous.status === 401, `GET /orders sin token por el gateway debería responder 401 y respondió ${anonymous.status}: orders-service no comprueba nada, el gateway es la puerta (TODO 1).`);
      ctx.assert((anonymous.headers['www-authenticate'] ?? '').startsWith('Bearer'), 'El 401 debería llevar WWW-Authenticate: Bearer …, que dice al cliente cómo autenticarse (RFC 6750).');
      const session = await signUp(ctx, 'eva');
      const forged = await ctx.request('gateway', '/orders', { headers: { authorization: `Bearer ${tamper(session.token)}` } });
      ctx.assert(forged.status === 401, `Con la firma del token cambiada, el gateway debería responder 401 y respondió ${forged.status}: verifica la firma HS256 con JWT_SECRET.`);
      const genuine = await ctx.request('gateway', '/orders', { headers: session.auth });
      ctx.assert(genuine.status === 200, `Con el token de POST /auth/login, GET /orders debería responder 200 y respondió ${genuine.status}: ¿es JWT_SECRET el mismo que el de auth-service?`);
    },
  },
  {
    name: 'Solo un administrador cambia el catálogo: sin token 401, con el de un cliente 403, con el del administrador 200',
    onStart: 'fail',
    run: async (ctx) => {
      const stock = await stockOf(ctx, 'p-5');
      ctx.assert(stock !== undefined, 'GET /products/p-5 por el gateway debería dar el producto con su stock.');
      // Cada escritura deja p-5 como estaba: las demás comprobaciones piden agua.
      const patch = (headers: Record<string, string>) => ctx.request('gateway', '/products/p-5', { method: 'PATCH', headers, body: { stock } });
      const anonymous = await patch({});
      ctx.assert(anonymous.status === 401, `PATCH /products/p-5 sin token por el gateway debería responder 401 y respondió ${anonymous.status}: escribir en el catálogo pide token (TODO 1).`);
      const session = await signUp(ctx, 'ada');
      ctx.assert(claimsOf(session.token).role === 'customer', `El token de un alta (POST /auth/register) debería llevar role "customer" y lleva ${JSON.stringify(claimsOf(session.token).role)}.`);
      const customer = await patch(session.auth);
      ctx.assert(customer.status === 403, `PATCH /products/p-5 con el token de un cliente debería responder 403 y respondió ${customer.status}: el token es válido, pero no es de rol "admin" (requireRole, TODO 1).`);
      const body = customer.body as { status?: unknown; detail?: unknown };
      ctx.assert((customer.headers['content-type'] ?? '').startsWith('application/problem+json') && body.status === 403 && typeof body.detail === 'string', `El 403 debería ser application/problem+json con status 403 y un detail que diga qué rol falta; llegó ${customer.headers['content-type']}: ${customer.text.slice(0, 200)}`);
      for (const [method, path] of [['POST', '/products'], ['DELETE', '/products/p-5']] as const) {
        const write = await ctx.request('gateway', path, { method, headers: session.auth, ...(method === 'POST' ? { body: { name: 'Intrusa', category: 'bebidas', price: 1, stock: 1 } } : {}) });
        ctx.assert(write.status === 403, `${method} ${path} con el token de un cliente debería responder 403 y respondió ${write.status}: todas las escrituras del catálogo piden el rol admin.`);
      }
      // Registrarse con el email del administrador, o pidiendo el rol, no da un administrador.
      const taken = await ctx.request('gateway', '/auth/register', { method: 'POST', body: { email: ADMIN.email, password: 'otra-secreta-123', name: 'Impostora' } });
      ctx.assert(taken.status === 409, `POST /auth/register con ${ADMIN.email} debería responder 409 (la cuenta existe desde el arranque) y respondió ${taken.status}.`);
      const email = `eve.${Date.now()}@foodly.test`;
      await ctx.request('gateway', '/auth/register', { method: 'POST', body: { email, password: 'secreta123', name: 'Eve', role: 'admin' } });
      const eve = await ctx.request('gateway', '/auth/login', { method: 'POST', body: { email, password: 'secreta123' } });
      const eveRole = claimsOf(String((eve.body as { access_token?: unknown }).access_token ?? '')).role;
      ctx.assert(eve.status === 200 && eveRole === 'customer', `Un alta con "role": "admin" en el cuerpo debería quedar de cliente (role "customer") y su token dice ${JSON.stringify(eveRole)}: el rol no lo elige el cliente.`);
      const login = await ctx.request('gateway', '/auth/login', { method: 'POST', body: ADMIN });
      const adminToken = (login.body as { access_token?: unknown }).access_token;
      ctx.assert(login.status === 200 && typeof adminToken === 'string', `POST /auth/login de ${ADMIN.email} debería dar un access_token (200) y respondió ${login.status}: auth-service crea el administrador al arrancar (ADMIN_EMAIL, ADMIN_PASSWORD).`);
      ctx.assert(claimsOf(adminToken as string).role === 'admin', `El token del administrador debería llevar role "admin" y lleva ${JSON.stringify(claimsOf(adminToken as string).role)}.`);
      const admin = await patch({ authorization: `Bearer ${adminToken as string}` });
      ctx.assert(admin.status === 200, `PATCH /products/p-5 con el token del administrador debería responder 200 y respondió ${admin.status}: ${admin.text.slice(0, 200)}`);
    },
  },
  {
    name: 'Repetir el pago de un pedido no lo cobra dos veces (201 y después 200 con el mismo cobro)',
    onStart: 'pass',
    run: async (ctx) => {
      const session = await signUp(ctx, 'ines');
      const order = await placeOrder(ctx, session);
      const body = { orderId: order.id, cardNumber: '4242424242424242' };
      const first = await ctx.request('gateway', '/payments', { method: 'POST', headers: session.auth, body });
      ctx.assert(first.status === 201, `El primer POST /payments debería cobrar (201) y respondió ${first.status}: ${first.text.slice(0, 200)}`);
      const again = await ctx.request('gateway', '/payments', { method: 'POST', headers: session.auth, body });
      ctx.assert(again.status === 200, `Repetir el pago debería responder 200 con el cobro que ya existía y respondió ${again.status}.`);
      ctx.assert((again.body as { id?: string }).id === (first.body as { id?: string }).id, 'Repetir el pago debería devolver el mismo cobro (mismo id), no crear otro.');
      ctx.assert((first.body as { amount?: number }).amount === order.total, `El importe sale del pedido (${order.total}), no del cliente; el cobro dice ${(first.body as { amount?: number }).amount}.`);
    },
  },
  {
    name: 'Tras el pago, el pedido queda pagado en orders y en el historial del cliente (orders consume PaymentCaptured)',
    onStart: 'pass',
    run: async (ctx) => {
      const session = await signUp(ctx, 'olga');
      const order = await placeOrder(ctx, session);
      const paid = await ctx.request('gateway', '/payments', { method: 'POST', headers: session.auth, body: { orderId: order.id, cardNumber: '4242424242424242' } });
      ctx.assert(paid.status === 201, `POST /payments debería cobrar (201) y respondió ${paid.status}: ${paid.text.slice(0, 200)}`);
      const status = (await settledOrder(ctx, session, order.id)).status;
      ctx.assert(status === 'paid', `Tras el cobro, GET /orders/${order.id} debería decir status "paid" y dice "${status}": la saga de orders-service consume PaymentCaptured (su cola orders.payments) y anota el pago en el pedido.`);
      const again = await ctx.request('gateway', '/payments', { method: 'POST', headers: session.auth, body: { orderId: order.id, cardNumber: '4242424242424242' } });
      ctx.assert(again.status === 200, `Pagar otra vez un pedido ya pagado debería responder 200 con el mismo cobro y respondió ${again.status}: ${again.text.slice(0, 200)}`);
      const { entry } = await historyEntry(ctx, session, order.id, 'paid');
      ctx.assert(entry?.status === 'paid', `El historial del cliente debería mostrar el pedido ${order.id} como "paid" y muestra ${JSON.stringify(entry)}: la proyección escucha order.paid.`);
    },
  },
  {
    name: 'Un pago rechazado compensa: la saga devuelve el stock y cancela el pedido con PAYMENT_DECLINED',
    onStart: 'pass',
    run: async (ctx) => {
      const session = await signUp(ctx, 'rita');
      const before = await stockOf(ctx, 'p-3');
      const order = await placeOrder(ctx, session, { productId: 'p-3', quantity: 2 });
      ctx.assert(order.status === 'stock_reserved', `POST /orders debería dejar el pedido con su stock apartado (stock_reserved) y dice "${order.status}": la saga reserva en products-service (PUT /reservations/{id}).`);
      const reserved = await stockOf(ctx, 'p-3');
      ctx.assert(before !== undefined && reserved === before - 2, `Tras el pedido, p-3 debería tener ${before === undefined ? '?' : before - 2} unidades (2 apartadas) y tiene ${reserved}.`);
      const declined = await ctx.request('gateway', '/payments', { method: 'POST', headers: session.auth, body: { orderId: order.id, cardNumber: '4000000000000002' } });
      ctx.assert(declined.status === 402, `La tarjeta 4000000000000002 debería rechazarse (402) y respondió ${declined.status}: ${declined.text.slice(0, 200)}`);
      const settled = await settledOrder(ctx, session, order.id);
      ctx.assert(settled.status === 'cancelled' && settled.cancellationReason === 'PAYMENT_DECLINED', `Tras el rechazo, el pedido debería quedar cancelado con PAYMENT_DECLINED y está ${JSON.stringify(settled)}: la saga consume payment.declined y compensa.`);
      const released = await stockOf(ctx, 'p-3');
      ctx.assert(released === before, `La compensación devuelve el stock: p-3 debería volver a ${before} unidades y tiene ${released}.`);
      const retry = await ctx.request('gateway', '/payments', { method: 'POST', headers: session.auth, body: { orderId: order.id, cardNumber: '4242424242424242' } });
      ctx.assert(retry.status === 402, `Pagar otra vez un pedido con el pago rechazado debería responder el mismo 402 (el primer intento decide) y respondió ${retry.status}.`);
    },
  },
  {
    name: 'El canal en vivo entra por el gateway: sin token o con uno falso, 401 en el handshake',
    onStart: 'fail',
    run: async (ctx) => {
      const anonymous = await ctx.websocket('gateway', '/notifications/live');
      const refused = await anonymous.closed(0);
      ctx.assert(!anonymous.opened && (refused?.reason ?? '').includes('401'), `El WebSocket /notifications/live sin token debería rechazarse en el gateway con 401 antes de abrirse (${anonymous.opened ? 'se abrió' : refused?.reason}): el mismo verifyAccessToken que protege el HTTP (TODO 1).`);
      const session = await signUp(ctx, 'nora');
      const forged = await ctx.websocket('gateway', `/notifications/live?token=${encodeURIComponent(tamper(session.token))}`);
      const forgedClose = await forged.closed(0);
      ctx.assert(!forged.opened && (forgedClose?.reason ?? '').includes('401'), `Con la firma del token cambiada, el handshake debería responder 401 en el gateway (${forged.opened ? 'se abrió' : forgedClose?.reason}).`);
      const socket = await ctx.websocket('gateway', `/notifications/live?token=${encodeURIComponent(session.token)}`);
      ctx.assert(socket.opened, 'Con el token de POST /auth/login, el canal /notifications/live del gateway debería abrirse.');
      const welcome = await nextOfType(socket, 'welcome', 3000);
      ctx.assert(welcome !== undefined, 'Por el gateway debería llegar el {"type":"welcome"} de notifications-service: el gateway reenvía los frames de los dos lados.');
      socket.send('ping');
      let pong: string | undefined;
      for (let attempt = 0; attempt < 5 && pong !== 'pong'; attempt += 1) pong = await socket.nextMessage(1000);
      ctx.assert(pong === 'pong', `Un 'ping' del cliente debería llegar a notifications-service y su 'pong' volver por el gateway; llegó ${JSON.stringify(pong)}.`);
      socket.close();
    },
  },
  {
    name: 'El gateway pone un id de correlación a cada petición, lo devuelve y llega hasta payments-service',
    onStart: 'fail',
    run: async (ctx) => {
      const session = await signUp(ctx, 'leo');
      const order = await placeOrder(ctx, session);
      // Sin X-Correlation-Id del cliente: el gateway crea uno (requestId) y es ese el que debe viajar.
      const paid = await ctx.request('gateway', '/payments', { method: 'POST', headers: session.auth, body: { orderId: order.id, cardNumber: '4242424242424242' } });
      ctx.assert(paid.status === 201, `POST /payments debería cobrar (201) y respondió ${paid.status}.`);
      const correlationId = paid.headers['x-correlation-id'] ?? '';
      ctx.assert(correlationId.length >= 8, 'La respuesta del gateway debería llevar X-Correlation-Id (lo pone requestId).');
      let seen = false;
      for (let attempt = 0; attempt < 20 && !seen; attempt += 1) {
        seen = ctx.logs('payments').some((line) => line.includes(correlationId));
        if (!seen) await ctx.sleep(100);
      }
      ctx.assert(seen, `El log de payments-service debería mostrar ${correlationId} (el id que devolvió el gateway) al publicar PaymentCaptured: reenvía X-Correlation-Id desde proxy.ts (TODO 2).`);
    },
  },
  {
    name: 'GET /openapi.json del gateway es un solo documento con las rutas como las ve el cliente',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('gateway', '/openapi.json');
      ctx.assert(response.status === 200, `GET /openapi.json del gateway debería responder 200 y respondió ${response.status}.`);
      const doc = response.body as { paths?: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>> };
      const paths = Object.keys(doc.paths ?? {});
      for (const expected of ['/auth/register', '/auth/login', '/products', '/orders', '/payments', '/customers/{email}/orders']) {
        ctx.assert(paths.includes(expected), `El documento agregado debería tener ${expected} y tiene: ${paths.join(', ')}. Junta los documentos de los servicios (TODO 3).`);
      }
      ctx.assert(!paths.includes('/login') && !paths.some((path) => path.includes('/_')), 'Las rutas van con el prefijo público (/auth/login, no /login) y sin las herramientas del laboratorio (/_simulate…).');
      ctx.assert(JSON.stringify(doc.paths?.['/orders']?.post?.security ?? []).includes('bearerAuth'), 'POST /orders debería declarar security bearerAuth: el gateway exige el token.');
    },
  },
  {
    name: 'Recorrido: registro, login, catálogo, pedido, pago, aviso por WebSocket e historial',
    onStart: 'fail',
    run: async (ctx) => {
      const session = await signUp(ctx, 'ana');
      const catalogue = await ctx.request('gateway', '/products');
      ctx.assert(((catalogue.body as { items?: unknown[] }).items ?? []).length > 0, 'GET /products debería listar el catálogo.');
      // El cliente solo conoce el gateway: también el canal en vivo entra por él.
      const socket = await ctx.websocket('gateway', `/notifications/live?token=${encodeURIComponent(session.token)}`);
      ctx.assert(socket.opened, 'El canal /notifications/live del gateway con un token válido debería abrirse.');
      const welcome = await nextOfType(socket, 'welcome', 3000);
      ctx.assert(welcome !== undefined, 'Al abrir el canal debería llegar {"type":"welcome"}: notifications-service pregunta a auth-service (GET /me) de quién es el token.');
      const order = await placeOrder(ctx, session);
      const correlationId = `recorrido-${Date.now()}`;
      const paid = await ctx.request('gateway', '/payments', { method: 'POST', headers: { ...session.auth, 'x-correlation-id': correlationId }, body: { orderId: order.id, cardNumber: '4242424242424242' } });
      ctx.assert(paid.status === 201, `POST /payments debería cobrar el pedido (201) y respondió ${paid.status}: ${paid.text.slice(0, 200)}`);
      const notice = await nextOfType(socket, 'payment.captured', 8000);
      socket.close();
      ctx.assert(notice !== undefined, 'Tras el pago debería llegar por el WebSocket {"type":"payment.captured"}: payments publica PaymentCaptured, notifications lo consume y lo empuja a las conexiones del cliente (TODO 4).');
      ctx.assert(notice!.orderId === order.id, `El aviso debería ser del pedido ${order.id} y es de ${notice!.orderId}.`);
      ctx.assert(notice!.correlationId === correlationId, `El aviso debería llevar el id de correlación del pago (${correlationId}) y lleva ${notice!.correlationId}: viaja del gateway a payments (cabecera) y de payments a notifications (correlationid del CloudEvent).`);
      ctx.assert((await settledOrder(ctx, session, order.id)).status === 'paid', `Tras el pago, el pedido ${order.id} debería estar pagado (status "paid") en orders-service.`);
      const { response: history, entry } = await historyEntry(ctx, session, order.id, 'paid');
      ctx.assert(history.status === 200 && entry?.status === 'paid', `El historial del cliente (GET /customers/{email}/orders) debería mostrar el pedido ${order.id} pagado; respondió ${history.status}: ${history.text.slice(0, 200)}`);
    },
  },
] satisfies Check[];
