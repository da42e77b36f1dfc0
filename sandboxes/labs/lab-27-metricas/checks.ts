import type { Check, CheckContext } from '../../lib/checks-types.ts';

// Un lector del formato de exposición de texto de Prometheus (0.0.4): `# HELP`, `# TYPE` y muestras
// `nombre{etiqueta="valor",…} valor [timestamp]`, con los escapes \\, \" y \n en los valores de etiqueta.
// Los checks no pueden importar código (solo tipos), así que el lector vive aquí; es estricto: una línea
// que no entiende es un fallo con la línea delante, no una muestra que se ignora.
type Sample = { name: string; labels: Record<string, string>; value: number };
type Exposition = { types: Record<string, string>; samples: Sample[] };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`valor no numérico "${text}"`);
  return value;
}

function parseSample(line: string): Sample {
  const name = METRIC_NAME.exec(line)?.[0];
  if (!name) throw new Error('no empieza por un nombre de métrica');
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    while (!rest.startsWith('}')) {
      const label = LABEL_NAME.exec(rest)?.[0];
      if (!label || rest[label.length] !== '=' || rest[label.length + 1] !== '"') throw new Error('etiqueta mal formada');
      rest = rest.slice(label.length + 2);
      let value = '';
      for (;;) {
        const char = rest[0];
        if (char === undefined) throw new Error(`falta la comilla que cierra la etiqueta ${label}`);
        rest = rest.slice(1);
        if (char === '"') break;
        if (char === '\\') {
          const escaped = rest[0];
          rest = rest.slice(1);
          value += escaped === 'n' ? '\n' : (escaped ?? '');
        } else value += char;
      }
      labels[label] = value;
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) throw new Error('tras una etiqueta va una coma o }');
    }
    rest = rest.slice(1);
  }
  const [valueText, timestamp, extra] = rest.trim().split(/\s+/);
  if (!rest.startsWith(' ') || extra !== undefined || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) throw new Error('tras el nombre y las etiquetas van un espacio, el valor y, como mucho, una marca de tiempo');
  return { name, labels, value: parseValue(valueText ?? '') };
}

function parseExposition(text: string): Exposition {
  const types: Record<string, string> = {};
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (type) types[type[1]!] = type[2]!;
      continue;
    }
    try {
      samples.push(parseSample(line));
    } catch (error) {
      throw new Error(`/metrics no sigue el formato de exposición de Prometheus (${(error as Error).message}) en la línea: ${line}`);
    }
  }
  return { types, samples };
}

async function scrape(ctx: CheckContext): Promise<Exposition> {
  const response = await ctx.request('orders', '/metrics');
  ctx.assert(response.status === 200, `GET /metrics debería responder 200 y respondió ${response.status}: monta la ruta con metricsRoute en app.ts.`);
  ctx.assert(
    (response.headers['content-type'] ?? '').startsWith('text/plain'),
    `GET /metrics debería responder text/plain (el formato de exposición de Prometheus) y respondió ${response.headers['content-type']}: usa registry.contentType.`,
  );
  try {
    return parseExposition(response.text);
  } catch (error) {
    ctx.assert(false, (error as Error).message);
    throw error;
  }
}

const matches = (sample: Sample, name: string, labels: Record<string, string>) =>
  sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value);
/** La suma de las muestras con ese nombre y esas etiquetas (0 si no hay ninguna). */
const total = (exposition: Exposition, name: string, labels: Record<string, string> = {}) =>
  exposition.samples.filter((sample) => matches(sample, name, labels)).reduce((sum, sample) => sum + sample.value, 0);

const order = { customerEmail: 'ana@foodly.dev', items: [{ productId: 'p-1', quantity: 1 }] };
const createOrders = async (ctx: CheckContext, n: number) => {
  for (let i = 0; i < n; i++) await ctx.request('orders', '/orders', { method: 'POST', body: order });
};
const POST_ORDERS_201 = { method: 'POST', route: '/orders', status: '201' };

export default [
  {
    name: 'Crear un pedido sigue respondiendo 201',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', { method: 'POST', body: order });
      ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}: ${response.text.slice(0, 200)}`);
    },
  },
  {
    name: 'GET /metrics responde el formato de exposición de Prometheus con http_requests_total (counter) y http_request_duration_seconds (histogram)',
    onStart: 'fail',
    run: async (ctx) => {
      await ctx.request('orders', '/ping');
      const exposition = await scrape(ctx);
      ctx.assert(exposition.types.http_requests_total === 'counter', 'Falta `# TYPE http_requests_total counter` en /metrics: crea el Counter http_requests_total en el registro que sirve /metrics.');
      ctx.assert(
        exposition.types.http_request_duration_seconds === 'histogram',
        'Falta `# TYPE http_request_duration_seconds histogram` en /metrics: crea el Histogram con sus buckets en el mismo registro.',
      );
    },
  },
  {
    name: 'El contador de peticiones sube exactamente con el tráfico (método, ruta y estado)',
    onStart: 'fail',
    run: async (ctx) => {
      const before = total(await scrape(ctx), 'http_requests_total', POST_ORDERS_201);
      await createOrders(ctx, 4);
      const after = total(await scrape(ctx), 'http_requests_total', POST_ORDERS_201);
      ctx.assert(
        after - before === 4,
        `Tras 4 POST /orders con 201, http_requests_total{method="POST",route="/orders",status="201"} debería subir 4 y subió ${after - before}: cuenta en el middleware, después de next(), con esas tres etiquetas.`,
      );
    },
  },
  {
    name: 'El histograma es coherente: cubos acumulativos, le="+Inf" igual a _count, y _count sube con el tráfico',
    onStart: 'fail',
    run: async (ctx) => {
      const before = await scrape(ctx);
      await createOrders(ctx, 3);
      const after = await scrape(ctx);
      const buckets = after.samples
        .filter((sample) => matches(sample, 'http_request_duration_seconds_bucket', POST_ORDERS_201))
        .map((sample) => ({ le: parseValue(sample.labels.le ?? ''), value: sample.value }))
        .sort((a, b) => a.le - b.le);
      ctx.assert(buckets.length >= 5, `http_request_duration_seconds_bucket de POST /orders tiene ${buckets.length} cubos: pasa buckets (p. ej. LATENCY_BUCKETS) al Histogram.`);
      ctx.assert(buckets.every((bucket, i) => i === 0 || bucket.value >= buckets[i - 1]!.value), 'Los cubos de un histograma de Prometheus son acumulativos (cada le cuenta lo de los anteriores): algo los escribe a mano.');
      const inf = buckets.at(-1);
      ctx.assert(inf?.le === Infinity, 'Falta el cubo le="+Inf" (lo añade prom-client): ¿es un Histogram?');
      const count = total(after, 'http_request_duration_seconds_count', POST_ORDERS_201);
      ctx.assert(inf?.value === count, `El cubo le="+Inf" (${inf?.value}) debería ser igual a _count (${count}).`);
      const moved = count - total(before, 'http_request_duration_seconds_count', POST_ORDERS_201);
      ctx.assert(moved === 3, `Tras 3 pedidos, _count de POST /orders debería subir 3 y subió ${moved}: observa la duración de cada petición (startTimer y su función de parada).`);
    },
  },
  {
    name: 'Las peticiones lentas caen en los cubos altos: con products a 300 ms, ninguna en le="0.25"',
    onStart: 'fail',
    run: async (ctx) => {
      const bucket = (exposition: Exposition, le: string) => total(exposition, 'http_request_duration_seconds_bucket', { ...POST_ORDERS_201, le });
      const before = await scrape(ctx);
      await ctx.request('products', '/_chaos', { method: 'POST', body: { delayMs: 300 } });
      try {
        await createOrders(ctx, 3);
      } finally {
        await ctx.request('products', '/_chaos', { method: 'DELETE' });
      }
      const after = await scrape(ctx);
      const fast = bucket(after, '0.25') - bucket(before, '0.25');
      const all = bucket(after, '+Inf') - bucket(before, '+Inf');
      ctx.assert(all === 3, `Tres pedidos lentos deberían sumar 3 al cubo le="+Inf" y sumaron ${all}.`);
      ctx.assert(
        fast === 0,
        `Los pedidos tardaron más de 300 ms, pero el cubo le="0.25" subió ${fast}: la duración debe medirse en segundos (prom-client: startTimer) y de la llegada a la respuesta.`,
      );
    },
  },
  {
    name: 'La etiqueta route es el patrón (/orders/:id), no el id concreto',
    onStart: 'fail',
    run: async (ctx) => {
      const created = await ctx.request('orders', '/orders', { method: 'POST', body: order });
      const id = (created.body as { id?: string }).id ?? 'sin-id';
      await ctx.request('orders', `/orders/${id}`);
      const exposition = await scrape(ctx);
      ctx.assert(total(exposition, 'http_requests_total', { method: 'GET', route: '/orders/:id', status: '200' }) >= 1, 'No hay http_requests_total{method="GET",route="/orders/:id",status="200"}: usa routePath(c, -1) de hono/route como route.');
      const leaked = exposition.samples.find((sample) => Object.values(sample.labels).some((value) => value.includes(id)));
      ctx.assert(!leaked, `Una serie lleva el id del pedido en una etiqueta (${leaked?.name}{route="${leaked?.labels.route}"}): cada pedido crearía una serie nueva.`);
    },
  },
  {
    name: 'Los errores cuentan con su estado: un 503 de POST /orders aparece en status="503"',
    onStart: 'fail',
    run: async (ctx) => {
      const labels = { method: 'POST', route: '/orders', status: '503' };
      const before = total(await scrape(ctx), 'http_requests_total', labels);
      await ctx.request('products', '/_chaos', { method: 'POST', body: { failNext: 1 } });
      try {
        const response = await ctx.request('orders', '/orders', { method: 'POST', body: order });
        ctx.assert(response.status === 503, `Con products fallando, POST /orders debería responder 503 y respondió ${response.status}.`);
      } finally {
        await ctx.request('products', '/_chaos', { method: 'DELETE' });
      }
      const after = total(await scrape(ctx), 'http_requests_total', labels);
      ctx.assert(after - before === 1, `http_requests_total{method="POST",route="/orders",status="503"} debería subir 1 y subió ${after - before}: cuenta también las respuestas de error (después de next(), con c.res.status).`);
    },
  },
] satisfies Check[];
