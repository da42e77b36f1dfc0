import type { Check, CheckContext, CheckResponse } from '../../lib/checks-types.ts';

const v1Body = { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-2', quantity: 2 }] };
const v2Body = { customerEmail: ' Ana@Foodly.test ', lines: [{ kind: 'product', productId: 'p-2', quantity: 2 }] };

type Problem = { type?: string; status?: number; errors?: Array<{ pointer?: string; detail?: string }> };

/** Lo que un cliente de v1 espera: total y precios como números de euros. */
function assertV1Order(ctx: CheckContext, response: CheckResponse, what: string) {
  const order = response.body as { id?: string; total?: unknown; lines?: Array<{ unitPrice?: unknown }> };
  ctx.assert(order.total === 22, `${what}: un cliente v1 suma total como número y debería recibir 22; recibió ${JSON.stringify(order.total)}`);
  ctx.assert(order.lines?.[0]?.unitPrice === 11, `${what}: lines[0].unitPrice debería seguir siendo el número 11 y es ${JSON.stringify(order.lines?.[0]?.unitPrice)}`);
}

function assertDeprecated(ctx: CheckContext, response: CheckResponse, what: string) {
  const deprecation = response.headers['deprecation'] ?? '';
  ctx.assert(/^@\d+$/.test(deprecation), `${what}: falta la cabecera Deprecation con una fecha de Structured Fields ("@" + segundos desde 1970, RFC 9745); llegó ${JSON.stringify(deprecation)}`);
  const sunset = Date.parse(response.headers['sunset'] ?? '');
  ctx.assert(!Number.isNaN(sunset), `${what}: falta la cabecera Sunset con una fecha HTTP (RFC 8594), p. ej. "Wed, 30 Jun 2027 23:59:59 GMT"`);
  ctx.assert(sunset >= Number(deprecation.slice(1)) * 1000, `${what}: Sunset no puede ser anterior a Deprecation`);
  ctx.assert(/rel="?deprecation"?/.test(response.headers['link'] ?? ''), `${what}: falta Link con rel="deprecation" (la guía de migración)`);
}

export default [
  {
    name: 'Un cliente v1 sigue funcionando en /v1 y se entera de que es obsoleta',
    onStart: 'fail',
    run: async (ctx) => {
      const created = await ctx.request('orders', '/v1/orders', { method: 'POST', body: v1Body });
      ctx.assert(created.status === 201, `POST /v1/orders con el cuerpo de siempre (items) debería responder 201 y respondió ${created.status}: ¿está montada la API en /v1?`);
      assertV1Order(ctx, created, 'POST /v1/orders');
      const location = created.headers['location'] ?? '';
      ctx.assert(location.startsWith('/v1/orders/'), `La cabecera Location debería apuntar a /v1/orders/<id> y es ${JSON.stringify(location)}`);
      assertDeprecated(ctx, created, 'POST /v1/orders');
      const read = await ctx.request('orders', location);
      ctx.assert(read.status === 200, `GET ${location} debería responder 200 y respondió ${read.status}`);
      assertV1Order(ctx, read, `GET ${location}`);
      const invalid = await ctx.request('orders', '/v1/orders', { method: 'POST', body: { customerEmail: 'no-es-un-email', items: [] } });
      const detail = (invalid.body as { detail?: unknown }).detail;
      ctx.assert(invalid.status === 422 && Array.isArray(detail), `Un 422 de v1 debe seguir con su forma de siempre ({"detail":[…]}): sus clientes la leen. Llegó ${invalid.status} ${invalid.text.slice(0, 120)}`);
    },
  },
  {
    name: 'Los clientes que llaman a /orders sin prefijo siguen funcionando (contrato v1, obsoleto)',
    onStart: 'fail',
    run: async (ctx) => {
      const created = await ctx.request('orders', '/orders', { method: 'POST', body: v1Body });
      ctx.assert(created.status === 201, `POST /orders (sin prefijo) debería seguir respondiendo 201 y respondió ${created.status}`);
      assertV1Order(ctx, created, 'POST /orders');
      assertDeprecated(ctx, created, 'POST /orders');
    },
  },
  {
    name: 'v2: lines con kind, email normalizado, dinero como objeto y sin avisos de obsolescencia',
    onStart: 'fail',
    run: async (ctx) => {
      const created = await ctx.request('orders', '/v2/orders', { method: 'POST', body: v2Body });
      ctx.assert(created.status === 201, `POST /v2/orders con lines debería responder 201 y respondió ${created.status} ${created.text.slice(0, 160)}`);
      const order = created.body as { customerEmail?: string; total?: unknown; lines?: Array<{ kind?: string; unitPrice?: unknown }> };
      ctx.assert(order.customerEmail === 'ana@foodly.test', `v2 limpia el email antes de validarlo (pipe: trim + minúsculas): esperaba "ana@foodly.test" y llegó ${JSON.stringify(order.customerEmail)}`);
      ctx.assert(JSON.stringify(order.total) === '{"amountCents":2200,"currency":"EUR"}', `En v2 total es {"amountCents":2200,"currency":"EUR"}; llegó ${JSON.stringify(order.total)}`);
      ctx.assert(order.lines?.[0]?.kind === 'product' && JSON.stringify(order.lines[0].unitPrice) === '{"amountCents":1100,"currency":"EUR"}', 'Cada línea de v2 lleva kind "product" y unitPrice como {amountCents, currency}');
      ctx.assert((created.headers['location'] ?? '').startsWith('/v2/orders/'), `Location debería apuntar a /v2/orders/<id> y es ${JSON.stringify(created.headers['location'])}`);
      ctx.assert(created.headers['deprecation'] === undefined, 'v2 no está obsoleta: no debe llevar la cabecera Deprecation');
      const id = created.headers['location']?.split('/').pop() ?? '';
      const asV1 = await ctx.request('orders', `/v1/orders/${id}`);
      ctx.assert(asV1.status === 200, `El pedido creado por v2 es el mismo pedido: GET /v1/orders/${id} debería responder 200 y respondió ${asV1.status}`);
      assertV1Order(ctx, asV1, 'El pedido de v2 leído por v1');
    },
  },
  {
    name: 'v2 valida: cuerpo de v1, kind desconocido y producto repetido → 422 problem+json con el campo',
    onStart: 'fail',
    run: async (ctx) => {
      const cases: Array<{ body: unknown; pointer: string; what: string }> = [
        { body: v1Body, pointer: '#/lines', what: 'el cuerpo de v1 (items en vez de lines)' },
        { body: { customerEmail: 'ana@foodly.test', lines: [{ kind: 'menu', productId: 'p-2', quantity: 1 }] }, pointer: '#/lines/0/kind', what: 'una línea con kind "menu"' },
        {
          body: { customerEmail: 'ana@foodly.test', lines: [{ kind: 'product', productId: 'p-2', quantity: 1 }, { kind: 'product', productId: 'p-2', quantity: 1 }] },
          pointer: '#/lines',
          what: 'dos líneas del mismo producto (refine)',
        },
      ];
      for (const { body, pointer, what } of cases) {
        const response = await ctx.request('orders', '/v2/orders', { method: 'POST', body });
        ctx.assert(response.status === 422, `POST /v2/orders con ${what} debería responder 422 y respondió ${response.status}`);
        ctx.assert((response.headers['content-type'] ?? '').startsWith('application/problem+json'), `El 422 de v2 con ${what} debería ser application/problem+json (RFC 9457) y es ${response.headers['content-type']}`);
        const problem = response.body as Problem;
        const pointers = (problem.errors ?? []).map((error) => error.pointer);
        ctx.assert(problem.status === 422 && pointers.includes(pointer), `Con ${what}, errors debería señalar ${pointer}; señala ${JSON.stringify(pointers)}`);
      }
    },
  },
  {
    name: 'v2 conserva lo que ya traía la API: Idempotency-Key, ETag con 304, If-Match con 412 y cursor',
    onStart: 'fail',
    run: async (ctx) => {
      const key = `"lab18-${Date.now()}-${Math.random().toString(36).slice(2)}"`;
      const first = await ctx.request('orders', '/v2/orders', { method: 'POST', body: v2Body, headers: { 'idempotency-key': key } });
      ctx.assert(first.status === 201, `POST /v2/orders con Idempotency-Key debería responder 201 y respondió ${first.status}`);
      const retry = await ctx.request('orders', '/v2/orders', { method: 'POST', body: v2Body, headers: { 'idempotency-key': key } });
      const firstId = (first.body as { id?: string }).id;
      ctx.assert(retry.status === 201 && (retry.body as { id?: string }).id === firstId, 'Repetir el alta con la misma Idempotency-Key debe devolver el mismo pedido, no crear otro');
      const reused = await ctx.request('orders', '/v2/orders', {
        method: 'POST',
        body: { ...v2Body, lines: [{ kind: 'product', productId: 'p-2', quantity: 3 }] },
        headers: { 'idempotency-key': key },
      });
      ctx.assert(reused.status === 422, `La misma Idempotency-Key con otro cuerpo debería responder 422 y respondió ${reused.status}`);
      const location = first.headers['location'] ?? '';
      const etag = first.headers['etag'] ?? '';
      ctx.assert(etag !== '', 'El 201 de v2 debería llevar la ETag del pedido');
      const notModified = await ctx.request('orders', location, { headers: { 'if-none-match': etag } });
      ctx.assert(notModified.status === 304, `GET ${location} con If-None-Match y su ETag debería responder 304 y respondió ${notModified.status}`);
      const stale = await ctx.request('orders', `${location}/cancel`, { method: 'POST', headers: { 'if-match': '"una-etiqueta-vieja"' } });
      ctx.assert(stale.status === 412, `Cancelar con un If-Match que no coincide debería responder 412 y respondió ${stale.status}`);
      const cancelled = await ctx.request('orders', `${location}/cancel`, { method: 'POST', headers: { 'if-match': etag } });
      ctx.assert(cancelled.status === 200, `Cancelar con el If-Match correcto debería responder 200 y respondió ${cancelled.status}`);
      const page = await ctx.request('orders', '/v2/orders?limit=1');
      const body = page.body as { items?: unknown[]; nextCursor?: string | null };
      ctx.assert(page.status === 200 && body.items?.length === 1 && typeof body.nextCursor === 'string', 'GET /v2/orders?limit=1 debería devolver un pedido y un nextCursor (hay más de uno)');
      const next = await ctx.request('orders', `/v2/orders?limit=1&cursor=${encodeURIComponent(body.nextCursor ?? '')}`);
      const nextItems = (next.body as { items?: Array<{ id?: string }> }).items ?? [];
      const firstPageId = (body.items?.[0] as { id?: string } | undefined)?.id;
      ctx.assert(next.status === 200 && nextItems.length === 1 && nextItems[0]?.id !== firstPageId, 'La página siguiente (cursor) debería traer otro pedido distinto');
    },
  },
  {
    name: 'Cada versión publica su OpenAPI (servers, deprecated) y /docs ofrece las dos sin CDN',
    onStart: 'fail',
    run: async (ctx) => {
      const v1 = await ctx.request('orders', '/openapi/v1.json');
      const v2 = await ctx.request('orders', '/openapi/v2.json');
      ctx.assert(v1.status === 200 && v2.status === 200, `GET /openapi/v1.json y /openapi/v2.json deberían responder 200 (respondieron ${v1.status} y ${v2.status})`);
      type Doc = { servers?: Array<{ url?: string }>; paths?: Record<string, Record<string, { deprecated?: boolean; requestBody?: unknown }>> };
      const doc1 = v1.body as Doc;
      const doc2 = v2.body as Doc;
      ctx.assert(doc1.servers?.[0]?.url === '/v1' && doc2.servers?.[0]?.url === '/v2', 'Cada documento declara dónde está montada su versión: servers[0].url "/v1" y "/v2"');
      ctx.assert(doc1.paths?.['/orders']?.post?.deprecated === true, 'En /openapi/v1.json, POST /orders debería estar marcada deprecated: true');
      ctx.assert(doc2.paths?.['/orders']?.post !== undefined && doc2.paths['/orders'].post.deprecated !== true, 'En /openapi/v2.json, POST /orders existe y no está obsoleta');
      ctx.assert(v2.text.includes('"discriminator"') || v2.text.includes('"oneOf"'), 'El documento de v2 debería describir la unión discriminada de las líneas (oneOf)');
      const docs = await ctx.request('orders', '/docs');
      ctx.assert(docs.status === 200 && docs.text.includes('/openapi/v1.json') && docs.text.includes('/openapi/v2.json'), '/docs debería ofrecer los dos documentos en Swagger UI (opción urls)');
      ctx.assert(!/https?:\/\/(cdn|unpkg)/.test(docs.text), '/docs carga Swagger UI desde un CDN: usa baseUrl con SWAGGER_ASSETS_URL');
    },
  },
] satisfies Check[];
