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
} from '../../contract/index.ts';
import { decodeResponse, encodeRequest, notRunningMessage, TIMEOUTS, unknownServiceMessage } from '../../contract/index.ts';
import { MemoryFileSystem } from './fs/memory-fs.ts';
import { NetworkFailure, VirtualNetwork } from './net/network.ts';
import type { WireRequest } from './net/wire.ts';
import { ServiceHost } from './service-host.ts';
import type { LogLevel } from './protocol.ts';
import { preloadUrls, type VendorMap } from './loader/preload.ts';
import { isCode } from './loader/resolve.ts';

export interface BrowserEngineOptions {
  /** Site base path (astro `base`), used for the vendor folder and preview URLs. Default `/`. */
  base?: string;
  /** URL of the folder built by `npm run sandbox:vendor`. Default `<base>sandbox-vendor/`. */
  vendorBase?: string;
  /** A worker silent this long is stopped as a runaway (infinite loop, huge allocation). Default 3000. */
  silenceLimitMs?: number;
  /**
   * Longest silence while a worker evaluates its modules (before serve() or the end of the entry):
   * compiling the bundled dependencies blocks the worker for seconds on a busy machine. Default 10000.
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
/** Longest wait for a spare's dependencies before the next spare is made. */
const SPARE_TIMEOUT_MS = 10_000;

export class BrowserEngine implements SandboxEngine {
  readonly kind = 'browser' as const;
  readonly capabilities: ReadonlySet<CapabilityName> = new Set<CapabilityName>(['moduleGraph']);
  readonly id = Math.random().toString(36).slice(2, 10);
  readonly network = new VirtualNetwork();
  /** The lab folder as the services see it through node:fs: sources plus what they write. */
  readonly files = new MemoryFileSystem();
  private tree: FileTree = {};
  private specs = new Map<string, ServiceSpec>();
  private hosts = new Map<string, ServiceHost>();
  /** Per service, a worker started ahead of time for its next start(). */
  private readonly spares = new Map<string, ServiceHost>();
  private spareQueue: ServiceSpec[] = [];
  private pumping = false;
  private statuses = new Map<string, ServiceStatus>();
  private logLines = new Map<string, string[]>();
  private graphFiles = new Map<string, string[]>();
  private readonly logListeners = new Set<LogListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly stripCache = new Map<string, { source: string; code: string }>();
  /** Source → code compiled at build time (mount option), so unchanged files need no compiler. */
  private compiled = new Map<string, string>();
  private vendorMap: Promise<VendorMap> | undefined;
  private mounts = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastTick = performance.now();
  private removePreview: (() => void) | undefined;
  readonly base: string;
  readonly vendorBase: string;
  private readonly settings: Required<Omit<BrowserEngineOptions, 'base' | 'vendorBase'>>;

  constructor(options: BrowserEngineOptions = {}) {
    this.base = (options.base ?? '/').replace(/\/?$/, '/');
    this.vendorBase = new URL(options.vendorBase ?? `${this.base}sandbox-vendor/`, location.href).href.replace(/\/?$/, '/');
    this.settings = {
      silenceLimitMs: options.silenceLimitMs ?? 3000,
      loadSilenceLimitMs: options.loadSilenceLimitMs ?? 10_000,
      heartbeatMs: options.heartbeatMs ?? 250,
      bootTimeoutMs: options.bootTimeoutMs ?? 20_000,
      requestTimeoutMs: options.requestTimeoutMs ?? TIMEOUTS.requestMs,
      checkTimeoutMs: options.checkTimeoutMs ?? TIMEOUTS.checkMs,
    };
  }

  async mount(tree: FileTree, services: ServiceSpec[], options: MountOptions = {}): Promise<void> {
    await Promise.all([...this.hosts.keys()].map((name) => this.stop(name)));
    for (const name of [...this.spares.keys()]) this.dropSpare(name);
    this.spareQueue = [];
    this.tree = { ...tree };
    this.files.reset(tree);
    this.compiled = new Map((options.compiled ?? []).map(({ source, code }) => [source, code]));
    this.specs = new Map(services.map((spec) => [spec.name, spec]));
    this.statuses = new Map(services.map((spec) => [spec.name, { state: 'stopped' }]));
    for (const spec of services) this.emitStatus(spec.name, { state: 'stopped' });
    this.prewarm(++this.mounts);
  }

  /**
   * Gets a mounted lab ready for its first Run while the reader is still reading: a spare worker
   * per service with its dependencies loaded, the loader, and the type-stripped code of every file
   * (one file per idle slot, so the page stays responsive). Failures are left for start() to report.
   */
  private prewarm(mount: number): void {
    for (const spec of this.specs.values()) this.prepareSpare(spec);
    void this.loadStripper().then(async (strip) => {
      await import('./loader/module-graph.ts');
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
    if (!this.specs.has(service)) throw new Error(unknownServiceMessage(service));
    return [...(this.logLines.get(service) ?? [])];
  }

  status(service: string): ServiceStatus {
    if (!this.specs.has(service)) throw new Error(unknownServiceMessage(service));
    return this.statuses.get(service) ?? { state: 'stopped' };
  }

  async start(service: string): Promise<void> {
    const spec = this.specs.get(service);
    if (!spec) throw new Error(unknownServiceMessage(service));
    if (this.hosts.has(service)) await this.stop(service);
    this.logLines.set(service, []);
    this.emitStatus(service, { state: 'starting' });
    this.armWatchdog();
    performance.mark(`sandbox:${service}:start`);

    // A spare worker has its runtime and dependencies loaded already; without one, a new worker
    // loads them while this page loads the loader and type-strips: the two halves overlap.
    const spare = this.spares.get(service);
    this.spares.delete(service);
    const host = spare?.alive ? spare : this.spawnHost(spec);
    if (host !== spare) spare?.stop();
    this.hosts.set(service, host);
    const settled = new Promise<void>((resolve) => {
      const off = this.onStatus((name, status) => {
        if (name === service && status.state !== 'starting') {
          off();
          resolve();
        }
      });
    });
    const loader = Promise.all([import('./loader/module-graph.ts'), import('./loader/errors.ts')]);
    loader.catch(() => undefined);
    const urls: string[] = [];
    try {
      const vendor = await this.loadVendorMap();
      if (!host.bootSent) this.bootHost(host, spec, vendor);
      const tree = { ...this.tree };
      const [[{ buildModuleGraph }], strip] = await Promise.all([loader, this.loadStripper(tree)]);
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
      this.graphFiles.set(service, graph.files);
      // Timeline mark for the benchmark (scripts/sandbox-bench.ts prints the phases).
      performance.mark(`sandbox:${service}:graph-built`);
      host.run(graph.entryUrl, graph.urlToPath, urls);
    } catch (error) {
      for (const url of urls) URL.revokeObjectURL(url);
      const { ModuleError } = await import('./loader/errors.ts');
      const reason = error instanceof Error ? error.message : String(error);
      const where = error instanceof ModuleError ? { file: error.file, line: error.line, column: error.column } : {};
      if (this.hosts.get(service) === host) host.crash(reason, where);
    }
    await settled;
    // The next start of this service (a restart after Ctrl+S) gets a spare, made once things calm down.
    const mount = this.mounts;
    setTimeout(() => {
      if (mount === this.mounts && this.specs.get(service) === spec) this.prepareSpare(spec);
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
    });
    host.spawn(`${this.vendorBase}runtime.js`);
    return host;
  }

  private bootHost(host: ServiceHost, spec: ServiceSpec, vendor: VendorMap): void {
    const preload = preloadUrls(this.tree, spec.dir, vendor);
    this.warmHttpCache(preload);
    host.boot({ vendorBase: this.vendorBase, heartbeatMs: this.settings.heartbeatMs, preload });
  }

  /**
   * Downloads the dependencies from this page into the HTTP cache (the vendor files are cacheable):
   * the page is free before the worker has started, so the worker's imports then find them there.
   */
  private warmHttpCache(urls: string[]): void {
    for (const url of urls) {
      if (warmed.has(url)) continue;
      warmed.add(url);
      fetch(url, { priority: 'high' } as RequestInit)
        .then((response) => response.arrayBuffer())
        .catch(() => warmed.delete(url));
    }
  }

  /**
   * Queues a spare worker for `spec` (runtime and dependencies loaded, no lab code yet). Spares are
   * made one at a time and never while a service is starting: on a small machine a spare's
   * compiling would slow down the start the reader is waiting for.
   */
  private prepareSpare(spec: ServiceSpec): void {
    if (!this.spareQueue.includes(spec)) this.spareQueue.push(spec);
    void this.pumpSpares();
  }

  private async pumpSpares(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let spec = this.spareQueue.shift(); spec; spec = this.spareQueue.shift()) {
        await this.noServiceStarting();
        if (this.specs.get(spec.name) !== spec || this.spares.get(spec.name)?.alive) continue;
        const spare = this.spawnHost(spec);
        this.spares.set(spec.name, spare);
        try {
          const vendor = await this.loadVendorMap();
          if (spare.alive && !spare.bootSent) this.bootHost(spare, spec, vendor);
        } catch {
          this.dropSpare(spec.name, spare);
          continue;
        }
        await Promise.race([spare.whenPreloaded, new Promise((resolve) => setTimeout(resolve, SPARE_TIMEOUT_MS))]);
      }
    } finally {
      this.pumping = false;
    }
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

  private dropSpare(service: string, spare = this.spares.get(service)): void {
    if (!spare || this.spares.get(service) !== spare) return;
    this.spares.delete(service);
    spare.stop();
  }

  async stop(service: string): Promise<void> {
    if (!this.specs.has(service)) throw new Error(unknownServiceMessage(service));
    const host = this.hosts.get(service);
    this.hosts.delete(service);
    if (host) host.stop();
    this.emitStatus(service, { state: 'stopped' });
    if (this.hosts.size === 0) this.disarmWatchdog();
  }

  async request(req: SandboxRequest): Promise<SandboxResponse> {
    if (!this.specs.has(req.service)) throw new Error(unknownServiceMessage(req.service));
    const startedAt = performance.now();
    const { method, path, headers, body } = encodeRequest(req);
    const response = await this.dispatchToService(
      req.service,
      { method, headers: Object.entries(headers), body: body === undefined ? null : encode(body) },
      path,
      AbortSignal.timeout(this.settings.requestTimeoutMs),
    );
    return decodeResponse({ ...response, time: performance.now() - startedAt });
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
    const { ensurePreviewWorker, addPreviewHandler, previewUrl } = await import('./preview/bridge.ts');
    await ensurePreviewWorker(this.base);
    this.removePreview ??= addPreviewHandler(this.id, (name, servicePath, request) =>
      this.dispatchToService(name, request, servicePath, AbortSignal.timeout(this.settings.requestTimeoutMs)),
    );
    return previewUrl(this.base, this.id, service, path);
  }

  async runChecks(checksSource: string): Promise<CheckResult[]> {
    const { runChecksSource } = await import('./checks.ts');
    return runChecksSource(this, checksSource, (await this.loadVendorMap()).imports, this.settings.checkTimeoutMs, this.compiled);
  }

  async dispose(): Promise<void> {
    this.mounts++;
    this.spareQueue = [];
    await Promise.all([...this.hosts.keys()].map((name) => this.stop(name)));
    for (const name of [...this.spares.keys()]) this.dropSpare(name);
    this.removePreview?.();
    this.disarmWatchdog();
    this.logListeners.clear();
    this.statusListeners.clear();
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

  /** The vendor folder's import map and preload closures, with absolute URLs. */
  private loadVendorMap(): Promise<VendorMap> {
    this.vendorMap ??= fetch(`${this.vendorBase}importmap.json`).then(async (response) => {
      if (!response.ok) throw new Error(`No se encontraron las dependencias del sandbox (${response.status}): ejecuta npm run sandbox:vendor.`);
      const map = (await response.json()) as { imports: Record<string, string>; preload?: Record<string, string[]> };
      const absolute = (path: string) => new URL(path, this.vendorBase).href;
      return {
        imports: Object.fromEntries(Object.entries(map.imports).map(([key, value]) => [key, absolute(value)])),
        preload: Object.fromEntries(Object.entries(map.preload ?? {}).map(([key, paths]) => [key, paths.map(absolute)])),
      };
    });
    this.vendorMap.catch(() => (this.vendorMap = undefined));
    return this.vendorMap;
  }

  private armWatchdog(): void {
    if (this.watchdog) return;
    this.lastTick = performance.now();
    this.watchdog = setInterval(() => this.checkRunaways(), 250);
  }

  private disarmWatchdog(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  private checkRunaways(): void {
    const now = performance.now();
    // If this page itself was frozen (or throttled), silence proves nothing about the workers.
    const pageWasBusy = now - this.lastTick > 1000;
    this.lastTick = now;
    if (pageWasBusy) return;
    for (const [name, host] of this.hosts) {
      if (!host.alive) continue;
      const phase = !host.hasBooted ? 'boot' : host.isReady ? 'running' : 'loading';
      const limit = { boot: this.settings.bootTimeoutMs, loading: this.settings.loadSilenceLimitMs, running: this.settings.silenceLimitMs }[phase];
      if (host.silenceMs(now) <= limit) continue;
      const seconds = Math.round(limit / 1000);
      host.crash(
        {
          boot: `El servicio ${name} no arrancó en ${seconds} s. Se detuvo el worker; vuelve a pulsar Ejecutar.`,
          loading: `El servicio ${name} no terminó de cargar sus módulos en ${seconds} s: ¿hay un bucle infinito fuera de una función? Se detuvo el worker; corrige el código y pulsa Ejecutar.`,
          running: `El servicio ${name} no respondió en ${seconds} s: probablemente un bucle infinito. Se detuvo el worker; corrige el código y pulsa Ejecutar.`,
        }[phase],
      );
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
    this.statuses.set(service, status);
    for (const listener of [...this.statusListeners]) listener(service, status);
  }
}

/** Vendor URLs already fetched into the HTTP cache by this page (shared by its engines). */
const warmed = new Set<string>();

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
