import type { Check, CheckContext } from '../../lib/checks-types.ts';

type LogLine = Record<string, unknown>;

/** Las líneas del servicio que son un objeto JSON (las de pino); el resto (texto suelto) se ignora. */
function jsonLines(ctx: CheckContext, service: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of ctx.logs(service)) {
    const text = line.trim();
    if (!text.startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) lines.push(value as LogLine);
    } catch {
      // una línea que empieza por { pero no es JSON: no es de pino
    }
  }
  return lines;
}

/** Espera (hasta ~3 s) a que el servicio escriba una línea que cumpla `matches`: los logs llegan un poco después de la respuesta. */
async function waitForLine(ctx: CheckContext, service: string, matches: (line: LogLine) => boolean): Promise<LogLine | undefined> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const found = jsonLines(ctx, service).find(matches);
    if (found) return found;
    await ctx.sleep(100);
  }
  return undefined;
}

const order = { customerEmail: 'ana@foodly.dev', items: [{ productId: 'p-1', quantity: 1 }] };
const TRACE_ID = /^[0-9a-f]{32}$/;
const CLIENT_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

async function createOrder(ctx: CheckContext, headers: Record<string, string> = {}) {
  return ctx.request('orders', '/orders', { method: 'POST', body: order, headers });
}

export default [
  {
    name: 'Crear un pedido sigue respondiendo 201',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await createOrder(ctx);
      ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}: ${response.text.slice(0, 200)}`);
    },
  },
  {
    name: 'orders-service escribe cada petición como una línea JSON de pino (level, time, msg)',
    onStart: 'pass',
    run: async (ctx) => {
      await ctx.request('orders', '/ping');
      const line = await waitForLine(ctx, 'orders', (l) => l.path === '/ping');
      ctx.assert(line, 'No hay ninguna línea JSON con "path": "/ping" en los logs de orders: ¿sigue requestLogging montado en app.ts?');
      ctx.assert(typeof line?.level === 'number' && typeof line?.time === 'number' && typeof line?.msg === 'string', `La línea de /ping no tiene la forma de pino (level numérico, time, msg): ${JSON.stringify(line)}`);
    },
  },
  {
    name: 'La respuesta trae X-Request-Id con el trace-id (32 hex) de la petición',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await createOrder(ctx);
      const id = response.headers['x-request-id'];
      ctx.assert(id !== undefined, 'POST /orders no devuelve la cabecera X-Request-Id: en requestLogging, pon c.header(\'X-Request-Id\', traceId).');
      ctx.assert(TRACE_ID.test(id ?? ''), `X-Request-Id debería ser un trace-id de W3C (32 caracteres hexadecimales en minúscula) y es "${id}": usa newTraceId().`);
    },
  },
  {
    name: 'Las líneas de orders-service de esa petición llevan su traceId',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await createOrder(ctx);
      const id = response.headers['x-request-id'] ?? '(sin X-Request-Id)';
      const line = await waitForLine(ctx, 'orders', (l) => l.traceId === id && l.path === '/orders');
      ctx.assert(line, `Ninguna línea de orders tiene "traceId": "${id}" y "path": "/orders": crea el logger de la petición con root.child({ traceId }) y guárdalo en c.var.log.`);
    },
  },
  {
    name: 'orders-service propaga la traza: products-service escribe el mismo traceId',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await createOrder(ctx);
      const id = response.headers['x-request-id'] ?? '(sin X-Request-Id)';
      const line = await waitForLine(ctx, 'products', (l) => l.traceId === id);
      ctx.assert(
        line,
        `products-service no escribió ninguna línea con "traceId": "${id}". Manda la cabecera traceparent (00-<traceId>-<spanId nuevo>-01) en el fetch de HttpProductCatalog, y en products-service continúa la traza que llega.`,
      );
    },
  },
  {
    name: 'Si el cliente manda un traceparent, los dos servicios continúan su traza',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await createOrder(ctx, { traceparent: `00-${CLIENT_TRACE_ID}-00f067aa0ba902b7-01` });
      ctx.assert(response.headers['x-request-id'] === CLIENT_TRACE_ID, `Con traceparent 00-${CLIENT_TRACE_ID}-…, X-Request-Id debería ser ${CLIENT_TRACE_ID} y es ${response.headers['x-request-id']}: lee la cabecera con parseTraceparent.`);
      const inProducts = await waitForLine(ctx, 'products', (l) => l.traceId === CLIENT_TRACE_ID);
      ctx.assert(inProducts, `products-service no escribió el traceId ${CLIENT_TRACE_ID} que mandó el cliente.`);
      const invalid = await createOrder(ctx, { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` });
      ctx.assert(invalid.headers['x-request-id'] !== '0'.repeat(32), 'Un trace-id todo ceros no es válido (W3C Trace Context): la petición debe empezar una traza nueva.');
    },
  },
  {
    name: 'Un pedido que falla se sigue con su id: error en orders y en products con el mismo traceId',
    onStart: 'fail',
    run: async (ctx) => {
      await ctx.request('products', '/_chaos', { method: 'POST', body: { failNext: 1 } });
      try {
        const response = await createOrder(ctx);
        ctx.assert(response.status === 503, `Con products-service fallando, POST /orders debería responder 503 y respondió ${response.status}.`);
        const id = response.headers['x-request-id'] ?? '(sin X-Request-Id)';
        const inOrders = await waitForLine(ctx, 'orders', (l) => l.traceId === id && typeof l.level === 'number' && l.level >= 50);
        ctx.assert(inOrders, `No hay una línea de nivel error (50) en orders con "traceId": "${id}": el manejador de errores debe escribir con c.var.log.`);
        const inProducts = await waitForLine(ctx, 'products', (l) => l.traceId === id && l.status === 500);
        ctx.assert(inProducts, `No hay una línea en products con "traceId": "${id}" y "status": 500: la traza no llegó a products-service.`);
      } finally {
        await ctx.request('products', '/_chaos', { method: 'DELETE' });
      }
    },
  },
] satisfies Check[];
