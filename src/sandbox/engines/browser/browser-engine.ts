// The browser engine: every service of a lab in its own module Worker, linked by a virtual
// loopback network that runs through this page. Needs no SharedArrayBuffer or isolation.
import type {
  CheckResult,
  FileTree,
  LogEntry,
  MountOptions,
  SandboxEngine,
  SandboxRequest,
  SandboxResponse,
  ServiceSpec,
  ServiceStatus,
  Unsubscribe,
  CapabilityName,
  ChaosCapability,
  PrepareCapability,
  InfrastructureCapability,
  ModuleGraphCapability,
  TestsCapability,
  WebSocketCapability,
  InfrastructureSnapshot,
  InfrastructureSpec,
  OpenWebSocketOptions,
  WebSocketConnection,
  InfrastructureKind,
  ConsumerTarget,
  TestRunResult,
} from '../../contract/index.ts';
import {
  declaredKinds,
  decodeResponse,
  encodeRequest,
  infrastructureEnv,
  notRunningMessage,
  TIMEOUTS,
  testFilesOf,
  unknownServiceMessage,
  VIRTUAL_ADDRESSES,
  expandReplicas,
  instancesNamed,
  resolveInstance,
} from '../../contract/index.ts';
import type { ServiceInstance } from '../../contract/index.ts';
// Static: a few lines of page-side code; prepare() creates the Worker synchronously (its heavy hosts load inside it).
import { InfrastructureWorker } from './infra/infrastructure-worker.ts';
import { MemoryFileSystem } from './fs/memory-fs.ts';
import { NetworkFailure, VirtualNetwork } from './net/network.ts';
import type { WireRequest, WireResponse } from './net/wire.ts';
import { ServiceHost } from './service-host.ts';
import type { LogLevel } from './protocol.ts';
import { preloadUrls, WEBSOCKET_LAYER, type VendorMap } from './loader/preload.ts';
import { isCode } from './loader/resolve.ts';
// Static, not lazy: every first Run needs them, and they share the run path's file (src/sandbox/ui/build/chunks.ts).
import { buildModuleGraph, type ModuleGraph } from './loader/module-graph.ts';
import { ModuleError } from './loader/errors.ts';
import { SparePool } from './spare-pool.ts';
import { vendorEntries } from './vendor-entries.ts';
import { createVendorMapLoader, warmHttpCache } from './vendor-map.ts';
import { Watchdog } from './watchdog.ts';

export interface BrowserEngineOptions {
  /** Site base path (astro `base`), used for the vendor folder and preview URLs. Default `/`. */
  base?: string;
  /** URL of the folder built by `npm run sandbox:vendor`. Default `<base>sandbox-vendor/`. */
  vendorBase?: string;
  /** A worker silent this long is stopped as a runaway (infinite loop, huge allocation). Default 3000. */
  silenceLimitMs?: number;
  /**
   * Longest silence while a worker evaluates its modules (before serve() or the end of the entry):
   * compiling the bundled dependencies blocks a worker ~1 s at most (measured at load 29 on 2 cores). Default 4000.
   */
  loadSilenceLimitMs?: number;
  /** Heartbeat period of the workers. Default 250. */
  heartbeatMs?: number;
  /** Longest wait for a new worker's first message. Default 20000. */
  bootTimeoutMs?: number;
  /** Longest wait for a response to `request()`. Default TIMEOUTS.requestMs. */
  requestTimeoutMs?: number;
  /** Longest run of one check. Default TIMEOUTS.checkMs. */
  checkTimeoutMs?: number;
}

type StatusListener = (service: string, status: ServiceStatus) => void;
type LogListener = (entry: LogEntry) => void;

const MAX_LOG_LINES = 2000;
/** Wait after a start before preparing the next spare worker (let the first requests go first). */
const SPARE_DELAY_MS = 2000;

// Every capability it declares is implemented: the compiler checks each interface.
export class BrowserEngine implements SandboxEngine, PrepareCapability, ModuleGraphCapability, InfrastructureCapability, WebSocketCapability, ChaosCapability, TestsCapability {
  readonly kind = 'browser' as const;
  readonly capabilities: ReadonlySet<CapabilityName> = new Set<CapabilityName>(['prepare', 'moduleGraph', 'infrastructure', 'websocket', 'chaos', 'tests']);
  readonly id = Math.random().toString(36).slice(2, 10);
  readonly network = new VirtualNetwork();
  /** The lab folder as the services see it through node:fs: sources plus what they write. */
  readonly files = new MemoryFileSystem();
  private tree: FileTree = {};
  private specs = new Map<string, ServiceSpec>();
  /** The services to run: lab.yaml's, with each replica of a replicated one as its own (replicas.ts). */
  private instances: ServiceInstance[] = [];
  private hosts = new Map<string, ServiceHost>();
  /** Per service, a worker started ahead of time for its next start(). */
  private readonly spares: SparePool;
  /** Starts that adopted a spare worker: tests and the bench read it to prove spares get used. */
  sparesAdopted = 0;
  private statuses = new Map<string, ServiceStatus>();
  private logLines = new Map<string, string[]>();
  private graphFiles = new Map<string, string[]>();
  private readonly logListeners = new Set<LogListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly stripCache = new Map<string, { source: string; code: string }>();
  /** Source → code compiled at build time (mount option), so unchanged files need no compiler. */
  private compiled = new Map<string, string>();
  private readonly loadVendorMap: () => Promise<VendorMap>;
  private mounts = 0;
  private readonly watchdog: Watchdog;
  private removePreview: (() => void) | undefined;
  /** The mounted lab's servers, in a Worker of their own, made on mount only when it declares some (see infra/). */
  private infrastructure: InfrastructureWorker | undefined;
  private infrastructureSpec: InfrastructureSpec | undefined;
  /** Each service worker's number for the infrastructure Worker, which closes its connections when it ends. */
  private readonly infrastructureIds = new WeakMap<ServiceHost, number>();
  private nextInfrastructureId = 0;
  private readonly infrastructureListeners = new Set<(kinds: InfrastructureKind[]) => void>();
  readonly base: string;
  readonly vendorBase: string;
  private readonly settings: Required<Omit<BrowserEngineOptions, 'base' | 'vendorBase'>>;

  constructor(options: BrowserEngineOptions = {}) {
    this.base = (options.base ?? '/').replace(/\/?$/, '/');
    this.vendorBase = new URL(options.vendorBase ?? `${this.base}sandbox-vendor/`, location.href).href.replace(/\/?$/, '/');
    this.settings = {
      silenceLimitMs: options.silenceLimitMs ?? 3000,
      // Measured (issue 15, scripts of the lab-mode branch): the longest silence of any lab's
      // worker while loading its modules, cold through the UI, was 1.03 s (lab 08 orders) with the
      // machine at load 29 on 2 cores. 4 s keeps a 4x margin and stops a top-level loop in < 5 s.
      loadSilenceLimitMs: options.loadSilenceLimitMs ?? 4_000,
      heartbeatMs: options.heartbeatMs ?? 250,
      bootTimeoutMs: options.bootTimeoutMs ?? 20_000,
      requestTimeoutMs: options.requestTimeoutMs ?? TIMEOUTS.requestMs,
      checkTimeoutMs: options.checkTimeoutMs ?? TIMEOUTS.checkMs,
    };
    this.loadVendorMap = createVendorMapLoader(this.vendorBase);
    this.watchdog = new Watchdog(() => this.hosts, this.settings);
    this.spares = new SparePool({
      spawn: (spec) => this.spawnHost(spec),
      boot: async (host, spec) => {
        const vendor = await this.loadVendorMap();
        if (host.alive && !host.bootSent) this.bootHost(host, spec, vendor);
      },
      isCurrent: (spec) => this.specs.get(spec.name) === spec,
      quiet: () => this.noServiceStarting(),
    });
  }

  /**
   * Capability 'prepare': the lab about to be mounted, told as soon as its JSON is here (the UI then
   * still restores the reader's files, builds the view…). Each service gets a spare worker at once,
   * which loads the runtime and the dependencies the start files import, and the loader and the
   * import map download: a cold «Ejecutar» no longer waits for all that after the mount. A lab
   * with infrastructure gets its servers now too (the infrastructure Worker, PGlite's download and
   * its databases), and its spares are connected to them. mount() keeps what was prepared for the
   * same specs and infrastructure. Only before the first mount.
   */
  prepare(tree: FileTree, services: ServiceSpec[], options: MountOptions = {}): void {
    if (this.mounts > 0 || this.prepared) return;
    this.prepared = true;
    this.tree = { ...tree };
    this.compiled = new Map((options.compiled ?? []).map(({ source, code }) => [source, code]));
    if (declaredKinds(options.infrastructure).length > 0) this.createInfrastructure(options.infrastructure!);
    const instances = this.instancesOf(services);
    for (const spec of instances) this.spares.prepareNow(spec);
    // Each service's module graph too (type-stripped code, Blob URLs): the first start of a
    // service whose files the reader has not changed uses it instead of building it then.
    const prepared = this.tree;
    for (const spec of instances) {
      const prebuilt = this.buildGraph(spec, prepared).then(
        (built) => ({ ...built, tree: prepared }),
        () => undefined,
      );
      this.prebuilt.set(spec.name, prebuilt);
    }
  }

  private prepared = false;
  /** Module graphs built by prepare(), per service, with the tree they were built from. */
  private readonly prebuilt = new Map<string, Promise<{ graph: ModuleGraph; urls: string[]; tree: FileTree } | undefined>>();

  /** The service's module graph over `tree`, with every Blob URL it made (revoked on failure). */
  private async buildGraph(spec: ServiceSpec, tree: FileTree): Promise<{ graph: ModuleGraph; urls: string[] }> {
    const urls: string[] = [];
    try {
      const [vendor, strip] = await Promise.all([this.loadVendorMap(), this.loadStripper(tree)]);
      const graph = await buildModuleGraph({
        tree,
        strip,
        entry: `${spec.dir}/src/server.ts`,
        resolveBare: (specifier) => vendor.imports[specifier],
        createUrl: (code, path) => {
          const type = path.endsWith('.json') ? 'application/json' : 'text/javascript';
          const url = URL.createObjectURL(new Blob([code], { type }));
          urls.push(url);
          return url;
        },
        cache: this.stripCache,
      });
      return { graph, urls };
    } catch (error) {
      for (const url of urls) URL.revokeObjectURL(url);
      throw error;
    }
  }

  /** The graph prepare() built for `service`, if the tree is still the one it was built from; else undefined (and it is dropped). */
  private async takePrebuilt(service: string, tree: FileTree): Promise<{ graph: ModuleGraph; urls: string[] } | undefined> {
    const pending = this.prebuilt.get(service);
    if (!pending) return undefined;
    this.prebuilt.delete(service);
    const built = await pending;
    if (!built) return undefined;
    if (sameTree(built.tree, tree)) return built;
    for (const url of built.urls) URL.revokeObjectURL(url);
    return undefined;
  }

  /** Drops the graphs prepare() built that no start used. */
  private dropPrebuilt(): void {
    for (const pending of this.prebuilt.values()) void pending.then((built) => built?.urls.forEach((url) => URL.revokeObjectURL(url)));
    this.prebuilt.clear();
  }

  /**
   * What runs: each replica is a service of its own (own worker, port, REPLICA_ID; its declared
   * name is an alias), and services reach the lab's servers at the addresses a laptop running
   * compose.yaml would give them (AMQP_URL, REDIS_URL…); lab.yaml's own env wins.
   */
  private instancesOf(services: ServiceSpec[]): ServiceInstance[] {
    return expandReplicas(services).map((spec) => ({ ...spec, env: { ...infrastructureEnv(this.infrastructureSpec, spec.service, VIRTUAL_ADDRESSES), ...spec.env } }));
  }

  async mount(tree: FileTree, services: ServiceSpec[], options: MountOptions = {}): Promise<void> {
    // Spares prepared for this first mount (prepare()) may be kept, once its services are known.
    const keepPrepared = this.mounts === 0 && this.prepared;
    if (!keepPrepared) {
      this.spares.clear();
      this.dropPrebuilt();
    }
    await Promise.all([...this.hosts.keys()].map((name) => this.stop(name)));
    this.tree = { ...tree };
    this.files.reset(tree);
    this.compiled = new Map((options.compiled ?? []).map(({ source, code }) => [source, code]));
    const keptInfrastructure = await this.mountInfrastructure(options.infrastructure, keepPrepared);
    this.instances = this.instancesOf(services);
    // Spares prepared for these very services are kept; any other is stopped. With new servers
    // none is: a spare is connected to the servers that were current when it booted.
    if (keepPrepared) this.spares.retain(this.infrastructure && !keptInfrastructure ? [] : this.instances, sameSpec);
    services = this.instances;
    this.specs = new Map(services.map((spec) => [spec.name, spec]));
    // While this mount awaited, the pool could still make a spare queued for the previous specs
    // (they were current until the line above): none of those may outlive it.
    if (!keepPrepared) this.spares.clear();
    this.statuses = new Map(services.map((spec) => [spec.name, { state: 'stopped' }]));
    for (const spec of services) this.emitStatus(spec.name, { state: 'stopped' });
    this.prewarm(++this.mounts);
  }

  /**
   * A new mount gets new servers (another lab, or the same lab's files reset): the previous ones
   * are disposed. The servers prepare() made for this first mount are kept when the lab declares
   * the same ones (returns true then). The hosts load in the background; a service's connections
   * wait on its port.
   */
  private async mountInfrastructure(spec: InfrastructureSpec | undefined, keepPrepared: boolean): Promise<boolean> {
    const wanted = declaredKinds(spec).length > 0 ? spec : undefined;
    if (keepPrepared && this.infrastructure && wanted && JSON.stringify(wanted) === JSON.stringify(this.infrastructureSpec)) return true;
    const previous = this.infrastructure;
    this.infrastructure = undefined;
    this.infrastructureSpec = wanted;
    await previous?.dispose();
    if (wanted) this.createInfrastructure(wanted);
    return false;
  }

  /** The lab's servers, in a Worker of their own (see infra/): created at once, hosts loading inside it. */
  private createInfrastructure(spec: InfrastructureSpec): void {
    this.infrastructureSpec = spec;
    const infrastructure = new InfrastructureWorker(spec, this.vendorBase, `${this.id}-${this.mounts}`);
    this.infrastructure = infrastructure;
    infrastructure.onChange((kinds) => {
      if (this.infrastructure === infrastructure) for (const listener of [...this.infrastructureListeners]) listener(kinds);
    });
    infrastructure.ready.then(() => performance.mark('sandbox:infrastructure:ready'), () => undefined);
    infrastructure.ready.catch((error: unknown) => {
      if (this.infrastructure !== infrastructure) return;
      for (const name of this.specs.keys()) this.log(name, 'system', `No se pudo preparar la infraestructura del laboratorio: ${(error as Error).message}`);
    });
  }

  /** What the lab's servers hold (the "Infraestructura" panel). */
  async infrastructureSnapshot(): Promise<InfrastructureSnapshot> {
    if (!this.infrastructure) return { declared: [] };
    return this.infrastructure.snapshot();
  }

  /** The lab's servers changed (throttled in the infrastructure worker): the panel re-reads the snapshot. */
  onInfrastructureChange(listener: (kinds: InfrastructureKind[]) => void): Unsubscribe {
    this.infrastructureListeners.add(listener);
    return () => this.infrastructureListeners.delete(listener);
  }

  // ---- chaos controls (capability 'chaos'; see contract/capabilities.ts)

  async pauseConsumer(target: ConsumerTarget): Promise<void> {
    if (!this.infrastructure) throw new Error('Este laboratorio no declara ningún broker.');
    await this.infrastructure.setConsumerPaused(target, true);
  }

  async resumeConsumer(target: ConsumerTarget): Promise<void> {
    if (!this.infrastructure) throw new Error('Este laboratorio no declara ningún broker.');
    await this.infrastructure.setConsumerPaused(target, false);
  }

  /** Closes the broker connections of a service (every replica when a replicated service's name is given). */
  async dropConnections(service: string, kind: 'rabbitmq' | 'kafka'): Promise<number> {
    const names = instancesNamed(this.instances, service);
    if (names.length === 0) throw new Error(unknownServiceMessage(service));
    if (!this.infrastructure) return 0;
    const counts = await Promise.all(names.map((name) => this.infrastructure!.dropConnections(name, kind)));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** Terminates a service's (or one replica's) worker at once, as `kill -9` would: it shows as crashed. */
  async crashService(service: string): Promise<void> {
    const name = this.resolve(service);
    const host = this.hosts.get(name);
    if (!host) throw new Error(notRunningMessage(name));
    host.crash(`${name} se cayó: su worker se terminó desde el panel de infraestructura (caos). Pulsa Ejecutar para arrancarlo de nuevo.`);
  }

  /** Empties the lab's servers and restarts the services that were running, as after a fresh `docker compose up`. */
  async resetInfrastructure(): Promise<void> {
    if (!this.infrastructure) return;
    const running = [...this.hosts.keys()];
    await Promise.all(running.map((name) => this.stop(name)));
    await this.infrastructure.reset();
    for (const name of running) await this.start(name);
  }

  /**
   * Gets a mounted lab ready for its first Run while the reader is still reading: a spare worker
   * per service with its dependencies loaded, the loader, and the type-stripped code of every file
   * (one file per idle slot, so the page stays responsive). Failures are left for start() to report.
   */
  private prewarm(mount: number): void {
    for (const spec of this.specs.values()) this.spares.prepare(spec);
    void this.loadStripper().then(async (strip) => {
      for (const [path, source] of Object.entries(this.tree)) {
        if (!isCode(path) || this.stripCache.get(path)?.source === source) continue;
        if (!this.compiled.has(source)) await idle();
        if (mount !== this.mounts || this.tree[path] !== source || this.stripCache.get(path)?.source === source) continue;
        try {
          this.stripCache.set(path, { source, code: strip(path, source) });
        } catch {
          // A syntax error: start() reports it with its position.
        }
      }
    }, () => undefined);
  }

  /**
   * The function that type-strips a file: code compiled at build time when there is some for that
   * source, else sucrase, loaded (a 250 KB chunk) only if some file of the tree needs it.
   */
  private async loadStripper(tree: FileTree = this.tree): Promise<(path: string, source: string) => string> {
    const needsCompiler = Object.entries(tree).some(
      ([path, source]) => isCode(path) && this.stripCache.get(path)?.source !== source && !this.compiled.has(source),
    );
    const compiler = needsCompiler ? (await import('./loader/transform.ts')).stripTypes : undefined;
    return (path, source) => {
      const code = this.compiled.get(source);
      if (code !== undefined) return code;
      // Only reachable for an import of a file that is not code (.ts, .mts, .js, .mjs) nor JSON.
      if (!compiler) throw new Error(`No se puede importar ${path}: un módulo debe ser .ts, .js o .json.`);
      return compiler(path, source);
    };
  }

  async writeFile(path: string, content: string): Promise<void> {
    this.tree[path] = content;
    this.files.put(path, content);
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.tree[path];
  }

  /** Services whose last start loaded `path` (to restart the touched ones after a save). */
  servicesUsing(path: string): string[] {
    return [...this.graphFiles].filter(([, files]) => files.includes(path)).map(([name]) => name);
  }

  /** Console lines a service printed since its last start, oldest first. */
  logs(service: string): string[] {
    service = this.resolve(service);
    return [...(this.logLines.get(service) ?? [])];
  }

  status(service: string): ServiceStatus {
    service = this.resolve(service);
    return this.statuses.get(service) ?? { state: 'stopped' };
  }

  /** The instance `name` means (a replicated service's name means its replica 1, or `replica`). */
  private resolve(name: string, replica?: number): string {
    const instance = resolveInstance(this.instances, name, replica);
    if (!instance) throw new Error(unknownServiceMessage(name));
    return instance;
  }

  /** A replicated service's name starts/stops every replica. */
  private replicasOf(name: string): string[] | undefined {
    const names = instancesNamed(this.instances, name);
    return names.length > 1 || (names.length === 1 && names[0] !== name) ? names : undefined;
  }

  /** Whether a spare worker with its dependencies loaded waits for the next start of `service`. */
  hasReadySpare(service: string): boolean {
    return this.spares.hasReady(service);
  }

  async start(service: string): Promise<void> {
    const replicas = this.replicasOf(service);
    if (replicas) {
      await Promise.all(replicas.map((name) => this.start(name)));
      return;
    }
    const spec = this.specs.get(service);
    if (!spec) throw new Error(unknownServiceMessage(service));
    if (this.hosts.has(service)) await this.stop(service);
    this.logLines.set(service, []);
    this.emitStatus(service, { state: 'starting' });
    this.watchdog.arm();
    performance.mark(`sandbox:${service}:start`);

    // A spare worker has its runtime and dependencies loaded already; without one, a new worker
    // loads them while this page loads the loader and type-strips: the two halves overlap.
    const spare = this.spares.take(service);
    // Only a spare booted for this very spec: one made for the previous mount's service of the same
    // name (a queued spare the pool made while mount() awaited) carries that lab's environment
    // (lab 21's ORDERS_REPOSITORY=postgres crashed lab 22's orders in the e2e suite).
    const host = spare?.alive && sameSpec(spare.spec, spec) ? spare : this.spawnHost(spec);
    if (host !== spare) spare?.stop();
    else this.sparesAdopted++;
    this.hosts.set(service, host);
    const settled = new Promise<void>((resolve) => {
      const off = this.onStatus((name, status) => {
        if (name === service && status.state !== 'starting') {
          off();
          resolve();
        }
      });
    });
    const urls: string[] = [];
    try {
      const vendor = await this.loadVendorMap();
      if (!host.bootSent) this.bootHost(host, spec, vendor);
      const tree = { ...this.tree };
      const built = (await this.takePrebuilt(service, tree)) ?? (await this.buildGraph(spec, tree));
      const graph = built.graph;
      urls.push(...built.urls);
      this.graphFiles.set(service, graph.files);
      // Timeline mark for the benchmark (scripts/sandbox-bench.ts prints the phases).
      performance.mark(`sandbox:${service}:graph-built`);
      // The WebSocket layer, if an edit made the service use WebSockets after its (spare) worker booted.
      const layer = vendor.preload[WEBSOCKET_LAYER] ?? [];
      const late = preloadUrls(tree, spec.dir, vendor).filter((url) => layer.includes(url));
      host.run(graph.entryUrl, graph.urlToPath, urls, late);
    } catch (error) {
      for (const url of urls) URL.revokeObjectURL(url);
      const reason = error instanceof Error ? error.message : String(error);
      const where = error instanceof ModuleError ? { file: error.file, line: error.line, column: error.column } : {};
      if (this.hosts.get(service) === host) host.crash(reason, where);
    }
    await settled;
    // The next start of this service (a restart after Ctrl+S) gets a spare, made once things calm down.
    const mount = this.mounts;
    setTimeout(() => {
      if (mount === this.mounts && this.specs.get(service) === spec) this.spares.prepare(spec);
    }, SPARE_DELAY_MS);
  }

  /** A worker for `spec` whose events reach the page only while it is the service's current host. */
  private spawnHost(spec: ServiceSpec): ServiceHost {
    const service = spec.name;
    const current = () => this.hosts.get(service) === host;
    const host: ServiceHost = new ServiceHost(spec, this.network, {
      status: (status) => {
        if (!current()) return;
        this.emitStatus(service, status);
        if (status.state !== 'running' && status.state !== 'starting') this.hosts.delete(service);
      },
      log: (level, text) => {
        if (current()) this.log(service, level, text);
      },
      fileSystem: (call) => this.files.run(call),
      ended: () => {
        const id = this.infrastructureIds.get(host);
        this.infrastructureIds.delete(host);
        if (id !== undefined) this.infrastructure?.disconnect(id);
      },
    });
    host.spawn(`${this.vendorBase}${vendorEntries.runtime}`);
    return host;
  }

  private bootHost(host: ServiceHost, spec: ServiceSpec, vendor: VendorMap): void {
    const preload = preloadUrls(this.tree, spec.dir, vendor);
    let infrastructure: { port: MessagePort; declared: ReturnType<typeof declaredKinds> } | undefined;
    if (this.infrastructure) {
      // The global Buffer learner code uses (Buffer.from(...) for amqplib) is installed before it runs.
      for (const url of vendor.preload['buffer'] ?? []) if (!preload.includes(url)) preload.push(url);
      // One channel between the service worker and the infrastructure Worker; until the hosts have
      // loaded, the service's dial messages wait in it.
      const { port1, port2 } = new MessageChannel();
      const id = ++this.nextInfrastructureId;
      this.infrastructureIds.set(host, id);
      this.infrastructure.connect(id, port1, spec.name);
      infrastructure = { port: port2, declared: declaredKinds(this.infrastructureSpec) };
    }
    warmHttpCache(preload);
    host.boot({ vendorBase: this.vendorBase, heartbeatMs: this.settings.heartbeatMs, preload, ...(infrastructure ? { infrastructure } : {}) });
  }

  private noServiceStarting(): Promise<void> {
    const starting = () => [...this.statuses.values()].some((status) => status.state === 'starting');
    if (!starting()) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.onStatus(() => {
        if (starting()) return;
        off();
        resolve();
      });
    });
  }

  async stop(service: string): Promise<void> {
    const replicas = this.replicasOf(service);
    if (replicas) {
      await Promise.all(replicas.map((name) => this.stop(name)));
      return;
    }
    if (!this.specs.has(service)) throw new Error(unknownServiceMessage(service));
    const host = this.hosts.get(service);
    this.hosts.delete(service);
    if (host) host.stop();
    this.emitStatus(service, { state: 'stopped' });
    if (this.hosts.size === 0) this.watchdog.disarm();
  }

  async request(req: SandboxRequest): Promise<SandboxResponse> {
    const service = this.resolve(req.service, req.replica);
    const startedAt = performance.now();
    const { method, path, headers, body } = encodeRequest(req);
    const response = await this.dispatchToService(
      service,
      { method, headers: Object.entries(headers), body: body === undefined ? null : encode(body) },
      path,
      AbortSignal.timeout(this.settings.requestTimeoutMs),
    );
    return decodeResponse({ ...response, time: performance.now() - startedAt });
  }

  /** A WebSocket from the page to a service (the WebSocket panel, checks): see net/page-socket.ts. */
  async openWebSocket(service: string, path: string, options: OpenWebSocketOptions = {}): Promise<WebSocketConnection> {
    const instance = this.resolve(service, options.replica);
    const { openPageSocket } = await import('./net/page-socket.ts');
    return openPageSocket(this.network, instance, path, { ...options, replica: undefined });
  }

  onLog(listener: LogListener): Unsubscribe {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  onStatus(listener: StatusListener): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async openPreview(service: string, path: string): Promise<string> {
    // A sandboxed frame at an opaque origin, fed by this engine through preview/bridge.ts.
    const { addPreviewHandler, previewUrl } = await import('./preview/bridge.ts');
    this.removePreview ??= addPreviewHandler(this.id, (name, servicePath, request) => {
      // Swagger UI's assets are the site's own copy (/sandbox-vendor/swagger-ui-dist/, where the
      // vendor build points @hono/swagger-ui): the page reads them, as the iframe no longer can.
      const site = new URL(servicePath, location.origin);
      if (request.method === 'GET' && site.href.startsWith(this.vendorBase)) return fetchSiteFile(site.href);
      return this.dispatchToService(name, request, servicePath, AbortSignal.timeout(this.settings.requestTimeoutMs));
    });
    return previewUrl(this.base, this.id, this.resolve(service), path);
  }

  async runChecks(checksSource: string): Promise<CheckResult[]> {
    const { runChecksSource } = await import('./checks.ts');
    return runChecksSource(this, checksSource, (await this.loadVendorMap()).imports, this.settings.checkTimeoutMs, this.compiled);
  }

  /**
   * The lab's test files (all, or `files`) with Vitest's runner in a Worker of their own
   * (./tests/): loaded only when first called. Never rejects for what the tests do.
   */
  async runTests(files?: string[], overrides: FileTree = {}): Promise<TestRunResult> {
    const tree = { ...this.tree, ...overrides };
    const chosen = files && files.length > 0 ? files : testFilesOf(tree);
    const [{ runTestsInBrowser }, vendor, strip] = await Promise.all([import('./tests/run-tests.ts'), this.loadVendorMap(), this.loadStripper(tree)]);
    return runTestsInBrowser({ tree, files: chosen, vendorBase: this.vendorBase, imports: vendor.imports, strip, cache: this.stripCache });
  }

  async dispose(): Promise<void> {
    this.mounts++;
    this.spares.clear();
    this.dropPrebuilt();
    await Promise.all([...this.hosts.keys()].map((name) => this.stop(name)));
    this.removePreview?.();
    await this.mountInfrastructure(undefined, false);
    this.watchdog.disarm();
    this.logListeners.clear();
    this.statusListeners.clear();
    this.infrastructureListeners.clear();
  }

  private async dispatchToService(service: string, request: Omit<WireRequest, 'url'>, path: string, signal: AbortSignal) {
    const port = this.network.portOf(service);
    if (port === undefined) {
      throw new NetworkFailure('refused', notRunningMessage(service));
    }
    try {
      return await this.network.dispatch(port, { ...request, url: `http://localhost:${port}${path}` }, signal);
    } catch (error) {
      if (error instanceof NetworkFailure && error.kind === 'aborted') {
        throw new NetworkFailure('aborted', `${service} no respondió en ${this.settings.requestTimeoutMs / 1000} s.`);
      }
      if (error instanceof NetworkFailure && error.kind === 'crashed') {
        throw new NetworkFailure('crashed', `${service} se detuvo antes de responder.`);
      }
      throw error;
    }
  }

  private log(service: string, level: LogLevel, text: string): void {
    const lines = this.logLines.get(service) ?? [];
    lines.push(text);
    if (lines.length > MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
    this.logLines.set(service, lines);
    const entry: LogEntry = { service, level, text, time: Date.now() };
    for (const listener of this.logListeners) listener(entry);
  }

  private emitStatus(service: string, status: ServiceStatus): void {
    // Timeline mark for the benchmark (scripts/system-bench.ts prints when each service ran).
    if (status.state === 'running' && this.statuses.get(service)?.state !== 'running') performance.mark(`sandbox:${service}:running`);
    this.statuses.set(service, status);
    for (const listener of [...this.statusListeners]) listener(service, status);
  }
}

/** Same files with the same contents. */
function sameTree(a: FileTree, b: FileTree): boolean {
  const paths = Object.keys(a);
  return paths.length === Object.keys(b).length && paths.every((path) => Object.hasOwn(b, path) && a[path] === b[path]);
}

/** Two specs that would boot identical workers (same service, folder, port and environment). */
function sameSpec(a: ServiceSpec, b: ServiceSpec): boolean {
  return JSON.stringify([a.name, a.dir, a.port, a.env]) === JSON.stringify([b.name, b.dir, b.port, b.env]);
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 500 });
    else setTimeout(resolve, 0);
  });
}

function encode(text: string): ArrayBuffer {
  const bytes = new TextEncoder().encode(text);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A file of the site as a wire response (for the preview's sub-resources that the site serves). */
async function fetchSiteFile(url: string): Promise<WireResponse> {
  const response = await fetch(url);
  return { status: response.status, statusText: response.statusText, headers: [...response.headers], body: await response.arrayBuffer() };
}
