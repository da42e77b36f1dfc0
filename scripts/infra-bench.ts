/**
 * Budgets of the emulated infrastructure (issue 14), measured in Node across a real MessageChannel
 * (the boundary a service worker will use): Redis GET p50 ≤ 1 ms; PostgreSQL first query after a
 * service (re)start ≤ 1.5 s cold and simple query p50 ≤ 3 ms. Printed, not asserted (tests check
 * behaviour). Run alone with `node scripts/infra-bench.ts`; `npm run bench` includes it.
 */
import { connectInfrastructure, createInfrastructureServer } from '../src/sandbox/infra/port.ts';
import { createPgModule } from '../src/sandbox/infra/postgres/client.ts';
import { PostgresHost } from '../src/sandbox/infra/postgres/host.ts';
import { createTemplate } from '../src/sandbox/infra/postgres/template.ts';
import { createRedisClass } from '../src/sandbox/infra/redis/client.ts';
import { RedisHost } from '../src/sandbox/infra/redis/host.ts';

export interface InfraBench {
  redisGetP50Ms: number;
  redisGetP95Ms: number;
  pgTemplateMs: number;
  pgFirstQueryNewDatabaseMs: number;
  pgFirstQueryAfterRestartMs: number;
  pgSimpleQueryP50Ms: number;
  pgSimpleQueryP95Ms: number;
}

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(3));
};

async function timeEach(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function benchInfrastructure(): Promise<InfraBench> {
  const redisHost = new RedisHost(`bench-${process.pid}`);
  const started = performance.now();
  const template = await createTemplate('none');
  const pgTemplateMs = Math.round(performance.now() - started);
  const pgHost = new PostgresHost({ template: async () => template });
  const server = createInfrastructureServer({ redis: redisHost, postgres: pgHost });
  const { port1, port2 } = new MessageChannel();
  server.connect(port1);
  const channels = connectInfrastructure(port2);

  try {
    const Redis = createRedisClass(channels.redis);
    const redis = new Redis() as unknown as { set(k: string, v: string): Promise<unknown>; get(k: string): Promise<unknown>; quit(): Promise<unknown> };
    await redis.set('bench', 'valor');
    await timeEach(200, () => redis.get('bench')); // warm-up
    const gets = await timeEach(2000, () => redis.get('bench'));
    await redis.quit();

    const { Pool } = createPgModule(channels.postgres);
    // A service whose database does not exist yet: the host loads the template data directory.
    let start = performance.now();
    let pool = new Pool({ database: 'orders' });
    await pool.query('SELECT 1');
    const pgFirstQueryNewDatabaseMs = Math.round(performance.now() - start);
    await pool.query('CREATE TABLE items (id int PRIMARY KEY, name text)');
    await pool.query("INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g");
    await pool.end();
    // The service restarts (its worker is new; the database lives on in the host).
    start = performance.now();
    pool = new Pool({ database: 'orders' });
    await pool.query('SELECT name FROM items WHERE id = $1', [1]);
    const pgFirstQueryAfterRestartMs = Number((performance.now() - start).toFixed(1));
    await timeEach(100, () => pool.query('SELECT name FROM items WHERE id = $1', [7]));
    const queries = await timeEach(1000, () => pool.query('SELECT name FROM items WHERE id = $1', [7]));
    await pool.end();

    return {
      redisGetP50Ms: percentile(gets, 50),
      redisGetP95Ms: percentile(gets, 95),
      pgTemplateMs,
      pgFirstQueryNewDatabaseMs,
      pgFirstQueryAfterRestartMs,
      pgSimpleQueryP50Ms: percentile(queries, 50),
      pgSimpleQueryP95Ms: percentile(queries, 95),
    };
  } finally {
    await server.disconnect(port1);
    port1.close();
    port2.close();
    await pgHost.close();
  }
}

export function printInfraBench(result: InfraBench): void {
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  console.log('\nInfraestructura emulada (Node, a través de un MessageChannel)');
  console.log(`  Redis GET: p50 ${result.redisGetP50Ms} ms ${mark(result.redisGetP50Ms <= 1)} ≤ 1 ms, p95 ${result.redisGetP95Ms} ms`);
  console.log(`  PostgreSQL, plantilla del directorio de datos (initdb, en build): ${result.pgTemplateMs} ms`);
  console.log(
    `  PostgreSQL, primera consulta de un servicio con base nueva (desde la plantilla): ${result.pgFirstQueryNewDatabaseMs} ms ${mark(result.pgFirstQueryNewDatabaseMs <= 1500)} ≤ 1500 ms`,
  );
  console.log(`  PostgreSQL, primera consulta tras reiniciar el servicio: ${result.pgFirstQueryAfterRestartMs} ms`);
  console.log(
    `  PostgreSQL, consulta simple: p50 ${result.pgSimpleQueryP50Ms} ms ${mark(result.pgSimpleQueryP50Ms <= 3)} ≤ 3 ms, p95 ${result.pgSimpleQueryP95Ms} ms`,
  );
}

if (import.meta.main) printInfraBench(await benchInfrastructure());
