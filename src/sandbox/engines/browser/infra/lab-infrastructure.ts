// The page side of a lab's infrastructure in the browser engine: one host per declared server
// (RabbitMQ broker, Kafka cluster, RedisHost, PostgresHost), each loaded from its own vendor bundle
// only when the lab declares it, shared by every service worker and living as long as the engine's
// mount (so queues, keys and rows survive a service restart). A worker reaches it through the port
// of its boot message: every connection it opens arrives as a new MessagePort (see
// shims/infrastructure-link.ts), and when the worker ends all of them are closed here, as a
// server sees a killed process's sockets close.
import type { InfrastructureKind, InfrastructureSpec } from '../../../contract/infrastructure.ts';
import { declaredKinds } from '../../../contract/infrastructure.ts';
import type { ConsumerTarget, InfrastructureSnapshot } from '../../../contract/capabilities.ts';
import { PGLITE_DATA_GZIP_FILE, PGLITE_TEMPLATE_FILE, PGLITE_WASM_FILE } from '../../../infra/postgres/vendor-files.ts';
import { introspectBroker, introspectCluster, introspectDatabase } from '../../../infra/introspect.ts';
import { createInfrastructureServer, type PortLike } from '../../../infra/port.ts';
import type { DialKind, DialMessage } from '../shims/infrastructure-link.ts';

type AmqpModule = typeof import('./hosts/amqp.ts');
type KafkaModule = typeof import('./hosts/kafka.ts');
type RedisModule = typeof import('./hosts/redis.ts');
type PostgresModule = typeof import('./hosts/postgres.ts');
type Broker = InstanceType<AmqpModule['AmqpBroker']>;
type Cluster = InstanceType<KafkaModule['KafkaCluster']>;
type Redis = InstanceType<RedisModule['RedisHost']>;
type Postgres = InstanceType<PostgresModule['PostgresHost']>;

/** The vendor files of each host (built by src/sandbox/vendor/build.ts), for the benchmark too. */
export const HOST_BUNDLES: Record<InfrastructureKind, string> = {
  rabbitmq: 'infra/amqp-host.js',
  kafka: 'infra/kafka-host.js',
  redis: 'infra/redis-host.js',
  postgres: 'infra/postgres-host.js',
};

/**
 * Fetches PGlite's engine (WebAssembly compiled while streaming, its file-system bundle) and the
 * template data directory, all at once. Each rejection is also observed here so that a failed
 * download is reported once, by the database that needed it.
 */
function prefetchPglite(vendorBase: string): { engine: Promise<{ pgliteWasmModule: WebAssembly.Module; fsBundle: Blob }>; template: Promise<Uint8Array> } {
  const get = async (file: string) => {
    const response = await fetch(`${vendorBase}pglite/${file}`);
    if (!response.ok) throw new Error(`PGlite ${file}: ${response.status}`);
    return response;
  };
  // Gunzipped as they arrive (natively, while the WebAssembly still downloads).
  const gunzipped = async (response: Response): Promise<Uint8Array<ArrayBuffer>> => {
    const raw = response.clone();
    try {
      return new Uint8Array(await new Response(response.body!.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    } catch {
      return new Uint8Array(await raw.arrayBuffer()); // not gzip: a host decoded it already (Content-Encoding)
    }
  };
  // compileStreaming needs `Content-Type: application/wasm` (serve-dist and static hosts send it).
  // pglite.data comes gzipped (6.0 MB → 2.1 MB: hosts seldom compress application/octet-stream).
  const engine = Promise.all([WebAssembly.compileStreaming(get(PGLITE_WASM_FILE)), get(PGLITE_DATA_GZIP_FILE).then(gunzipped)]).then(
    ([pgliteWasmModule, data]) => ({ pgliteWasmModule, fsBundle: new Blob([data]) }),
  );
  // The template stays bytes the host loads from (template-fs.ts): not a Blob, which a worker reads
  // back from the browser process.
  const template = get(PGLITE_TEMPLATE_FILE).then(gunzipped);
  engine.catch(() => undefined);
  template.catch(() => undefined);
  return { engine, template };
}

const importVendor = <T>(url: string): Promise<T> => import(/* @vite-ignore */ url) as Promise<T>;

interface Closable {
  close(): void;
}

export class LabInfrastructure {
  readonly declared: InfrastructureKind[];
  readonly #spec: InfrastructureSpec;
  #broker: Broker | undefined;
  #cluster: Cluster | undefined;
  #redis: Redis | undefined;
  #postgres: Postgres | undefined;
  #amqp: AmqpModule | undefined;
  #kafka: KafkaModule | undefined;
  #server: ReturnType<typeof createInfrastructureServer> | undefined;
  /** Per worker port, the connections it opened (closed when the worker ends). */
  readonly #links = new Map<MessagePort, { service: string; links: Array<Closable & { kind: 'rabbitmq' | 'kafka' }>; dataPorts: MessagePort[] }>();
  /** The service that opened each broker link (the panel shows who consumes; chaos drops by service). */
  readonly #serviceOfLink = new WeakMap<object, string>();
  #disposed = false;
  /** Per dial kind, settles when its connections can be accepted (see start(); `data` at once). */
  #hosts: Partial<Record<DialKind, Promise<void>>> = {};
  /** Settles once every declared host has loaded; rejects with why one could not. */
  loaded: Promise<void> = Promise.resolve();
  /** Called when a server's state changed (host-worker.ts throttles before telling the page). */
  onChange: ((kind: InfrastructureKind) => void) | undefined;

  private constructor(spec: InfrastructureSpec) {
    this.#spec = spec;
    this.declared = declaredKinds(spec);
  }

  /**
   * Starts loading the hosts the lab declares (and nothing else) and preparing its databases.
   * The instance serves workers at once: each connection waits only for its own host, so a
   * service that uses RabbitMQ (a 20 KB host) does not wait for Redis (ioredis-mock, 1.4 MB) or
   * PGlite to load. `loaded` settles once every host has (rejects with why one could not).
   */
  static start(spec: InfrastructureSpec, vendorBase: string, labKey: string): LabInfrastructure {
    const lab = new LabInfrastructure(spec);
    const url = (kind: InfrastructureKind) => `${vendorBase}${HOST_BUNDLES[kind]}`;
    const databases = Object.keys(spec.postgres?.databases ?? {});
    const amqp = spec.rabbitmq
      ? importVendor<AmqpModule>(url('rabbitmq')).then((module) => {
          lab.#amqp = module;
          lab.#broker = new module.AmqpBroker();
          lab.#watch();
        })
      : undefined;
    const kafka = spec.kafka
      ? importVendor<KafkaModule>(url('kafka')).then((module) => {
          lab.#kafka = module;
          lab.#cluster = new module.KafkaCluster();
          lab.#watch();
        })
      : undefined;
    const redis = spec.redis ? importVendor<RedisModule>(url('redis')).then((module) => (lab.#redis = new module.RedisHost(`${labKey}-${Math.random().toString(36).slice(2)}`))) : undefined;
    // PGlite's files start downloading now, beside its host's module rather than after it: the
    // WebAssembly (9 MB) compiles while it arrives, off this thread, as the JavaScript loads.
    const pglite = databases.length > 0 ? prefetchPglite(vendorBase) : undefined;
    const postgres = pglite
      ? importVendor<PostgresModule>(url('postgres')).then(
          // Databases start from the data directory dumped at build time (vendor build), not initdb.
          (module) => (lab.#postgres = new module.PostgresHost({ databases, template: () => pglite.template, engine: () => pglite.engine })),
        )
      : undefined;
    // Started ahead of the services: a new database takes a moment (a connection to it waits for it).
    // Not before Redis's host has loaded, though: PGlite's start holds this worker's thread for
    // half a second at a time, and Redis would wait behind it (with it the services that use only
    // Redis and RabbitMQ, four of lab 29's six). Redis loads while PGlite's files still download.
    const redisFirst = redis?.then(() => new Promise<void>((resolve) => setTimeout(resolve)), () => undefined);
    const prepared = postgres && Promise.all([postgres, redisFirst]).then(([host]) => Promise.all(databases.map((database) => host.prepare(database))));
    // Redis and PostgreSQL share one server (the `data` dial), serving at once: a request waits
    // for its own host only, so Redis answers while PGlite is still starting.
    if (redis || postgres) lab.#server = createInfrastructureServer({ redis, postgres }, (kind) => lab.onChange?.(kind));
    const data = Promise.all([redis, prepared]).then(() => undefined);
    data.catch(() => undefined);
    lab.#hosts = { rabbitmq: amqp ?? Promise.resolve(), kafka: kafka ?? Promise.resolve(), data: Promise.resolve() };
    lab.loaded = Promise.all([amqp, kafka, data]).then(() => undefined);
    // A host that failed is reported through `loaded`; its connections are closed.
    for (const host of Object.values(lab.#hosts)) host.catch(() => undefined);
    return lab;
  }

  /** Forwards the brokers' change hooks (set again when reset() replaces them). */
  #watch(): void {
    if (this.#broker) this.#broker.onChange = () => this.onChange?.('rabbitmq');
    if (this.#cluster) this.#cluster.onChange = () => this.onChange?.('kafka');
  }

  /** Serves one service worker through `port` (the page end of its boot message's channel). */
  connect(port: MessagePort, service = ''): void {
    const owned = { service, links: [] as Array<Closable & { kind: 'rabbitmq' | 'kafka' }>, dataPorts: [] as MessagePort[] };
    this.#links.set(port, owned);
    port.addEventListener('message', (event: MessageEvent<DialMessage>) => {
      const { dial, port: connection } = event.data;
      const host = this.#hosts[dial] ?? Promise.resolve();
      // Until its host has loaded, what the client sends waits in the connection's port.
      void host.then(
        () => this.#accept(port, owned, service, dial, connection),
        () => connection.close(),
      );
    });
    port.start();
  }

  #accept(port: MessagePort, owned: { links: Array<Closable & { kind: 'rabbitmq' | 'kafka' }>; dataPorts: MessagePort[] }, service: string, dial: DialKind, connection: MessagePort): void {
    if (this.#disposed || !this.#links.has(port)) return connection.close();
    if (dial === 'rabbitmq' && this.#broker && this.#amqp) {
      const link = this.#amqp.createPortLink<never, never>(connection as never);
      this.#serviceOfLink.set(link, service);
      this.#broker.accept(link);
      owned.links.push(Object.assign(link, { kind: 'rabbitmq' as const }));
    } else if (dial === 'kafka' && this.#cluster && this.#kafka) {
      const link = this.#kafka.createPortLink<never, never>(connection as never);
      this.#serviceOfLink.set(link, service);
      this.#cluster.accept(link);
      owned.links.push(Object.assign(link, { kind: 'kafka' as const }));
    } else if (dial === 'data' && this.#server) {
      this.#server.connect(connection as unknown as PortLike);
      owned.dataPorts.push(connection);
    } else connection.close();
  }

  /** The worker behind `port` ended: its connections close (unacked messages requeue, transactions roll back). */
  async disconnect(port: MessagePort): Promise<void> {
    const owned = this.#links.get(port);
    this.#links.delete(port);
    port.close();
    if (!owned) return;
    for (const link of owned.links) link.close();
    for (const dataPort of owned.dataPorts) {
      await this.#server?.disconnect(dataPort as unknown as PortLike);
      dataPort.close();
    }
  }

  /** Chaos: a consumer stops getting messages (it stays connected) until resumed. */
  setConsumerPaused(target: ConsumerTarget, paused: boolean): void {
    if (target.kind === 'rabbitmq') {
      if (!this.#broker || this.#broker.setConsumerPaused(target.consumerTag, paused) === 0) throw new Error(`No hay ningún consumidor con la etiqueta ${target.consumerTag}.`);
    } else if (!this.#cluster?.setMemberPaused(target.groupId, target.memberId, paused)) {
      throw new Error(`No hay ningún miembro ${target.memberId} en el grupo ${target.groupId}.`);
    }
  }

  /**
   * Chaos: closes every connection `service` (any of its replicas' workers) has to that broker, as
   * a dropped TCP connection: amqplib's connection emits 'error' (Unexpected close) and 'close',
   * kafkajs reconnects; the broker requeues unacked messages and rebalances the group.
   */
  dropConnections(service: string, kind: 'rabbitmq' | 'kafka'): number {
    let dropped = 0;
    for (const owned of this.#links.values()) {
      if (owned.service !== service) continue;
      for (const link of owned.links.filter((candidate) => candidate.kind === kind)) {
        owned.links.splice(owned.links.indexOf(link), 1);
        link.close();
        dropped++;
      }
    }
    return dropped;
  }

  async snapshot(): Promise<InfrastructureSnapshot> {
    const snapshot: InfrastructureSnapshot = { declared: [...this.declared] };
    const serviceOf = (link: object) => this.#serviceOfLink.get(link);
    if (this.#broker) snapshot.rabbitmq = introspectBroker(this.#broker, serviceOf);
    if (this.#cluster) snapshot.kafka = introspectCluster(this.#cluster, serviceOf);
    if (this.#redis) snapshot.redis = { keys: await this.#redis.snapshot() };
    if (this.#postgres) {
      const databases = [];
      for (const [database, owner] of Object.entries(this.#spec.postgres?.databases ?? {})) {
        databases.push(introspectDatabase(database, owner, await this.#postgres.snapshot(database)));
      }
      snapshot.postgres = { databases };
    }
    return snapshot;
  }

  /**
   * Empties every server as a fresh start would: the broker and cluster are replaced (connected
   * services see their connections close, as on a broker restart), Redis is flushed, databases are
   * recreated. Callers restart the services afterwards.
   */
  async reset(): Promise<void> {
    for (const owned of this.#links.values()) for (const link of owned.links.splice(0)) link.close();
    if (this.#broker && this.#amqp) {
      this.#broker.shutdown();
      this.#broker = new this.#amqp.AmqpBroker();
    }
    if (this.#cluster && this.#kafka) {
      this.#cluster.shutdown();
      this.#cluster = new this.#kafka.KafkaCluster();
    }
    this.#watch();
    await this.#redis?.reset();
    for (const database of Object.keys(this.#spec.postgres?.databases ?? {})) {
      await this.#postgres?.reset(database);
      await this.#postgres?.prepare(database);
    }
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.all([...this.#links.keys()].map((port) => this.disconnect(port)));
    this.#broker?.shutdown();
    this.#cluster?.shutdown();
    await this.#redis?.reset();
    await this.#postgres?.close();
  }
}
