// The lab's infrastructure as a Node TCP server: the same cores the browser engine runs in its
// infrastructure worker (AmqpBroker, KafkaCluster, RedisHost, PostgresHost), served to service processes on
// 127.0.0.1. Each TCP connection starts with one hello line, `{"dial":"rabbitmq"|"kafka"|"data",
// "service"?: name}` (the kinds shims/infrastructure-link.ts dials in the browser; the service is
// SANDBOX_SERVICE of the process, for the panel and chaos), then carries that link's messages
// (socket-port.ts). A connection that closes is what a killed client's socket is to a server:
// unacked messages are requeued, Redis connections close, open transactions roll back.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { ConsumerTarget, InfrastructureSnapshot } from '../../contract/capabilities.ts';
import type { InfrastructureKind } from '../../contract/infrastructure.ts';
import { AmqpBroker } from '../amqp/broker.ts';
import { KafkaCluster } from '../kafka/cluster.ts';
import { createInfrastructureServer, type PortLike } from '../port.ts';
import type { RedisHost } from '../redis/host.ts';
import type { PostgresHost, PostgresHostOptions } from '../postgres/host.ts';
import { createPortLink } from '../shared/transport.ts';
import { introspectBroker, introspectCluster, introspectDatabase } from '../introspect.ts';
import { socketPort } from './socket-port.ts';

export type HostedKind = InfrastructureKind;

export interface InfrastructureHostOptions {
  kinds: HostedKind[];
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** RedisHost is loaded only when Redis is declared (ioredis-mock is the heavy part). */
  loadRedis?: () => Promise<new (key: string) => RedisHost>;
  /** With 'postgres': database name → owning service (lab.yaml), one PGlite each. */
  databases?: Record<string, string>;
  /** A dumped PGlite data directory new databases start from (skips initdb; see postgres/template.ts). */
  postgresTemplate?: () => Promise<Blob>;
  /** PostgresHost is loaded only when PostgreSQL is declared (PGlite is ~16 MB of WebAssembly). */
  loadPostgres?: () => Promise<new (options: PostgresHostOptions) => PostgresHost>;
  /** A server's state changed (a publish, an ack, a commit, a Redis write, a query); not throttled here. */
  onChange?: (kind: HostedKind) => void;
}

export interface InfrastructureHost {
  port: number;
  readonly broker?: AmqpBroker;
  readonly cluster?: KafkaCluster;
  /** What the servers hold (without `declared`: the engine knows it). */
  snapshot(): Promise<Omit<InfrastructureSnapshot, 'declared'>>;
  /** Empties every server, as a restart would: the broker's and cluster's connections close. */
  reset(): Promise<void>;
  /** Chaos: a consumer (amqplib tag or kafkajs group member) stops getting messages until resumed. Throws if there is none. */
  setConsumerPaused(target: ConsumerTarget, paused: boolean): void;
  /** Chaos: closes every connection `service` has to that broker (as a dropped TCP connection). Returns how many. */
  dropConnections(service: string, kind: 'rabbitmq' | 'kafka'): number;
  /**
   * An HTTP port answering `GET /snapshot`, `POST /reset` and the chaos controls
   * (`POST /chaos/pause|resume?kind=rabbitmq&tag=…` or `?kind=kafka&group=…&member=…`,
   * `POST /chaos/drop?service=…&kind=…`) as JSON, so an engine that can only send HTTP into the
   * container (the WebContainer engine's request helper) can drive them.
   */
  controlPort: number;
  close(): Promise<void>;
}

export async function startInfrastructureHost(options: InfrastructureHostOptions): Promise<InfrastructureHost> {
  let broker = options.kinds.includes('rabbitmq') ? new AmqpBroker() : undefined;
  let cluster = options.kinds.includes('kafka') ? new KafkaCluster() : undefined;
  /** Sockets of broker and cluster connections (closed by reset, as a broker restart closes them). */
  const frameSockets = new Set<Socket>();
  let redis: RedisHost | undefined;
  if (options.kinds.includes('redis')) {
    const RedisHostClass = options.loadRedis ? await options.loadRedis() : (await import('../redis/host.ts')).RedisHost;
    redis = new RedisHostClass(`node-${process.pid}-${Math.random().toString(36).slice(2)}`);
  }
  const databases = Object.keys(options.databases ?? {});
  let postgres: PostgresHost | undefined;
  if (options.kinds.includes('postgres')) {
    const PostgresHostClass = options.loadPostgres ? await options.loadPostgres() : (await import('../postgres/host.ts')).PostgresHost;
    postgres = new PostgresHostClass({ databases, template: options.postgresTemplate });
    // Ready before the services start: a new database takes a moment even from the template.
    await Promise.all(databases.map((database) => postgres!.prepare(database)));
  }
  const data = redis || postgres ? createInfrastructureServer({ redis, postgres }, options.onChange) : undefined;
  /** Forwards the brokers' change hooks (again after reset() replaces them), as LabInfrastructure does. */
  const watch = () => {
    if (broker) broker.onChange = () => options.onChange?.('rabbitmq');
    if (cluster) cluster.onChange = () => options.onChange?.('kafka');
  };
  watch();
  const sockets = new Set<Socket>();
  /** Who opened each broker link, and the link's socket (chaos drops a service's sockets). */
  const serviceOfLink = new WeakMap<object, string>();
  const brokerSockets = new Map<Socket, { service?: string; kind: 'rabbitmq' | 'kafka' }>();

  const serve = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('utf8');
    let hello = '';
    const onData = (chunk: string) => {
      hello += chunk;
      const end = hello.indexOf('\n');
      if (end < 0) return;
      socket.off('data', onData);
      const rest = hello.slice(end + 1);
      let dial: string | undefined;
      let service: string | undefined;
      try {
        ({ dial, service } = JSON.parse(hello.slice(0, end)) as { dial?: string; service?: string });
      } catch {
        /* not one of ours */
      }
      if ((dial === 'rabbitmq' && broker) || (dial === 'kafka' && cluster)) {
        frameSockets.add(socket);
        brokerSockets.set(socket, { service, kind: dial });
        socket.on('close', () => {
          frameSockets.delete(socket);
          brokerSockets.delete(socket);
        });
        const link = createPortLink<never, never>(socketPort(socket, rest));
        if (service) serviceOfLink.set(link, service);
        if (dial === 'rabbitmq') broker!.accept(link);
        else cluster!.accept(link);
      }
      else if (dial === 'data' && data) {
        const port = socketPort(socket, rest, { closeMessage: false });
        data.connect(port as unknown as PortLike);
        void port.closed.then(() => data.disconnect(port as unknown as PortLike));
      } else socket.destroy();
    };
    socket.on('data', onData);
  };

  const server: Server = createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const snapshot = async (): Promise<Omit<InfrastructureSnapshot, 'declared'>> => ({
    ...(broker ? { rabbitmq: introspectBroker(broker, (link) => serviceOfLink.get(link)) } : {}),
    ...(cluster ? { kafka: introspectCluster(cluster, (link) => serviceOfLink.get(link)) } : {}),
    ...(redis ? { redis: { keys: await redis.snapshot() } } : {}),
    ...(postgres ? { postgres: { databases: await snapshotDatabases(postgres, options.databases ?? {}) } } : {}),
  });
  const reset = async () => {
    for (const socket of frameSockets) socket.destroy();
    if (broker) {
      broker.shutdown();
      broker = new AmqpBroker();
    }
    if (cluster) {
      cluster.shutdown();
      cluster = new KafkaCluster();
    }
    watch();
    await redis?.reset();
    for (const database of databases) {
      await postgres?.reset(database);
      await postgres?.prepare(database);
    }
  };
  const setConsumerPaused = (target: ConsumerTarget, paused: boolean) => {
    if (target.kind === 'rabbitmq') {
      if (!broker || broker.setConsumerPaused(target.consumerTag, paused) === 0) throw new Error(`No hay ningún consumidor con la etiqueta ${target.consumerTag}.`);
    } else if (!cluster?.setMemberPaused(target.groupId, target.memberId, paused)) {
      throw new Error(`No hay ningún miembro ${target.memberId} en el grupo ${target.groupId}.`);
    }
  };
  const dropConnections = (service: string, kind: 'rabbitmq' | 'kafka') => {
    let dropped = 0;
    for (const [socket, owner] of [...brokerSockets]) {
      if (owner.service !== service || owner.kind !== kind) continue;
      brokerSockets.delete(socket);
      socket.destroy();
      dropped++;
    }
    return dropped;
  };
  const chaos = (url: URL): unknown => {
    const query = Object.fromEntries(url.searchParams);
    if (url.pathname === '/chaos/drop') return { dropped: dropConnections(query.service ?? '', query.kind === 'kafka' ? 'kafka' : 'rabbitmq') };
    const target: ConsumerTarget = query.kind === 'kafka' ? { kind: 'kafka', groupId: query.group ?? '', memberId: query.member ?? '' } : { kind: 'rabbitmq', consumerTag: query.tag ?? '' };
    setConsumerPaused(target, url.pathname === '/chaos/pause');
    return { paused: url.pathname === '/chaos/pause' };
  };
  const control = createHttpServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://control');
    const isChaos = req.method === 'POST' && ['/chaos/pause', '/chaos/resume', '/chaos/drop'].includes(url.pathname);
    const work =
      req.method === 'GET' && req.url === '/snapshot'
        ? snapshot()
        : req.method === 'POST' && req.url === '/reset'
          ? reset().then(() => ({ reset: true }))
          : isChaos
            ? Promise.resolve().then(() => chaos(url))
            : undefined;
    if (!work) return answer(404, { error: 'not found' });
    work.then((body) => answer(200, body), (error: Error) => answer(500, { error: error.message }));
  });
  await new Promise<void>((resolve, reject) => {
    control.once('error', reject);
    control.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const controlAddress = control.address();

  return {
    port,
    get broker() {
      return broker;
    },
    get cluster() {
      return cluster;
    },
    snapshot,
    reset,
    setConsumerPaused,
    dropConnections,
    controlPort: typeof controlAddress === 'object' && controlAddress ? controlAddress.port : 0,
    async close() {
      for (const socket of sockets) socket.destroy();
      control.closeAllConnections();
      await new Promise<void>((resolve) => control.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      broker?.shutdown();
      cluster?.shutdown();
      await redis?.reset();
      await postgres?.close();
    },
  };
}

/** Each database's tables as the panel shows them (same shape as the browser engine's LabInfrastructure). */
async function snapshotDatabases(postgres: PostgresHost, owners: Record<string, string>): Promise<NonNullable<InfrastructureSnapshot['postgres']>['databases']> {
  const databases = [];
  for (const [name, owner] of Object.entries(owners)) {
    databases.push(introspectDatabase(name, owner, await postgres.snapshot(name)));
  }
  return databases;
}
