// The infrastructure in the browser engine, in headless Chromium against dist/ (part of npm run
// bench): what each capability downloads (worker shim + page host, gzip), how long the fixture lab
// (RabbitMQ + Redis + PostgreSQL) takes from mount to both services running, and the emulated
// RabbitMQ between two service workers through the real amqplib API: publish → consume latency
// and throughput. Figures are printed, not asserted.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './bench-chromium.ts';
import { serveDist } from './serve-dist.ts';

export interface InfraEngineBench {
  /** Capability → files and gzip bytes it made the page and workers download. */
  bytes: Record<string, { files: number; gzip: number }>;
  fixtureStartMs: number;
  broker: { messages: number; p50Ms: number; p95Ms: number; perSecond: number };
  /** A service with `replicas: 3` (replicas fixture): Run → all three answering, first start and a restart. */
  replicas: { startMs: number; restartMs: number };
  /**
   * PGlite and the emulated Redis through pg and ioredis in a service worker: first query, cold
   * (fresh browser context: Run as the sandbox wakes, so mount + PGlite load + service start), and
   * after a restart of the service (the database lives on); then per-call p50 timed in the worker.
   */
  data: { pgFirstQueryColdMs: number; pgFirstQueryFromStartMs: number; pgFirstQueryAfterRestartMs: number; pgQueryP50Ms: number; pgQueryP95Ms: number; redisGetP50Ms: number; redisGetP95Ms: number };
  /** Where the cold first query's time went, in the run with the median first query (ms from mount). */
  pgColdBreakdown: PgColdBreakdown;
}

export interface PgColdBreakdown {
  /** Files the infrastructure worker fetched for PostgreSQL: when (ms from mount) and how big. */
  files: Array<{ file: string; startMs: number; endMs: number; transferBytes: number; bytes: number }>;
  /** PostgresHost's phases (User Timing in the worker): every asset in hand, then PGlite.create (instantiate, load the template, start the backend). */
  assetsReadyMs: number;
  createMs: number;
  /** The service's modules (pg, ioredis, hono) loaded: its first line ran. */
  serviceLoadedMs: number;
  firstQueryMs: number;
}

/** Which capability a vendor file belongs to (undefined: not infrastructure). */
function capabilityOf(path: string): string | undefined {
  if (/\/infra\/(amqplib|amqp-host)\.js$/.test(path)) return 'RabbitMQ (amqplib)';
  if (/\/infra\/(kafkajs|kafka-host)\.js$/.test(path)) return 'Kafka (kafkajs)';
  if (/\/infra\/(ioredis|redis-host)\.js$/.test(path)) return 'Redis (ioredis)';
  if (/\/infra\/(pg|postgres-host)\.js$/.test(path) || path.includes('/sandbox-vendor/pglite/')) return 'PostgreSQL (pg + PGlite)';
  if (path.endsWith('/shims/node-buffer.js')) return 'Buffer global';
  if (path.endsWith('/infra/host-worker.js')) return 'Worker de infraestructura (común)';
  return undefined;
}

const PUBLISHER = `import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import amqp from 'amqplib';

const connection = await amqp.connect(process.env.AMQP_URL);
const channel = await connection.createChannel();
await channel.assertQueue('bench', { durable: false });
const now = () => performance.timeOrigin + performance.now();
const app = new Hono();
// Spaced messages measure latency; a burst measures throughput.
app.post('/publish', async (c) => {
  const count = Number(c.req.query('count'));
  const gapMs = Number(c.req.query('gapMs'));
  const startedAt = now();
  for (let i = 0; i < count; i++) {
    channel.sendToQueue('bench', Buffer.from(String(now())));
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return c.json({ startedAt });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT) });
`;

const CONSUMER = `import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import amqp from 'amqplib';

let latencies = [];
let lastAt = 0;
const connection = await amqp.connect(process.env.AMQP_URL);
const channel = await connection.createChannel();
await channel.assertQueue('bench', { durable: false });
await channel.consume('bench', (message) => {
  lastAt = performance.timeOrigin + performance.now();
  latencies.push(lastAt - Number(message.content.toString()));
}, { noAck: true });
const app = new Hono();
app.get('/stats', (c) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return c.json({ count: sorted.length, p50: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)], lastAt });
});
app.post('/reset', (c) => { latencies = []; return c.body(null, 204); });
serve({ fetch: app.fetch, port: Number(process.env.PORT) });
`;

// First query at the top of the module, as a service that migrates on start does; its wall-clock
// time goes back with /first, compared with the page's clock (performance.timeOrigin + now()).
const DATA = `import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import pg from 'pg';

const now = () => performance.timeOrigin + performance.now();
const loadedAt = now();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
await pool.query('CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, name text)');
const firstQueryAt = now();
await pool.query("INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING");
const redis = new Redis(process.env.REDIS_URL);
await redis.set('bench', 'valor');
if ((await redis.get('bench')) !== 'valor') throw new Error('Redis GET no devolvió el valor');
const percentiles = (times) => {
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
};
async function timeEach(count, work) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}
const app = new Hono();
app.get('/first', (c) => c.json({ firstQueryAt, loadedAt }));
app.get('/bench', async (c) => {
  await timeEach(100, () => pool.query('SELECT name FROM items WHERE id = $1', [7]));
  const pgQuery = await timeEach(1000, () => pool.query('SELECT name FROM items WHERE id = $1', [7]));
  await timeEach(200, () => redis.get('bench'));
  const redisGet = await timeEach(2000, () => redis.get('bench'));
  return c.json({ pgQuery, redisGet });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT) });
`;

type BenchWindow = { sandboxInfraTest: { load(lab?: unknown): Promise<any> } };

export async function benchInfraEngine(options: { root?: string; port?: number } = {}): Promise<InfraEngineBench> {
  const root = options.root ?? fileURLToPath(new URL('..', import.meta.url));
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'dev/sandbox-infrastructure/index.html'))) throw new Error('dist/ lacks /dev/sandbox-infrastructure/; run npm run build.');
  const port = options.port ?? 4515;
  const server = await serveDist(dist, port);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const sizes: Promise<{ path: string; gzip: number }>[] = [];
    context.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      // When Playwright cannot give the body back, what crossed the network: a silent 0 here once left
      // pglite.data (2 MB gzip, then fetched by the worker as a Blob) out of the PostgreSQL figure.
      if (capabilityOf(path)) {
        sizes.push(response.body().then((body) => ({ path, gzip: gzipSync(body).length }), async () => ({ path, gzip: (await response.request().sizes()).responseBodySize })));
      }
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/dev/sandbox-infrastructure/`);
    await page.waitForSelector('body[data-ready="true"]');
    const fixtureStartMs = await page.evaluate(async () => {
      const t0 = performance.now();
      const engine = await (window as unknown as BenchWindow).sandboxInfraTest.load();
      await engine.start('notifications');
      await engine.start('orders');
      if (engine.status('orders').state !== 'running') throw new Error(`orders: ${JSON.stringify(engine.status('orders'))}`);
      const ms = performance.now() - t0;
      await engine.dispose();
      return Math.round(ms);
    });
    const bytes: InfraEngineBench['bytes'] = {};
    const seen = new Set<string>();
    for (const { path, gzip } of await Promise.all(sizes)) {
      if (seen.has(path)) continue;
      seen.add(path);
      const capability = capabilityOf(path)!;
      bytes[capability] ??= { files: 0, gzip: 0 };
      bytes[capability].files += 1;
      bytes[capability].gzip += gzip;
    }

    const broker = await page.evaluate(
      async ({ publisher, consumer }) => {
        const engine = await (window as unknown as BenchWindow).sandboxInfraTest.load({
          tree: { 'publisher/src/server.ts': publisher, 'consumer/src/server.ts': consumer },
          services: [
            { name: 'consumer', dir: 'consumer', port: 3201, env: {} },
            { name: 'publisher', dir: 'publisher', port: 3202, env: {} },
          ],
          infrastructure: { rabbitmq: true },
        });
        await engine.start('consumer');
        await engine.start('publisher');
        const stats = async () => JSON.parse((await engine.request({ service: 'consumer', method: 'GET', path: '/stats' })).text);
        const waitFor = async (count: number) => {
          for (let i = 0; i < 600; i++) {
            const current = await stats();
            if (current.count >= count) return current;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          throw new Error('the consumer did not receive every message');
        };
        // Warm-up, then 300 spaced messages for latency.
        await engine.request({ service: 'publisher', method: 'POST', path: '/publish?count=50&gapMs=2' });
        await waitFor(50);
        await engine.request({ service: 'consumer', method: 'POST', path: '/reset' });
        await engine.request({ service: 'publisher', method: 'POST', path: '/publish?count=300&gapMs=3' });
        const latency = await waitFor(300);
        await engine.request({ service: 'consumer', method: 'POST', path: '/reset' });
        const burst = JSON.parse((await engine.request({ service: 'publisher', method: 'POST', path: '/publish?count=5000&gapMs=0' })).text);
        const done = await waitFor(5000);
        await engine.dispose();
        return { messages: 300, p50Ms: latency.p50, p95Ms: latency.p95, perSecond: 5000 / ((done.lastAt - burst.startedAt) / 1000) };
      },
      { publisher: PUBLISHER, consumer: CONSUMER },
    );
    // lab.yaml `replicas: 3`: each replica its own worker; healthy = all three answer.
    const tracking = readFileSync(join(root, 'src/sandbox/engines/browser/testing/replicas-lab/tracking/src/server.ts'), 'utf8');
    const replicas = await page.evaluate(async (source) => {
      const engine = await (window as unknown as BenchWindow).sandboxInfraTest.load({
        tree: { 'tracking/src/server.ts': source },
        services: [{ name: 'tracking', dir: 'tracking', port: 3310, env: {}, replicas: 3 }],
      });
      const healthy = async () => {
        const t0 = performance.now();
        await engine.start('tracking');
        const answers = await Promise.all([1, 2, 3].map(async (replica) => JSON.parse((await engine.request({ service: 'tracking', replica, method: 'GET', path: '/whoami' })).text).replica));
        if (answers.join() !== 'tracking-1,tracking-2,tracking-3') throw new Error(`replicas answered ${answers.join()}`);
        return Math.round(performance.now() - t0);
      };
      const startMs = await healthy();
      // A restart (after Ctrl+S) adopts the spare workers prepared meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const restartMs = await healthy();
      await engine.dispose();
      return { startMs, restartMs };
    }, tracking);
    await context.close();
    const { data, pgColdBreakdown } = await benchData(browser, port);
    return { bytes, fixtureStartMs, broker, replicas, data, pgColdBreakdown };
  } finally {
    await browser.close();
    server.close();
  }
}

/** PostgreSQL (PGlite) and Redis from a service worker: the median of 3 fresh contexts for the cold first query. */
async function benchData(browser: import('@playwright/test').Browser, port: number): Promise<Pick<InfraEngineBench, 'data' | 'pgColdBreakdown'>> {
  const runs: Array<InfraEngineBench['data']> = [];
  const breakdowns: PgColdBreakdown[] = [];
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/dev/sandbox-infrastructure/`);
      await page.waitForSelector('body[data-ready="true"]');
      const run = await page.evaluate(async (source) => {
          const clock = () => performance.timeOrigin + performance.now();
          const t0 = clock();
          const engine = await (window as unknown as BenchWindow).sandboxInfraTest.load({
            tree: { 'db/src/server.ts': source },
            services: [{ name: 'db', dir: 'db', port: 3320, env: {} }],
            infrastructure: { redis: true, postgres: { databases: { bench: 'db' } } },
            // Plain JavaScript: its own compiled form, as the build gives a lab's files (no compiler in the cold path).
            compiled: [{ source, code: source }],
          });
          const started = clock();
          await engine.start('db');
          if (engine.status('db').state !== 'running') throw new Error(`db: ${JSON.stringify(engine.status('db'))} ${engine.logs('db').join('\n')}`);
          const first = async () => JSON.parse((await engine.request({ service: 'db', method: 'GET', path: '/first' })).text).firstQueryAt as number;
          const coldAnswer = JSON.parse((await engine.request({ service: 'db', method: 'GET', path: '/first' })).text) as { firstQueryAt: number; loadedAt: number };
          const cold = coldAnswer.firstQueryAt;
          const restarted = clock();
          await engine.start('db');
          const again = await first();
          const bench = JSON.parse((await engine.request({ service: 'db', method: 'GET', path: '/bench' })).text);
          (window as unknown as { benchEngine: unknown }).benchEngine = engine;
          return {
            t0,
            serviceLoadedMs: Math.round(coldAnswer.loadedAt - t0),
            pgFirstQueryColdMs: Math.round(cold - t0),
            pgFirstQueryFromStartMs: Math.round(cold - started),
            pgFirstQueryAfterRestartMs: Math.round(again - restarted),
            pgQueryP50Ms: bench.pgQuery.p50,
            pgQueryP95Ms: bench.pgQuery.p95,
            redisGetP50Ms: bench.redisGet.p50,
            redisGetP95Ms: bench.redisGet.p95,
          };
        }, DATA);
      const { t0, serviceLoadedMs, ...figures } = run;
      runs.push(figures);
      // The infrastructure worker's own timeline: its PostgreSQL downloads and PostgresHost's phases.
      const infraWorker = page.workers().find((worker) => worker.url().includes('/infra/host-worker.js'));
      const timeline = await infraWorker!.evaluate(() => ({
        origin: performance.timeOrigin,
        resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((entry) => /\/(pglite\/|infra\/postgres-host\.js)/.test(entry.name))
          .map((entry) => ({ name: entry.name, start: entry.startTime, end: entry.responseEnd, transfer: entry.encodedBodySize, bytes: entry.decodedBodySize })),
        measures: performance.getEntriesByType('measure').map((entry) => ({ name: entry.name, start: entry.startTime, duration: entry.duration })),
      }));
      const at = (time: number) => Math.round(timeline.origin + time - t0);
      const measure = (phase: string) => timeline.measures.find((entry) => entry.name === `postgres:bench:${phase}`)!;
      breakdowns.push({
        files: timeline.resources.map((entry) => ({ file: new URL(entry.name).pathname.split('/').slice(-2).join('/'), startMs: at(entry.start), endMs: at(entry.end), transferBytes: entry.transfer, bytes: entry.bytes })),
        assetsReadyMs: at(measure('assets').start + measure('assets').duration),
        createMs: Math.round(measure('create').duration),
        serviceLoadedMs,
        firstQueryMs: figures.pgFirstQueryColdMs,
      });
      await page.evaluate(() => (window as unknown as { benchEngine: { dispose(): Promise<void> } }).benchEngine.dispose());
    } finally {
      await context.close();
    }
  }
  const median = (pick: (r: InfraEngineBench['data']) => number) => runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  const medianRun = breakdowns.find((breakdown) => breakdown.firstQueryMs === median((r) => r.pgFirstQueryColdMs))!;
  return { pgColdBreakdown: medianRun, data: {
    pgFirstQueryColdMs: median((r) => r.pgFirstQueryColdMs),
    pgFirstQueryFromStartMs: median((r) => r.pgFirstQueryFromStartMs),
    pgFirstQueryAfterRestartMs: median((r) => r.pgFirstQueryAfterRestartMs),
    pgQueryP50Ms: median((r) => r.pgQueryP50Ms),
    pgQueryP95Ms: median((r) => r.pgQueryP95Ms),
    redisGetP50Ms: median((r) => r.redisGetP50Ms),
    redisGetP95Ms: median((r) => r.redisGetP95Ms),
  } };
}

/** The cold first query and where its time went (the breakdown of the median run). */
function printPostgresCold({ data: d, pgColdBreakdown: b }: Pick<InfraEngineBench, 'data' | 'pgColdBreakdown'>): void {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(
    `  PostgreSQL (PGlite) con pg desde un servicio: primera consulta en frío ${d.pgFirstQueryColdMs} ms desde montar (${d.pgFirstQueryFromStartMs} ms desde Ejecutar; presupuesto ≤ 1500 ms), ${d.pgFirstQueryAfterRestartMs} ms tras reiniciar el servicio`,
  );
  console.log('    desglose de la ejecución mediana (ms desde montar; descargas del worker de infraestructura):');
  // PGlite's JavaScript chunks as one line; the big files one each.
  const chunks = b.files.filter((file) => file.file.endsWith('.js'));
  const rows = [
    ...(chunks.length > 0
      ? [{ file: `JavaScript (${chunks.length} archivos)`, startMs: Math.min(...chunks.map((f) => f.startMs)), endMs: Math.max(...chunks.map((f) => f.endMs)), transferBytes: chunks.reduce((n, f) => n + f.transferBytes, 0), bytes: chunks.reduce((n, f) => n + f.bytes, 0) }]
      : []),
    ...b.files.filter((file) => !file.file.endsWith('.js')),
  ];
  for (const row of rows) console.log(`      ${row.file.padEnd(28)} ${String(row.startMs).padStart(5)} → ${String(row.endMs).padStart(5)} ms  ${kib(row.transferBytes).padStart(11)} transferidos, ${kib(row.bytes)} descomprimidos`);
  console.log(`      todo descargado y el WebAssembly compilado: ${b.assetsReadyMs} ms · PGlite.create (instanciar, cargar la plantilla, arrancar el backend): ${b.createMs} ms · primera consulta: ${b.firstQueryMs} ms`);
  console.log(`      el servicio cargó sus módulos (pg, ioredis, hono) a los ${b.serviceLoadedMs} ms y esperó a la base de datos`);
}

export function printInfraEngineBench(result: InfraEngineBench): void {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log('\nInfraestructura en el motor del navegador (Chromium)');
  console.log('  lo que descarga cada capacidad (solo en laboratorios que la declaran; gzip):');
  for (const [capability, { files, gzip }] of Object.entries(result.bytes)) console.log(`    ${capability.padEnd(28)} ${kib(gzip).padStart(12)}  (${files} archivos)`);
  console.log(`  laboratorio con RabbitMQ + Redis + PostgreSQL, montar → dos servicios en marcha: ${result.fixtureStartMs} ms`);
  console.log(
    `  RabbitMQ entre dos workers con amqplib: publicar → consumir p50 ${result.broker.p50Ms.toFixed(2)} ms, p95 ${result.broker.p95Ms.toFixed(2)} ms; ${Math.round(result.broker.perSecond)} mensajes/s`,
  );
  console.log(
    `  servicio con 3 réplicas (un worker cada una), Ejecutar → las tres responden: ${result.replicas.startMs} ms al arrancar, ${result.replicas.restartMs} ms al reiniciar (presupuesto 1000 ms)`,
  );
  printPostgresCold(result);
  const d = result.data;
  console.log(`  PostgreSQL, consulta simple desde el worker: p50 ${d.pgQueryP50Ms.toFixed(2)} ms (presupuesto ≤ 3 ms), p95 ${d.pgQueryP95Ms.toFixed(2)} ms`);
  console.log(`  Redis GET con ioredis desde el worker: p50 ${d.redisGetP50Ms.toFixed(2)} ms (presupuesto ≤ 1 ms), p95 ${d.redisGetP95Ms.toFixed(2)} ms`);
}

/** Only the PostgreSQL cold start (`node scripts/infra-engine-bench.ts --postgres`), for work on it. */
export async function benchPostgresCold(options: { root?: string; port?: number } = {}): Promise<Pick<InfraEngineBench, 'data' | 'pgColdBreakdown'>> {
  const root = options.root ?? fileURLToPath(new URL('..', import.meta.url));
  const port = options.port ?? 4515;
  const server = await serveDist(join(root, 'dist'), port);
  const browser = await launchChromium();
  try {
    return await benchData(browser, port);
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.main && process.argv.includes('--postgres')) {
  const port = Number(process.env.BENCH_PORT ?? 4515);
  printPostgresCold(await benchPostgresCold({ port }));
} else if (import.meta.main) printInfraEngineBench(await benchInfraEngine());
