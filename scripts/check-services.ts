/**
 * Are the servers the tests need answering? Checked at the protocol level, not just the port:
 * PostgreSQL runs `SELECT 1` through node-postgres, Redis answers PING with PONG, RabbitMQ answers
 * the AMQP 0-9-1 protocol header with Connection.Start. Run by .ci/run before the tests, so a
 * missing server fails with its name and the command that starts it instead of hundreds of
 * ECONNREFUSED. Usage: `npm run check:services` (env DATABASE_URL, REDIS_URL, AMQP_URL override).
 */
import net from 'node:net';
import pg from 'pg';

export interface ServiceCheck {
  name: string;
  url: string;
  /** How to start it on a machine like CI's (Debian packages, no Docker). */
  start: string;
  /** Its service in compose.yaml. */
  composeService: string;
  probe(url: URL, timeoutMs: number): Promise<string>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  message: string;
}

export const defaultChecks: ServiceCheck[] = [
  {
    name: 'PostgreSQL',
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    start: "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    composeService: 'postgres',
    probe: probePostgres,
  },
  {
    name: 'Redis',
    url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    start:
      'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
    composeService: 'redis',
    probe: probeRedis,
  },
  {
    name: 'RabbitMQ',
    url: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    start: 'rabbitmq-server -detached',
    composeService: 'rabbitmq',
    probe: probeAmqp,
  },
];

export async function checkServices(checks: ServiceCheck[] = defaultChecks, timeoutMs = 3000): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      const url = new URL(check.url);
      const where = `${url.hostname}:${url.port}`;
      try {
        const detail = await check.probe(url, timeoutMs);
        return { name: check.name, ok: true, message: `✓ ${check.name} answers at ${where} (${detail})` };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          name: check.name,
          ok: false,
          message: `✗ ${check.name} does not answer at ${where}: ${reason}\n  Start it with: ${check.start}\n  (or with Docker: docker compose up -d --wait ${check.composeService})`,
        };
      }
    }),
  );
}

async function probePostgres(url: URL, timeoutMs: number): Promise<string> {
  const client = new pg.Client({ connectionString: url.href, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query('SELECT 1 AS ok, current_setting($1) AS version', ['server_version']);
    if (rows[0]?.ok !== 1) throw new Error('SELECT 1 did not answer 1');
    return `SELECT 1, server ${rows[0].version}`;
  } finally {
    await client.end().catch(() => {});
  }
}

async function probeRedis(url: URL, timeoutMs: number): Promise<string> {
  const answer = await exchange(url, timeoutMs, Buffer.from('*1\r\n$4\r\nPING\r\n'), (data) => data.includes(0x0a));
  const text = answer.toString('latin1').trim();
  if (text !== '+PONG') throw new Error(`PING answered ${JSON.stringify(text.slice(0, 60))}, not +PONG`);
  return 'PING → PONG';
}

/** AMQP 0-9-1 §4.2.2: after the protocol header the server sends a Connection.Start method frame. */
async function probeAmqp(url: URL, timeoutMs: number): Promise<string> {
  const header = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1]); // "AMQP" 0 0 9 1
  const answer = await exchange(url, timeoutMs, header, (data) => data.length >= 11);
  const isMethodFrame = answer[0] === 1 && answer.readUInt16BE(1) === 0;
  const isConnectionStart = answer.length >= 11 && answer.readUInt16BE(7) === 10 && answer.readUInt16BE(9) === 10;
  if (!isMethodFrame || !isConnectionStart) {
    throw new Error(`the AMQP 0-9-1 header was not answered with Connection.Start (got ${answer.subarray(0, 12).toString('hex')})`);
  }
  return 'AMQP 0-9-1 Connection.Start';
}

/** Connects, writes `request`, collects bytes until `complete` says so; then closes. */
function exchange(url: URL, timeoutMs: number, request: Buffer, complete: (data: Buffer) => boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    let received = Buffer.alloc(0);
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(received);
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (complete(received)) finish(null);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(new Error(error.code ?? error.message)));
    socket.on('end', () => finish(received.length > 0 ? null : new Error('the connection was closed without an answer')));
  });
}

if (import.meta.main) {
  const results = await checkServices();
  for (const result of results) console[result.ok ? 'log' : 'error'](result.message);
  if (results.some((result) => !result.ok)) {
    console.error('\nThe tests need these servers running (see README.md, "Servers for the tests").');
    process.exit(1);
  }
}
