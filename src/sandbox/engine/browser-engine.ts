// The browser engine: every service of a lab in its own module Worker, linked by a virtual
// loopback network that runs through this page. Needs no SharedArrayBuffer or isolation.
import type {
  CheckResult,
  FileTree,
  LogEntry,
  SandboxEngine,
  SandboxRequest,
  SandboxResponse,
  ServiceSpec,
  ServiceStatus,
  Unsubscribe,
} from '../types.ts';
import { MemoryFileSystem } from './fs/memory-fs.ts';
import { NetworkFailure, VirtualNetwork } from './net/network.ts';
import type { WireRequest } from './net/wire.ts';
import { ServiceHost } from './service-host.ts';
import type { LogLevel } from './protocol.ts';

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
  /** Longest wait for a response to `request()`. Default 30000. */
  requestTimeoutMs?: number;
  /** Longest run of one check. Default 15000. */
  checkTimeoutMs?: number;
}

type StatusListener = (service: string, status: ServiceStatus) => void;
type LogListener = (entry: LogEntry) => void;

const MAX_LOG_LINES = 2000;

export class BrowserEngine implements SandboxEngine {
  readonly kind = 'browser' as const;
  readonly id = Math.random().toString(36).slice(2, 10);
  readonly network = new VirtualNetwork();
  /** The lab folder as the services see it through node:fs: sources plus what they write. */
  readonly files = new MemoryFileSystem();
  private tree: FileTree = {};
  private specs = new Map<string, ServiceSpec>();
  private hosts = new Map<string, ServiceHost>();
  private statuses = new Map<string, ServiceStatus>();
  private logLines = new Map<string, string[]>();
  private graphFiles = new Map<string, string[]>();
  private readonly logListeners = new Set<LogListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly stripCache = new Map<string, { source: string; code: string }>();
  private importMap: Promise<Record<string, string>> | undefined;
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
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      checkTimeoutMs: options.checkTimeoutMs ?? 15_000,
    };
  }

  async mount(tree: FileTree, services: ServiceSpec[]): Promise<void> {
    await Promise.all([...this.hosts.keys()].map((name) => this.stop(name)));
    this.tree = { ...tree };
    this.files.reset(tree);
    this.specs = new Map(services.map((spec) => [spec.name, spec]));
    this.statuses = new Map(services.map((spec) => [spec.name, { state: 'stopped' }]));
    for (const spec of services) this.emitStatus(spec.name, { state: 'stopped' });
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
    return [...(this.logLines.get(service) ?? [])];
  }

  status(service: string): ServiceStatus {
    return this.statuses.get(service) ?? { state: 'stopped' };
  }

  async start(service: string): Promise<void> {
    const spec = this.specs.get(service);
    if (!spec) throw new Error(`El laboratorio no tiene un servicio llamado ${service}.`);
    if (this.hosts.has(service)) await this.stop(service);
    this.logLines.set(service, []);
    this.emitStatus(service, { state: 'starting' });
    this.armWatchdog();

    const urls: string[] = [];
    const [{ buildModuleGraph }, { ModuleError }, imports] = await Promise.all([
      import('./loader/module-graph.ts'),
      import('./loader/errors.ts'),
      this.loadImportMap(),
    ]);
    let graph;
    try {
      graph = await buildModuleGraph({
        tree: this.tree,
        entry: `${spec.dir}/src/server.ts`,
        resolveBare: (specifier) => imports[specifier],
        createUrl: (code, path) => {
          const type = path.endsWith('.json') ? 'application/json' : 'text/javascript';
          const url = URL.createObjectURL(new Blob([code], { type }));
          urls.push(url);
          return url;
        },
        cache: this.stripCache,
      });
    } catch (error) {
      for (const url of urls) URL.revokeObjectURL(url);
      const reason = error instanceof Error ? error.message : String(error);
      const where = error instanceof ModuleError ? { file: error.file, line: error.line, column: error.column } : {};
      this.log(service, 'system', reason);
      this.emitStatus(service, { state: 'crashed', reason, ...definedOnly(where) });
      return;
    }
    this.graphFiles.set(service, graph.files);

    const host = new ServiceHost(spec, this.network, urls, {
      status: (status) => {
        if (this.hosts.get(service) === host) this.emitStatus(service, status);
        if (status.state !== 'running' && status.state !== 'starting' && this.hosts.get(service) === host) this.hosts.delete(service);
      },
      log: (level, text) => this.log(service, level, text),
      fileSystem: (call) => this.files.run(call),
    });
    this.hosts.set(service, host);
    const settled = new Promise<void>((resolve) => {
      const off = this.onStatus((name, status) => {
        if (name === service && status.state !== 'starting') {
          off();
          resolve();
        }
      });
    });
    host.boot(graph.entryUrl, graph.urlToPath, {
      runtimeUrl: `${this.vendorBase}runtime.js`,
      vendorBase: this.vendorBase,
      heartbeatMs: this.settings.heartbeatMs,
    });
    await settled;
  }

  async stop(service: string): Promise<void> {
    const host = this.hosts.get(service);
    this.hosts.delete(service);
    if (host) host.stop();
    this.emitStatus(service, { state: 'stopped' });
    if (this.hosts.size === 0) this.disarmWatchdog();
  }

  async request(req: SandboxRequest): Promise<SandboxResponse> {
    const startedAt = performance.now();
    const headers: Record<string, string> = { ...req.headers };
    let body: string | undefined;
    if (req.body !== undefined && req.body !== null && req.method !== 'GET' && req.method !== 'HEAD') {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      if (typeof req.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
    }
    const path = req.path.startsWith('/') ? req.path : `/${req.path}`;
    const response = await this.dispatchToService(
      req.service,
      { method: req.method.toUpperCase(), headers: Object.entries(headers), body: body === undefined ? null : encode(body) },
      path,
      AbortSignal.timeout(this.settings.requestTimeoutMs),
    );
    const text = response.body ? new TextDecoder().decode(response.body) : '';
    return {
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(response.headers),
      text,
      time: Math.round((performance.now() - startedAt) * 10) / 10,
    };
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
    return runChecksSource(this, checksSource, await this.loadImportMap(), this.settings.checkTimeoutMs);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.hosts.keys()].map((name) => this.stop(name)));
    this.removePreview?.();
    this.disarmWatchdog();
    this.logListeners.clear();
    this.statusListeners.clear();
  }

  private async dispatchToService(service: string, request: Omit<WireRequest, 'url'>, path: string, signal: AbortSignal) {
    const port = this.network.portOf(service);
    if (port === undefined) {
      throw new NetworkFailure('refused', `El servicio ${service} no está en marcha: pulsa Ejecutar.`);
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

  private loadImportMap(): Promise<Record<string, string>> {
    this.importMap ??= fetch(`${this.vendorBase}importmap.json`).then(async (response) => {
      if (!response.ok) throw new Error(`No se encontraron las dependencias del sandbox (${response.status}): ejecuta npm run sandbox:vendor.`);
      const map = (await response.json()) as { imports: Record<string, string> };
      return Object.fromEntries(Object.entries(map.imports).map(([key, value]) => [key, new URL(value, this.vendorBase).href]));
    });
    this.importMap.catch(() => (this.importMap = undefined));
    return this.importMap;
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

function encode(text: string): ArrayBuffer {
  const bytes = new TextEncoder().encode(text);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
