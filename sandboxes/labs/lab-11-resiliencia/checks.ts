import type { Check, CheckContext } from '../../lib/checks-types.ts';

const order = { customerEmail: 'carla@foodly.test', items: [{ productId: 'p-2', quantity: 1 }] };
type BreakerView = { state: string; resetTimeoutMs: number; failureThreshold: number };

const createOrder = (ctx: CheckContext) => ctx.request('orders', '/orders', { method: 'POST', body: order });

async function breaker(ctx: CheckContext): Promise<BreakerView> {
  const response = await ctx.request('orders', '/_resilience');
  ctx.assert(response.status === 200, `GET /_resilience debería responder 200 y respondió ${response.status}`);
  return (response.body as { productsBreaker: BreakerView }).productsBreaker;
}

/** Cuántas peticiones ha hecho fallar /_chaos hasta ahora (cada una es una llamada que llegó). */
const chaosFailures = (ctx: CheckContext) => ctx.logs('products').filter((line) => line.includes('[caos] fallo simulado')).length;
/**
 * Las llamadas que /_chaos ha hecho fallar desde `before`, esperando (hasta 2 s) a que lleguen al
 * log las `expected` que deben: el log de products viaja por su propia tubería y puede llegar después
 * de la respuesta HTTP. Después espera un poco más, para que una llamada de más también se vea.
 */
async function chaosCallsSince(ctx: CheckContext, before: number, expected: number): Promise<number> {
  const deadline = Date.now() + 2000;
  while (chaosFailures(ctx) - before < expected && Date.now() < deadline) await ctx.sleep(50);
  await ctx.sleep(150);
  return chaosFailures(ctx) - before;
}
/** Líneas del log de orders que aparecieron después de `since` líneas. */
const newLogs = (ctx: CheckContext, since: number) => ctx.logs('orders').slice(since);
/** Like newLogs, but waits (up to 2 s) until `done` holds: the log can lag the HTTP answer. */
async function ordersLogsSince(ctx: CheckContext, since: number, done: (lines: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 2000;
  let lines = newLogs(ctx, since);
  while (!done(lines) && Date.now() < deadline) {
    await ctx.sleep(50);
    lines = newLogs(ctx, since);
  }
  return lines;
}

async function alwaysFailing(ctx: CheckContext) {
  const chaos = await ctx.request('products', '/_chaos', { method: 'POST', body: { failRate: 1, delayMs: 300 } });
  ctx.assert(chaos.status === 200, `POST /_chaos debería responder 200 y respondió ${chaos.status}`);
}

export default [
  {
    name: 'Con el catálogo sano, el pedido sale y el circuito está cerrado',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await createOrder(ctx);
      ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}: ${response.text.slice(0, 200)}`);
      const { state } = await breaker(ctx);
      ctx.assert(state === 'closed', `Sin fallos, el circuito debería estar "closed" y está "${state}"`);
    },
  },
  {
    name: 'Dos fallos transitorios se reintentan con espera y el pedido sale igualmente',
    onStart: 'fail',
    run: async (ctx) => {
      await ctx.request('products', '/_chaos', { method: 'POST', body: { failNext: 2 } });
      const logsBefore = ctx.logs('orders').length;
      try {
        const response = await createOrder(ctx);
        ctx.assert(
          response.status === 201,
          `Con 2 fallos seguidos del catálogo y 2 reintentos, POST /orders debería acabar en 201 y respondió ${response.status}: ¿reintenta retry()?`,
        );
        const isRetry = (line: string) => line.includes('[reintento]');
        const retries = (await ordersLogsSince(ctx, logsBefore, (lines) => lines.filter(isRetry).length >= 2)).filter(isRetry);
        ctx.assert(retries.length === 2, `El log de orders debería mostrar 2 líneas [reintento] (onRetry) y muestra ${retries.length}`);
        const delays = retries.map((line) => Number(/reintento en (\d+) ms/.exec(line)?.[1] ?? NaN));
        ctx.assert(
          delays[0]! <= 100 && delays[1]! <= 200,
          `Con RETRY_BASE_DELAY_MS = 100, las esperas deberían ser como mucho 100 y 200 ms (full jitter) y son ${delays.join(' y ')} ms`,
        );
      } finally {
        await ctx.request('products', '/_chaos', { method: 'DELETE' });
      }
      const { state } = await breaker(ctx);
      ctx.assert(state === 'closed', `Dos fallos (umbral 3) seguidos de un éxito no deben abrir el circuito, y está "${state}"`);
    },
  },
  {
    name: 'Tras 3 fallos seguidos el circuito se abre y responde 503 sin llamar al catálogo',
    onStart: 'fail',
    run: async (ctx) => {
      await alwaysFailing(ctx);
      const before = chaosFailures(ctx);
      const first = await createOrder(ctx);
      ctx.assert(first.status === 503, `Con el catálogo fallando siempre, POST /orders debería responder 503 y respondió ${first.status}`);
      const calls = await chaosCallsSince(ctx, before, 3);
      ctx.assert(calls === 3, `El primer pedido debería llegar 3 veces a products-service (1 intento + 2 reintentos) y llegó ${calls}`);
      const { state } = await breaker(ctx);
      ctx.assert(state === 'open', `Tras 3 fallos seguidos (BREAKER_FAILURE_THRESHOLD = 3) el circuito debería estar "open" y está "${state}"`);

      const startedAt = Date.now();
      const second = await createOrder(ctx);
      const elapsed = Date.now() - startedAt;
      ctx.assert(second.status === 503, `Con el circuito abierto, POST /orders debería responder 503 y respondió ${second.status}`);
      ctx.assert((second.body as { code?: string }).code === 'PRODUCTS_UNAVAILABLE', 'El 503 con el circuito abierto debería llevar "code": "PRODUCTS_UNAVAILABLE"');
      ctx.assert((await chaosCallsSince(ctx, before, 3)) === 3, 'Con el circuito abierto, orders-service no debe llamar a products-service (execute lanza CircuitOpenError sin llamar)');
      ctx.assert(elapsed < 200, `Con el circuito abierto, el 503 debería llegar al instante y tardó ${elapsed} ms`);
    },
  },
  {
    name: 'Pasado el reset timeout, una sola llamada de prueba (semiabierto); si falla, se vuelve a abrir',
    onStart: 'fail',
    run: async (ctx) => {
      await alwaysFailing(ctx);
      const view = await breaker(ctx);
      ctx.assert(view.state === 'open', `Para esta comprobación el circuito debería estar "open" (ver la anterior) y está "${view.state}"`);
      await ctx.sleep(view.resetTimeoutMs + 200);
      const before = chaosFailures(ctx);
      const logsBefore = ctx.logs('orders').length;
      const response = await createOrder(ctx);
      ctx.assert(response.status === 503, `La llamada de prueba falla, así que POST /orders debería responder 503 y respondió ${response.status}`);
      const calls = await chaosCallsSince(ctx, before, 1);
      ctx.assert(calls === 1, `En semiabierto debería pasar exactamente 1 llamada de prueba a products-service y pasaron ${calls}`);
      const lines = (await ordersLogsSince(ctx, logsBefore, (l) => l.join('\n').includes('half-open → open'))).join('\n');
      ctx.assert(lines.includes('open → half-open'), 'El log de orders debería mostrar "[circuit breaker] products-service: open → half-open"');
      ctx.assert(lines.includes('half-open → open'), 'Si la prueba falla, el log debería mostrar "half-open → open"');
      const { state } = await breaker(ctx);
      ctx.assert(state === 'open', `Tras fallar la prueba el circuito debería volver a "open" y está "${state}"`);
    },
  },
  {
    name: 'Cuando el catálogo se recupera, la llamada de prueba cierra el circuito',
    onStart: 'fail',
    run: async (ctx) => {
      await ctx.request('products', '/_chaos', { method: 'DELETE' });
      const { resetTimeoutMs } = await breaker(ctx);
      await ctx.sleep(resetTimeoutMs + 200);
      const logsBefore = ctx.logs('orders').length;
      const response = await createOrder(ctx);
      ctx.assert(response.status === 201, `Con el catálogo sano y la prueba permitida, POST /orders debería responder 201 y respondió ${response.status}`);
      const lines = (await ordersLogsSince(ctx, logsBefore, (l) => l.join('\n').includes('half-open → closed'))).join('\n');
      ctx.assert(lines.includes('half-open → closed'), 'El log de orders debería mostrar "[circuit breaker] products-service: half-open → closed"');
      const { state } = await breaker(ctx);
      ctx.assert(state === 'closed', `Tras una prueba con éxito el circuito debería estar "closed" y está "${state}"`);
    },
  },
] satisfies Check[];
