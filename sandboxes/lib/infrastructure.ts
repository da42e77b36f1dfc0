// The real servers for one run of a lab in Node (checks in CI, tests, `npm run foodly`), isolated
// so that parallel runs on one machine never see each other's data:
// - PostgreSQL: a fresh database per declared database (`CREATE DATABASE`), dropped afterwards.
// - Redis: a DB index of its own (1-15), claimed with a lock key in DB 0, flushed before and after.
//   Pub/sub channels are server-wide in Redis (not per DB), so two parallel runs publishing on the
//   same channel would see each other's messages: acceptable for checks, documented.
// - RabbitMQ: a vhost of its own (`rabbitmqctl add_vhost`, permissions for the URL's user),
//   deleted afterwards. rabbitmqctl needs to run as root or the rabbitmq user (the Erlang cookie);
//   where it cannot, the run uses the URL's vhost as it is and says so.
// Server addresses come from the same env vars check-services uses (AMQP_URL, REDIS_URL,
// DATABASE_URL). A server that does not answer (always Kafka here and in CI), or every server with
// FOODLY_INFRA=memory (`npm run foodly -- <lab> --infra memory`), is replaced by the emulation the
// sandbox engines use, in this process (src/sandbox/infra/node/host.ts: the broker, the Kafka
// cluster, ioredis-mock, PGlite with one database per declared database), and the services get
// `--import` of a resolve hook that maps that server's client (`amqplib`, `kafkajs`, `ioredis`,
// `pg`) to the sandbox's shim, which reaches it over TCP on 127.0.0.1. Learner code is unchanged.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { ConsumerTarget, InfrastructureSnapshot } from '../../src/sandbox/contract/capabilities.ts';
import type { InfrastructureHost } from '../../src/sandbox/infra/node/host.ts';
import { declaredKinds, type InfrastructureAddresses, type InfrastructureKind, type InfrastructureSpec } from '../../src/sandbox/contract/infrastructure.ts';
import { RealServers } from './real-infrastructure.ts';

const run = promisify(execFile);

export const SERVER_URLS = {
  amqp: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
  redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  postgres: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  kafka: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
};

/** Whether a TCP server answers at `host:port` (within 1 s). */
function answers(address: string): Promise<boolean> {
  const at = address.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = connect({ host: address.slice(0, at), port: Number(address.slice(at + 1)) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The client library each emulated server's shim stands for (resolve hook, infra/node/hooks.ts). */
const CLIENT_OF = { rabbitmq: 'amqplib', kafka: 'kafkajs', redis: 'ioredis', postgres: 'pg' } as const;

let pgliteTemplate: Promise<Blob> | undefined;

/** The emulated servers for Node services: the host in this process, the hook and shims in a temp folder. */
async function emulate(
  kinds: InfrastructureKind[],
  databases: Record<string, string>,
  onChange: (kind: InfrastructureKind) => void,
): Promise<{ nodeArgs: string[]; env: Record<string, string>; address: string; host: InfrastructureHost; dispose(): Promise<void> }> {
  const [{ startInfrastructureHost }, { buildNodeInfrastructureBundles, resolveHookFiles }] = await Promise.all([
    import('../../src/sandbox/infra/node/host.ts'),
    import('../../src/sandbox/infra/node/bundles.ts'),
  ]);
  const bundles = await buildNodeInfrastructureBundles();
  const dir = await mkdtemp(join(tmpdir(), 'foodly-infra-'));
  const modules: Record<string, string> = {};
  for (const kind of kinds) {
    const client = CLIENT_OF[kind];
    const shim = join(dir, `${client}.mjs`);
    await writeFile(shim, bundles[`${client}.mjs`]!);
    modules[client] = pathToFileURL(shim).href;
  }
  const { register, hooks } = resolveHookFiles(modules);
  await writeFile(join(dir, 'register.mjs'), register);
  await writeFile(join(dir, 'hooks.mjs'), hooks);
  // New databases start from one PGlite data directory made once per process (initdb takes seconds).
  const postgresTemplate = kinds.includes('postgres')
    ? () => (pgliteTemplate ??= import('../../src/sandbox/infra/postgres/template.ts').then(({ createTemplate }) => createTemplate('none')))
    : undefined;
  const host = await startInfrastructureHost({ kinds, databases, postgresTemplate, onChange }).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const address = `127.0.0.1:${host.port}`;
  return {
    nodeArgs: ['--import', pathToFileURL(join(dir, 'register.mjs')).href],
    env: { SANDBOX_INFRASTRUCTURE: kinds.join(','), SANDBOX_INFRA_HOST: address },
    address,
    host,
    async dispose() {
      await host.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** host:port of a server URL (`postgres://…`, `redis://…`, `amqp://…`), with the protocol's default port. */
function serverAddress(url: string, defaultPort: number): string {
  const parsed = new URL(url);
  return `${parsed.hostname || '127.0.0.1'}:${parsed.port || defaultPort}`;
}

export interface ProvisionOptions {
  /** Servers to emulate even if they answer; 'all' is FOODLY_INFRA=memory. Default: from FOODLY_INFRA. */
  emulate?: 'all' | InfrastructureKind[];
}

export interface ProvisionedInfrastructure {
  addresses: InfrastructureAddresses;
  /** How this run is isolated, one line per server (printed by npm run foodly). */
  notes: string[];
  /** Node arguments and env every service process of the run needs (the emulated servers' hook). */
  nodeArgs: string[];
  env: Record<string, string>;
  /**
   * The brokers' chaos controls, only when every broker the lab declares is emulated here (or it
   * declares none): a real RabbitMQ has no "pause this consumer" and its connections are not
   * ours to drop, so against real servers checks get no ctx.chaos and take their other path.
   */
  brokerChaos?: {
    setConsumerPaused(target: ConsumerTarget, paused: boolean): void;
    dropConnections(service: string, kind: 'rabbitmq' | 'kafka'): number;
  };
  /** The capability 'infrastructure' over this run's servers, emulated or real (the Node engine's). */
  view: InfrastructureView;
  dispose(): Promise<void>;
}

export interface InfrastructureView {
  /** What the servers hold: the emulated host's own snapshot plus the real servers' (./real-infrastructure.ts). */
  snapshot(): Promise<Omit<InfrastructureSnapshot, 'declared'>>;
  /** Empties every server as a fresh `docker compose up` would. Call it with the services stopped. */
  reset(): Promise<void>;
  /** The kinds that changed, at most every CHANGE_THROTTLE_MS (see `watch` below for the real servers). */
  onChange(listener: (kinds: InfrastructureKind[]) => void): () => void;
  /** Declared servers the snapshot leaves out, one line each saying why (the engine logs them). */
  unobserved: string[];
}

/** As the browser engine's infrastructure worker (host-worker.ts): at most 4 notifications a second. */
const CHANGE_THROTTLE_MS = 250;
/** The real servers are polled at most twice a second, and only while someone listens. */
const POLL_INTERVAL_MS = 500;

/** Creates this run's databases, Redis DB and vhost; `dispose()` deletes them. */
export async function provisionInfrastructure(spec: InfrastructureSpec | undefined, runId: string, options: ProvisionOptions = {}): Promise<ProvisionedInfrastructure> {
  const cleanups: (() => Promise<void>)[] = [];
  const notes: string[] = [];
  const safeId = runId.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  const databases = new Map<string, string>();
  let amqpUrl = SERVER_URLS.amqp;
  let redisUrl = SERVER_URLS.redis;
  const nodeArgs: string[] = [];
  const env: Record<string, string> = {};
  const dispose = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };

  const forced = options.emulate ?? (process.env.FOODLY_INFRA === 'memory' ? 'all' : []);
  const defaultPorts = { rabbitmq: 5672, redis: 6379, postgres: 5432 } as const;
  const urlOf = { rabbitmq: SERVER_URLS.amqp, redis: SERVER_URLS.redis, postgres: SERVER_URLS.postgres } as const;
  /** Declared servers this run emulates, each with the reason the notes give. */
  const emulated = new Map<InfrastructureKind, string>();
  for (const kind of declaredKinds(spec)) {
    if (forced === 'all' || forced.includes(kind)) emulated.set(kind, 'FOODLY_INFRA=memory');
    else if (kind === 'kafka') {
      const brokers = process.env.KAFKA_BROKERS;
      if (!brokers || !(await answers(brokers.split(',')[0]!.trim()))) emulated.set(kind, `no hay un servidor en ${SERVER_URLS.kafka}`);
    } else {
      const address = serverAddress(urlOf[kind], defaultPorts[kind]);
      if (!(await answers(address))) emulated.set(kind, `no hay un servidor en ${address}`);
    }
  }
  const names = { rabbitmq: 'RabbitMQ', kafka: 'Kafka', redis: 'Redis', postgres: 'PostgreSQL' } as const;
  let emulatedPostgres = false;
  let emulatedHost: InfrastructureHost | undefined;
  const changes = changeFeed();
  let realRabbit: { vhost: string; url: string } | undefined;
  const unobserved: string[] = [];

  try {
    if (emulated.size > 0) {
      const host = await emulate([...emulated.keys()], spec?.postgres?.databases ?? {}, changes.note);
      cleanups.push(host.dispose);
      nodeArgs.push(...host.nodeArgs);
      Object.assign(env, host.env);
      emulatedPostgres = emulated.has('postgres');
      emulatedHost = host.host;
      for (const [kind, why] of emulated) notes.push(`${names[kind]}: emulado${kind === 'postgres' ? ' con PGlite' : ''} (${host.address}; ${why})`);
    }

    if (spec?.postgres && !emulatedPostgres) {
      const admin = new pg.Client({ connectionString: SERVER_URLS.postgres });
      await admin.connect();
      try {
        for (const name of Object.keys(spec.postgres.databases)) {
          const actual = `foodly_${safeId}_${name}`.slice(0, 63);
          await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(actual)}`);
          databases.set(name, actual);
          cleanups.push(async () => {
            const dropper = new pg.Client({ connectionString: SERVER_URLS.postgres });
            await dropper.connect();
            try {
              // WITH (FORCE) ends sessions a killed service left behind (PostgreSQL 13+).
              await dropper.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(actual)} WITH (FORCE)`);
            } finally {
              await dropper.end();
            }
          });
        }
      } finally {
        await admin.end();
      }
      notes.push(`PostgreSQL: ${[...databases].map(([name, actual]) => `${name} → ${actual}`).join(', ')}`);
    }

    if (spec?.redis && !emulated.has('redis')) {
      const { url, release } = await claimRedisDb(runId);
      redisUrl = url;
      cleanups.push(release);
      notes.push(`Redis: ${url}`);
    }

    if (spec?.rabbitmq && !emulated.has('rabbitmq')) {
      const vhost = `foodly-${safeId}`;
      const created = await createVhost(vhost, new URL(SERVER_URLS.amqp).username || 'guest');
      if (created) {
        const url = new URL(SERVER_URLS.amqp);
        url.pathname = `/${encodeURIComponent(vhost)}`;
        amqpUrl = url.href;
        realRabbit = { vhost, url: url.href };
        cleanups.push(() => run('rabbitmqctl', ['delete_vhost', vhost], { timeout: 60_000 }).then(() => undefined));
        notes.push(`RabbitMQ: vhost ${vhost}`);
      } else {
        notes.push(`RabbitMQ: rabbitmqctl no está disponible; se usa ${SERVER_URLS.amqp} sin aislar`);
        unobserved.push(`RabbitMQ no aparece en Infraestructura: sin rabbitmqctl no hay forma de listar colas e intercambios (${SERVER_URLS.amqp}, sin aislar).`);
      }
    }

    if (spec?.kafka && !emulated.has('kafka')) {
      notes.push(`Kafka: ${process.env.KAFKA_BROKERS}`);
      unobserved.push(`Kafka no aparece en Infraestructura: el motor de Node solo la muestra emulada (${process.env.KAFKA_BROKERS} es un servidor real).`);
    }
  } catch (error) {
    await dispose();
    throw error;
  }

  const postgresBase = new URL(SERVER_URLS.postgres);
  const owners = spec?.postgres?.databases ?? {};
  const real = new RealServers({
    postgresAdminUrl: SERVER_URLS.postgres,
    databases: new Map([...databases].map(([name, actual]) => [name, { actual, owner: owners[name] ?? '' }])),
    ...(spec?.redis && !emulated.has('redis') ? { redisUrl } : {}),
    ...(realRabbit ? { rabbitmq: realRabbit } : {}),
  });
  const stopPolling = new Set<() => void>();
  const view: InfrastructureView = {
    async snapshot() {
      const [hosted, servers] = await Promise.all([emulatedHost?.snapshot() ?? {}, real.snapshot()]);
      return { ...hosted, ...servers };
    },
    async reset() {
      await Promise.all([emulatedHost?.reset(), real.reset()]);
      changes.note(...declaredKinds(spec));
    },
    onChange(listener) {
      const off = changes.listen(listener);
      // Real servers have no change feed we can subscribe to (no management plugin, keyspace
      // notifications off by default, no logical decoding setup), so while someone listens they
      // are polled: each kind read again at most every POLL_INTERVAL_MS, after the previous read
      // ended (rabbitmqctl takes seconds, so RabbitMQ is in practice read every few seconds), and
      // a change of what the panel shows is reported. Nobody listening: nothing polls.
      if (changes.size() === 1) for (const kind of real.kinds) stopPolling.add(poll(() => real.snapshot([kind]), () => changes.note(kind)));
      return () => {
        off();
        if (changes.size() > 0) return;
        for (const stop of stopPolling) stop();
        stopPolling.clear();
      };
    },
    unobserved,
  };
  // Run first by dispose() (cleanups run last-in first-out): no poll may read a server being deleted.
  cleanups.push(async () => {
    for (const stop of stopPolling) stop();
    stopPolling.clear();
    changes.close();
  });
  return {
    addresses: {
      amqpUrl,
      redisUrl,
      kafkaBrokers: SERVER_URLS.kafka,
      databaseUrl(name) {
        // The emulation's databases are the declared names (the shim reads the name from the URL).
        if (emulatedPostgres) return `postgres://postgres@127.0.0.1:5432/${name}`;
        const url = new URL(postgresBase.href);
        url.pathname = `/${databases.get(name) ?? name}`;
        return url.href;
      },
    },
    notes,
    nodeArgs,
    env,
    ...(brokersEmulated(spec, emulated)
      ? {
          brokerChaos: {
            setConsumerPaused(target: ConsumerTarget, paused: boolean) {
              if (!emulatedHost || !emulated.has(target.kind)) throw new Error('Este laboratorio no declara ningún broker.');
              emulatedHost.setConsumerPaused(target, paused);
            },
            dropConnections: (service: string, kind: 'rabbitmq' | 'kafka') => (emulatedHost && emulated.has(kind) ? emulatedHost.dropConnections(service, kind) : 0),
          },
        }
      : {}),
    view,
    dispose,
  };
}

/** Listeners of changes, told which kinds changed at most every CHANGE_THROTTLE_MS (the first at once). */
function changeFeed() {
  const listeners = new Set<(kinds: InfrastructureKind[]) => void>();
  const changed = new Set<InfrastructureKind>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSent = 0;
  const flush = () => {
    timer = undefined;
    if (changed.size === 0) return;
    lastSent = Date.now();
    const kinds = [...changed];
    changed.clear();
    for (const listener of [...listeners]) listener(kinds);
  };
  return {
    note(...kinds: InfrastructureKind[]) {
      if (listeners.size === 0) return;
      for (const kind of kinds) changed.add(kind);
      timer ??= setTimeout(flush, Math.max(0, lastSent + CHANGE_THROTTLE_MS - Date.now()));
    },
    listen(listener: (kinds: InfrastructureKind[]) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    size: () => listeners.size,
    close() {
      listeners.clear();
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * Reads `read` again and again (the next read POLL_INTERVAL_MS after the previous one started, or
 * when it ends if it took longer) and calls `changed` when what the panel shows differs from the
 * previous read. TTLs count down on every read, so only whether a key has one is compared. A read
 * that fails (a database being reset) is skipped. Returns the function that stops it.
 */
function poll(read: () => Promise<unknown>, changed: () => void): () => void {
  let active = true;
  let previous: string | undefined;
  let wake: (() => void) | undefined;
  void (async () => {
    while (active) {
      const started = Date.now();
      const current = await read().then(
        (value) => JSON.stringify(value, (key, field: unknown) => (key === 'ttlMs' ? field !== null : field)),
        () => undefined,
      );
      if (!active) break;
      if (current !== undefined) {
        if (previous !== undefined && current !== previous) changed();
        previous = current;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.max(0, started + POLL_INTERVAL_MS - Date.now()));
      });
    }
  })();
  return () => {
    active = false;
    wake?.();
  };
}

/** Whether every broker the lab declares (RabbitMQ, Kafka) runs emulated in this process. */
function brokersEmulated(spec: InfrastructureSpec | undefined, emulated: Map<InfrastructureKind, string>): boolean {
  return (!spec?.rabbitmq || emulated.has('rabbitmq')) && (!spec?.kafka || emulated.has('kafka'));
}

async function createVhost(vhost: string, user: string): Promise<boolean> {
  try {
    await run('rabbitmqctl', ['add_vhost', vhost], { timeout: 60_000 });
  } catch {
    return false;
  }
  await run('rabbitmqctl', ['set_permissions', '-p', vhost, user, '.*', '.*', '.*'], { timeout: 60_000 });
  return true;
}

const LOCK_TTL_S = 6 * 3600;

/** A Redis DB index no other run holds: `SET foodly:db-lock:<n> NX` in DB 0, flushed on claim and release. */
async function claimRedisDb(runId: string): Promise<{ url: string; release(): Promise<void> }> {
  const base = new URL(SERVER_URLS.redis);
  const control = new Redis(base.href, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await control.connect();
  try {
    for (let db = 1; db <= 15; db++) {
      const key = `foodly:db-lock:${db}`;
      if ((await control.set(key, runId, 'EX', LOCK_TTL_S, 'NX')) !== 'OK') continue;
      const url = new URL(base.href);
      url.pathname = `/${db}`;
      const flush = async () => {
        const client = new Redis(url.href, { lazyConnect: true, maxRetriesPerRequest: 1 });
        await client.connect();
        try {
          await client.flushdb();
        } finally {
          client.disconnect();
        }
      };
      await flush();
      return {
        url: url.href,
        async release() {
          await flush();
          const releaser = new Redis(base.href, { lazyConnect: true, maxRetriesPerRequest: 1 });
          await releaser.connect();
          try {
            // Only our own lock: an expired one may belong to another run now.
            if ((await releaser.get(key)) === runId) await releaser.del(key);
          } finally {
            releaser.disconnect();
          }
        },
      };
    }
    throw new Error('Redis: las bases de datos 1-15 están ocupadas por otras ejecuciones (claves foodly:db-lock:* en la base 0).');
  } finally {
    control.disconnect();
  }
}
