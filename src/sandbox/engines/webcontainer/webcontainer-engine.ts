// The WebContainer engine: the lab's services run as real Node processes inside StackBlitz's
// WebContainer (full Node, npm, a shell). Same contract as the browser engine, so the sandbox UI
// does not care which one runs.
//
// A page has one container and may show several labs, and labs of one topic use the same ports:
// one lab is *active* per container (starting a service of a lab stops the other lab's services),
// and the shared node_modules is mounted once (one promise per container, whoever asks first).
import { expandReplicas, instancesNamed, resolveInstance, type ServiceInstance } from '../../contract/replicas.ts';
import type {
  CapabilityName,
  ChaosCapability,
  InfrastructureCapability,
  TerminalCapability,
  TestsCapability,
  WebSocketCapability,
  ConsumerTarget,
  CheckResult,
  FileTree,
  LogEntry,
  MountOptions,
  SandboxEngine,
  SandboxRequest,
  SandboxResponse,
  ServiceSpec,
  ServiceStatus,
  TerminalProcess,
  Unsubscribe,
  OpenWebSocketOptions,
  WebSocketConnection,
} from '../../contract/index.ts';
import {
  decodeResponse,
  encodeRequest,
  infrastructureEnv,
  VIRTUAL_ADDRESSES,
  declaredKinds,
  type InfrastructureKind,
  type InfrastructureSnapshot,
  type InfrastructureSpec,
  notRunningMessage,
  notUpgradedMessage,
  PageWebSocket,
  refusedWebSocketMessage,
  testFilesOf,
  TIMEOUTS,
  unknownServiceMessage,
  type Timeouts,
  type TestRunResult,
} from '../../contract/index.ts';
import { parentDir, toFileSystemTree } from './file-tree.ts';
import { hostedKinds, INFRA_HOST, INFRA_READY, INFRA_REGISTER, infrastructureFiles, PGLITE_DIST, PGLITE_TEMPLATE_FILE, PGLITE_TEMPLATE_PATH } from './infrastructure.ts';
import { nodeArgsFor, SMOKE_MARKER, SMOKE_PROBE, smokeProbeSource, typeScriptRunnerFiles } from './node-command.ts';
import {
  createAnswerParser,
  helperLine,
  helperScript,
  type HelperAnswer,
  type HelperPing,
  type HelperRequest,
  type HelperSocketAnswer,
  type HelperSocketMessage,
} from './request-protocol.ts';
import type { ContainerLike, ContainerProcess, FileSystemTree } from './types.ts';
import { crashFromLogs } from '../node-crash.ts';

export { crashFromLogs };

export interface WebContainerEngineOptions {
  /** The booted container (one per page: see boot.ts). */
  container: ContainerLike;
  /** node_modules for the labs' dependencies, mounted once at the container's root (shared by every
   * lab on the page: Node finds it walking up), so a normal run needs no npm install. */
  dependencies?: FileSystemTree;
  /** Folder of this lab inside the container. A page has one container and may have several labs. */
  root?: string;
  /** Overrides of the shared TIMEOUTS, for tests. */
  timeouts?: Partial<Timeouts>;
  /** Runs checks.ts against this engine (the page's check runner; tests pass a Node one). */
  checksRunner?: (engine: SandboxEngine, source: string, timeoutMs: number) => Promise<CheckResult[]>;
  /**
   * Runs the lab's test files over its current files (the Tests tab). The page passes the browser
   * engine's test Worker (@vitest/runner): real Vitest cannot start in a WebContainer, whose Node
   * cannot load Vite 8's native bundler (rolldown). Without it the engine has no 'tests' capability.
   */
  testsRunner?: (tree: FileTree, files: string[]) => Promise<TestRunResult>;
  /**
   * PGlite's binaries for a lab that declares PostgreSQL (file name → bytes: PGLITE_BINARIES plus
   * PGLITE_TEMPLATE_FILE). node_modules.json is text and most labs need no database, so they are
   * not in it: the page passes the ones its browser engine already serves (sandbox-vendor/pglite/),
   * written into the container once. Without it a lab's PostgreSQL is not served (its `pg` answers
   * ECONNREFUSED and the 'sandbox' log says why).
   */
  pglite?: () => Promise<Record<string, Uint8Array>>;
}

/** A failure of the engine itself (not of the lab's code): the caller falls back to the browser engine. */
export class EngineFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineFailure';
  }
}

const HELPER_PATH = '.sandbox/request-helper.mjs';
const MAX_LOG_LINES = 2000;
const OSC_INTERACTIVE = '\u001b]654;interactive\u0007';
/** How often the open Infraestructura panel's snapshot is re-read (the host process has no event channel to the page). */
const INFRA_POLL_MS = 1000;

/** What the labs of one page share in its one container. */
interface ContainerShared {
  dependencies?: Promise<void>;
  /** PGlite's binaries written into node_modules (once per container, by the first lab with a database). */
  pglite?: Promise<void>;
  nodeVersion?: Promise<string>;
  /** The lab whose services may run now (labs of a topic share ports). */
  active?: WebContainerEngine;
}
const sharedState = new WeakMap<ContainerLike, ContainerShared>();
const shared = (container: ContainerLike): ContainerShared => {
  let state = sharedState.get(container);
  if (!state) sharedState.set(container, (state = {}));
  return state;
};

interface ServiceState {
  spec: ServiceInstance;
  status: ServiceStatus;
  process?: ContainerProcess;
  /** Resolves when the process's output has been read to its end. */
  drained?: Promise<void>;
  logs: string[];
  previewUrl?: string;
}

/** The service's port refused the WebSocket's TCP connection (nothing accepted it). */
class ConnectionRefused extends Error {}

// Every capability it can declare is implemented: the compiler checks each interface.
export class WebContainerEngine implements SandboxEngine, TerminalCapability, WebSocketCapability, InfrastructureCapability, ChaosCapability, TestsCapability {
  readonly kind = 'webcontainer' as const;
  readonly capabilities: ReadonlySet<CapabilityName>;
  readonly #testsRunner: WebContainerEngineOptions['testsRunner'];
  readonly #pglite: WebContainerEngineOptions['pglite'];
  /** The lab's files as last mounted and written: what the Tests tab runs. */
  #tree: FileTree = {};
  readonly #container: ContainerLike;
  readonly #dependencies: FileSystemTree | undefined;
  readonly #root: string;
  readonly #timeouts: Timeouts;
  readonly #checksRunner: WebContainerEngineOptions['checksRunner'];
  readonly #services = new Map<string, ServiceState>();
  readonly #logListeners = new Set<(entry: LogEntry) => void>();
  readonly #statusListeners = new Set<(service: string, status: ServiceStatus) => void>();
  readonly #pending = new Map<number, (answer: HelperAnswer) => void>();
  /** Open WebSocket connections held by the helper, by the id of their wsOpen message. */
  readonly #sockets = new Map<number, (answer: HelperSocketAnswer) => void>();
  readonly #portWaiters = new Map<number, (url: string) => void>();
  readonly #unsubscribe: Array<() => void> = [];
  #helper?: Promise<{ process: ContainerProcess; writer: WritableStreamDefaultWriter<string> }>;
  #nextRequestId = 1;
  #compiled = new Map<string, string>();
  /** lab.yaml's services with each replica as its own process (replicas.ts). */
  #instances: ServiceInstance[] = [];
  #infrastructure: InfrastructureSpec | undefined;
  readonly #infraListeners = new Set<(kinds: InfrastructureKind[]) => void>();
  #stopInfraPoll?: () => void;
  /** The lab's infrastructure host process and the port it listens on inside the container. */
  #infraHost?: Promise<{ process: ContainerProcess; port: number; controlPort: number }>;

  constructor(options: WebContainerEngineOptions) {
    this.#container = options.container;
    this.#dependencies = options.dependencies;
    this.#root = (options.root ?? '').replace(/^\/+|\/+$/g, '');
    this.#timeouts = { ...TIMEOUTS, ...options.timeouts };
    this.#checksRunner = options.checksRunner;
    this.#testsRunner = options.testsRunner;
    this.#pglite = options.pglite;
    this.capabilities = new Set<CapabilityName>(['terminal', 'websocket', 'infrastructure', 'chaos', ...(options.testsRunner ? (['tests'] as const) : [])]);
    this.#unsubscribe.push(
      this.#container.on('port', (port, type, url) => {
        if (shared(this.#container).active !== this) return;
        const service = this.#serviceOnPort(port);
        if (type === 'open') {
          if (service) service.previewUrl = url;
          this.#portWaiters.get(port)?.(url);
        } else if (service && service.status.state === 'running') {
          this.#setStatus(service, { state: 'stopped' });
        }
      }),
      // The container itself failed (out of memory, a crashed worker): tell the reader where they look.
      this.#container.on('error', (error) => {
        const text = `WebContainer: ${error.message}`;
        if (this.#services.size === 0) this.#log('sandbox', 'error', text);
        for (const service of this.#services.values()) this.#log(service.spec.name, 'error', text);
      }),
    );
  }

  async mount(tree: FileTree, services: ServiceSpec[], options: MountOptions = {}): Promise<void> {
    this.#tree = { ...tree };
    // Node runs the lab's TypeScript itself; only checks.ts, run in the page, uses build-time code.
    this.#compiled = new Map((options.compiled ?? []).map(({ source, code }) => [source, code]));
    await this.#stopAll();
    this.#stopInfraPoll?.();
    this.#infraListeners.clear();
    this.#stopInfrastructure();
    this.#services.clear();
    this.#infrastructure = options.infrastructure;
    const hosted = this.#hosted();
    // Each replica its own process (replicas.ts); the same env naming as every engine (AMQP_URL,
    // KAFKA_BROKERS, REDIS_URL, DATABASE_URL for the declared service's database); lab.yaml's env wins.
    this.#instances = expandReplicas(services);
    for (const spec of this.#instances) {
      const env = { ...infrastructureEnv(this.#infrastructure, spec.service, VIRTUAL_ADDRESSES), ...spec.env };
      this.#services.set(spec.name, { spec: { ...spec, env }, status: { state: 'stopped' }, logs: [] });
    }
    const files: FileTree = {
      ...tree,
      [HELPER_PATH]: helperScript(),
      ...typeScriptRunnerFiles(),
      [SMOKE_PROBE]: smokeProbeSource,
      ...(hosted.length > 0 ? infrastructureFiles() : {}),
    };
    await this.#mountDependencies();
    if (hosted.includes('postgres')) await this.#writePglite();
    try {
      if (this.#root) {
        // mount() needs an existing folder: clear the lab's folder and make it again (mkdir -p).
        await this.#container.fs.rm(this.#root, { recursive: true, force: true });
        await this.#container.fs.mkdir(this.#root, { recursive: true });
      }
      await this.#container.mount(toFileSystemTree(files), this.#root ? { mountPoint: this.#root } : undefined);
    } catch (error) {
      throw new EngineFailure(`no se pudieron copiar los archivos del laboratorio al contenedor (${(error as Error).message}).`);
    }
    // The old helper ran in the folder just replaced.
    const old = this.#helper;
    this.#helper = undefined;
    void old?.then((helper) => helper.process.kill(), () => undefined);
    for (const service of this.#instances) this.#setStatus(this.#services.get(service.name)!, { state: 'stopped' });
    await this.#smokeTest();
    // Started with the mount, as the browser engine's hosts are: queues and keys outlive service restarts.
    if (hosted.length > 0) await this.#startInfrastructure(hosted).catch(() => undefined);
  }

  async writeFile(path: string, content: string): Promise<void> {
    this.#tree[path] = content;
    const dir = parentDir(this.#path(path));
    if (dir) await this.#container.fs.mkdir(dir, { recursive: true });
    await this.#container.fs.writeFile(this.#path(path), content);
    // A changed package.json means changed dependencies: install them for real.
    if (path === 'package.json') await this.#npmInstall();
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      return await this.#container.fs.readFile(this.#path(path), 'utf-8');
    } catch {
      return undefined;
    }
  }

  status(service: string): ServiceStatus {
    return this.#require(service).status;
  }

  logs(service: string): string[] {
    return [...this.#require(service).logs];
  }

  async start(name: string): Promise<void> {
    const replicas = this.#replicasOf(name);
    if (replicas) {
      await Promise.all(replicas.map((replica) => this.start(replica)));
      return;
    }
    const service = this.#require(name);
    await this.#activate();
    if (service.process) await this.stop(name);
    service.logs = [];
    this.#setStatus(service, { state: 'starting' });
    let process: ContainerProcess;
    const opened = new Promise<string>((resolve) => this.#portWaiters.set(service.spec.port, resolve));
    try {
      const version = await this.#nodeVersion();
      const args = nodeArgsFor(version, `${service.spec.dir}/src/server.ts`);
      // SANDBOX_SERVICE: the infrastructure host learns who opens each connection (panel, chaos).
      const env: Record<string, string | number> = { ...service.spec.env, PORT: service.spec.port, SANDBOX_SERVICE: service.spec.name };
      const hosted = this.#hosted();
      if (hosted.length > 0) {
        // A host that failed to start leaves the env out: the shims then answer ECONNREFUSED, as the
        // real clients would with no server (the host's own error is in the 'sandbox' log).
        const host = await this.#startInfrastructure(hosted).catch(() => undefined);
        args.unshift('--import', `./${INFRA_REGISTER}`);
        if (host) Object.assign(env, { SANDBOX_INFRASTRUCTURE: hosted.join(','), SANDBOX_INFRA_HOST: `127.0.0.1:${host.port}` });
      }
      process = await this.#container.spawn('node', args, { cwd: this.#cwd, env });
    } catch (error) {
      this.#portWaiters.delete(service.spec.port);
      this.#setStatus(service, { state: 'crashed', reason: `No se pudo lanzar Node en el contenedor: ${(error as Error).message}` });
      return;
    }
    service.process = process;
    service.drained = this.#pipeLines(process.output, (line) => this.#serviceLine(service, process, line));
    const exited = process.exit.then((code) => ({ exited: code }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<{ timeout: true }>((resolve) => (timer = setTimeout(() => resolve({ timeout: true }), this.#timeouts.serviceStartMs)));
    const outcome = await Promise.race([opened.then((url) => ({ url })), exited, timeout]);
    clearTimeout(timer);
    this.#portWaiters.delete(service.spec.port);
    if (service.process !== process) return; // stopped or restarted meanwhile
    if ('url' in outcome) {
      service.previewUrl = outcome.url;
      this.#setStatus(service, { state: 'running', port: service.spec.port });
      void exited.then(async ({ exited: code }) => {
        if (service.process !== process) return;
        service.process = undefined;
        await this.#drain(service);
        this.#setStatus(service, code === 0 ? { state: 'stopped' } : crashFromLogs(service.logs, code, this.#labPrefix()));
      });
      return;
    }
    service.process = undefined;
    if ('timeout' in outcome) {
      process.kill();
      this.#setStatus(service, { state: 'crashed', reason: `${name} no abrió el puerto ${service.spec.port} en ${this.#timeouts.serviceStartMs / 1000} s.` });
      return;
    }
    // Node's last words (the error and its location) may still be in the pipe.
    await this.#drain(service);
    this.#setStatus(service, crashFromLogs(service.logs, outcome.exited, this.#labPrefix()));
  }

  async stop(name: string): Promise<void> {
    const replicas = this.#replicasOf(name);
    if (replicas) {
      await Promise.all(replicas.map((replica) => this.stop(replica)));
      return;
    }
    const service = this.#require(name);
    const process = service.process;
    if (!process) {
      if (service.status.state !== 'crashed') this.#setStatus(service, { state: 'stopped' });
      return;
    }
    service.process = undefined;
    process.kill();
    await Promise.race([process.exit, new Promise((resolve) => setTimeout(resolve, this.#timeouts.stopGraceMs))]);
    this.#setStatus(service, { state: 'stopped' });
  }

  async request(req: SandboxRequest): Promise<SandboxResponse> {
    const service = this.#require(req.service, req.replica);
    const encoded = encodeRequest(req);
    if (service.status.state !== 'running') throw new Error(notRunningMessage(service.spec.name));
    const answer = await this.#ask({ id: 0, port: service.spec.port, ...encoded, timeoutMs: this.#timeouts.requestMs }, service.spec.name);
    if ('error' in answer) throw new TypeError(`fetch failed: ${answer.error}`);
    if ('pong' in answer || 'ws' in answer) throw new EngineFailure('respuesta inesperada del ayudante de peticiones.');
    return decodeResponse({ status: answer.status, statusText: answer.statusText, headers: answer.headers, body: answer.text, time: answer.time });
  }

  /**
   * A WebSocket to the service, held inside the container by the request helper with the `ws`
   * client (the page cannot reach the container's ports, and `ws` can send handshake headers).
   */
  async openWebSocket(name: string, path: string, options: OpenWebSocketOptions = {}): Promise<WebSocketConnection> {
    // A service that has just reported its port can still refuse a connection for a moment (seen
    // on a loaded machine right after a restart on the same port): a refused connection is tried
    // again for up to ~1 s before the reader is told the service is not listening.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#openWebSocketOnce(name, path, options);
      } catch (error) {
        if (!(error instanceof ConnectionRefused) || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  async #openWebSocketOnce(name: string, path: string, options: OpenWebSocketOptions): Promise<WebSocketConnection> {
    const service = this.#require(name, options.replica);
    if (service.status.state !== 'running') throw new Error(refusedWebSocketMessage(name));
    const helper = await this.#ensureHelper();
    const id = this.#nextRequestId++;
    const write = (message: HelperSocketMessage) => void helper.writer.write(helperLine(message)).catch(() => this.#sockets.get(id)?.({ id, ws: 'close', code: 1006, reason: '', wasClean: false }));
    return new Promise<WebSocketConnection>((resolve, reject) => {
      let page: PageWebSocket | undefined;
      const timer = setTimeout(() => {
        if (page) return;
        this.#sockets.delete(id);
        reject(new Error(`${name} no respondió al handshake del WebSocket en ${this.#timeouts.requestMs / 1000} s.`));
      }, this.#timeouts.requestMs + 1_000);
      this.#sockets.set(id, (answer) => {
        if (answer.ws === 'open') {
          clearTimeout(timer);
          page = new PageWebSocket({
            protocol: answer.protocol,
            send: (frame) =>
              write({ id: this.#nextRequestId++, wsSend: frame.binary ? { conn: id, base64: toBase64(frame.data as ArrayBuffer) } : { conn: id, text: frame.data as string } }),
            close: (code, reason) => write({ id: this.#nextRequestId++, wsClose: { conn: id, ...(code === undefined ? {} : { code }), reason } }),
          });
          resolve(page);
        } else if (answer.ws === 'message') {
          page?.receive(answer.base64 !== undefined ? { data: fromBase64(answer.base64), binary: true } : { data: answer.text ?? '', binary: false });
        } else {
          clearTimeout(timer);
          this.#sockets.delete(id);
          if (answer.ws === 'reject') reject(new Error(notUpgradedMessage(name, answer.status)));
          else if (!page) {
            reject(answer.error && /hang up|ECONNRESET/.test(answer.error) ? new Error(`${name} cerró la conexión sin responder al handshake (¿falta injectWebSocket(server) en server.ts?).`) : new ConnectionRefused(refusedWebSocketMessage(name)));
          } else page.ended({ code: answer.code, reason: answer.reason, wasClean: answer.wasClean });
        }
      });
      write({ id, wsOpen: { port: service.spec.port, path: path.startsWith('/') ? path : `/${path}`, headers: options.headers ?? {}, protocols: options.protocols ?? [], timeoutMs: this.#timeouts.requestMs } });
    });
  }

  /** What the lab's servers hold (the "Infraestructura" panel), asked of the host process's control port. */
  async infrastructureSnapshot(): Promise<InfrastructureSnapshot> {
    const declared = declaredKinds(this.#infrastructure);
    const hosted = this.#hosted();
    if (hosted.length === 0) return { declared };
    const host = await this.#startInfrastructure(hosted);
    return { declared, ...((await this.#control(host.controlPort, 'GET', '/snapshot')) as Omit<InfrastructureSnapshot, 'declared'>) };
  }

  /** Empties the lab's servers and restarts the services that were running, as after a fresh `docker compose up`. */
  /**
   * The host process answers only over HTTP, so while someone listens (the open panel) the snapshot
   * is read every INFRA_POLL_MS and the kinds whose part differs are reported; nobody listening,
   * nothing is read. TTLs count down on every read: only whether a key has one is compared.
   */
  onInfrastructureChange(listener: (kinds: InfrastructureKind[]) => void): Unsubscribe {
    this.#infraListeners.add(listener);
    if (this.#infraListeners.size === 1) this.#pollInfrastructure();
    return () => {
      this.#infraListeners.delete(listener);
      if (this.#infraListeners.size === 0) this.#stopInfraPoll?.();
    };
  }

  #pollInfrastructure(): void {
    let active = true;
    let previous: Partial<Record<InfrastructureKind, string>> | undefined;
    this.#stopInfraPoll = () => {
      active = false;
      this.#stopInfraPoll = undefined;
    };
    const read = async () => {
      if (!active) return;
      if (this.#hosted().length > 0) {
        const snapshot = await this.infrastructureSnapshot().catch(() => undefined);
        if (snapshot && active) {
          const current: Partial<Record<InfrastructureKind, string>> = {};
          for (const kind of ['rabbitmq', 'kafka', 'redis', 'postgres'] as const) {
            current[kind] = JSON.stringify(snapshot[kind] ?? null, (key, field: unknown) => (key === 'ttlMs' ? field !== null : field));
          }
          const changed = previous ? (Object.keys(current) as InfrastructureKind[]).filter((kind) => current[kind] !== previous![kind]) : [];
          previous = current;
          if (changed.length > 0) for (const listener of [...this.#infraListeners]) listener(changed);
        }
      }
      if (active) setTimeout(() => void read(), INFRA_POLL_MS);
    };
    void read();
  }

  async resetInfrastructure(): Promise<void> {
    const hosted = this.#hosted();
    if (hosted.length === 0) return;
    const running = [...this.#services.values()].filter((service) => service.process).map((service) => service.spec.name);
    await Promise.all(running.map((name) => this.stop(name)));
    const host = await this.#startInfrastructure(hosted);
    await this.#control(host.controlPort, 'POST', '/reset');
    for (const name of running) await this.start(name);
  }

  // ---- chaos controls (capability 'chaos'; see contract/capabilities.ts): the brokers' through the
  // host process's control port, a crash by killing the service's process.

  async pauseConsumer(target: ConsumerTarget): Promise<void> {
    await this.#chaos('/chaos/pause', chaosQuery(target));
  }

  async resumeConsumer(target: ConsumerTarget): Promise<void> {
    await this.#chaos('/chaos/resume', chaosQuery(target));
  }

  /** Closes the broker connections of a service (every replica when a replicated service's name is given). */
  async dropConnections(service: string, kind: 'rabbitmq' | 'kafka'): Promise<number> {
    const names = this.#replicasOf(service) ?? [this.#require(service).spec.name];
    let dropped = 0;
    for (const name of names) dropped += ((await this.#chaos('/chaos/drop', new URLSearchParams({ service: name, kind }))) as { dropped?: number } | undefined)?.dropped ?? 0;
    return dropped;
  }

  /** Kills the service's (or replica's) process at once, without a graceful stop; its status says so. */
  async crashService(name: string): Promise<void> {
    const service = this.#require(name);
    const process = service.process;
    if (!process) throw new Error(notRunningMessage(service.spec.name));
    service.process = undefined;
    process.kill();
    this.#setStatus(service, { state: 'crashed', reason: `${service.spec.name} se cayó: su proceso se terminó desde el panel de infraestructura (caos). Pulsa Ejecutar para arrancarlo de nuevo.` });
  }

  async #chaos(path: string, query: URLSearchParams): Promise<unknown> {
    const hosted = this.#hosted().filter((kind) => kind === 'rabbitmq' || kind === 'kafka');
    if (hosted.length === 0) {
      if (path === '/chaos/drop') return { dropped: 0 };
      throw new Error('Este laboratorio no declara ningún broker.');
    }
    const host = await this.#startInfrastructure(this.#hosted());
    return this.#control(host.controlPort, 'POST', `${path}?${query}`);
  }

  async #control(port: number, method: string, path: string): Promise<unknown> {
    const answer = await this.#ask({ id: 0, port, method, path, headers: {}, timeoutMs: this.#timeouts.requestMs }, 'infraestructura');
    // The host's own refusal (an unknown consumer tag): its message, as the browser engine gives it.
    if ('statusText' in answer && answer.status === 500) throw new Error((JSON.parse(answer.text) as { error?: string }).error ?? answer.text);
    if (!('statusText' in answer) || answer.status !== 200) {
      throw new Error(`El servidor de infraestructura no respondió (${'error' in answer ? answer.error : 'statusText' in answer ? `${answer.status} ${answer.text}` : '?'}).`);
    }
    return JSON.parse(answer.text) as unknown;
  }

  onLog(listener: (entry: LogEntry) => void): Unsubscribe {
    this.#logListeners.add(listener);
    return () => this.#logListeners.delete(listener);
  }

  onStatus(listener: (service: string, status: ServiceStatus) => void): Unsubscribe {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  async openPreview(name: string, path: string): Promise<string> {
    const service = this.#require(name);
    if (service.status.state !== 'running' || !service.previewUrl) throw new Error(notRunningMessage(name));
    return new URL(path, service.previewUrl).href;
  }

  async runTests(files?: string[], overrides: FileTree = {}): Promise<TestRunResult> {
    if (!this.#testsRunner) throw new Error('Este motor no tiene con qué ejecutar tests.');
    const tree = { ...this.#tree, ...overrides };
    return this.#testsRunner(tree, files && files.length > 0 ? files : testFilesOf(tree));
  }

  async runChecks(checksSource: string): Promise<CheckResult[]> {
    const runner =
      this.#checksRunner ?? (async (engine, source, timeoutMs) => (await import('../browser/checks.ts')).runChecksSource(engine, source, {}, timeoutMs, this.#compiled));
    return runner(this, checksSource, this.#timeouts.checkMs);
  }

  /**
   * A jsh shell for the terminal panel. `jsh --osc` prints an OSC 654 "interactive" sequence once it
   * reads keys; keys sent before that are lost, so this resolves only then (or after 10 s).
   */
  async spawnShell(size: { cols: number; rows: number }): Promise<TerminalProcess> {
    const shell = await this.#container.spawn('jsh', ['--osc'], { terminal: size, cwd: this.#cwd });
    const [watch, forward] = shell.output.tee();
    const reader = watch.getReader();
    const ready = (async () => {
      let seen = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        seen = (seen + value).slice(-64);
        if (seen.includes(OSC_INTERACTIVE)) return;
      }
    })();
    await Promise.race([ready, shell.exit, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    void reader.cancel().catch(() => undefined);
    return { input: shell.input, output: forward, exit: shell.exit, resize: (next) => shell.resize(next), kill: () => shell.kill() };
  }

  /** Stops this lab's processes. The container itself outlives it: other labs on the page use it too. */
  async dispose(): Promise<void> {
    await this.#stopAll();
    this.#stopInfraPoll?.();
    this.#infraListeners.clear();
    this.#stopInfrastructure();
    const helper = this.#helper;
    this.#helper = undefined;
    void helper?.then((h) => h.process.kill(), () => undefined);
    if (shared(this.#container).active === this) shared(this.#container).active = undefined;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }

  get #cwd(): string | undefined {
    return this.#root || undefined;
  }

  #path(path: string): string {
    return this.#root ? `${this.#root}/${path}` : path;
  }

  /** What Node prints before a lab file's path: `/home/<workdir>/labs/<id>/`. */
  #labPrefix(): string {
    return `${this.#container.workdir.replace(/\/+$/, '')}/${this.#root ? `${this.#root}/` : ''}`;
  }

  /** Makes this lab the container's active one: the other lab's services give up the ports. */
  async #activate(): Promise<void> {
    const state = shared(this.#container);
    if (state.active === this) return;
    const previous = state.active;
    state.active = this;
    if (previous) await previous.#stopAll();
  }

  async #stopAll(): Promise<void> {
    await Promise.all([...this.#services.values()].filter((s) => s.process).map((s) => this.stop(s.spec.name)));
  }

  /** Starts (once per mount) the infrastructure host process and waits for its port. */
  #startInfrastructure(kinds: InfrastructureKind[]): Promise<{ process: ContainerProcess; port: number; controlPort: number }> {
    this.#infraHost ??= (async () => {
      const databases = Object.entries(this.#infrastructure?.postgres?.databases ?? {});
      const env = {
        SANDBOX_INFRASTRUCTURE: kinds.join(','),
        SANDBOX_INFRA_PORT: 0,
        ...(kinds.includes('postgres') ? { SANDBOX_DATABASES: databases.map(([name, owner]) => `${name}=${owner}`).join(','), SANDBOX_PG_TEMPLATE: `${this.#container.workdir}/${PGLITE_TEMPLATE_PATH}` } : {}),
      };
      const process = await this.#container.spawn('node', [INFRA_HOST], { cwd: this.#cwd, env });
      // PGlite starting each database (from the template) takes seconds more on a busy machine.
      const startMs = kinds.includes('postgres') ? Math.max(this.#timeouts.serviceStartMs, 90_000) : this.#timeouts.serviceStartMs;
      const lines: string[] = [];
      let resolveReady!: (ports: { port: number; controlPort: number }) => void;
      const ready = new Promise<{ port: number; controlPort: number }>((resolve) => (resolveReady = resolve));
      void this.#pipeLines(process.output, (line) => {
        const match = new RegExp(`${INFRA_READY} (\\d+) (\\d+)`).exec(line);
        if (match) return resolveReady({ port: Number(match[1]), controlPort: Number(match[2]) });
        lines.push(line);
        this.#log('sandbox', /error/i.test(line) ? 'error' : 'log', `infraestructura: ${line}`);
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const outcome = await Promise.race([
        ready,
        process.exit.then((code) => ({ exited: code })),
        new Promise<{ timeout: true }>((resolve) => (timer = setTimeout(() => resolve({ timeout: true }), startMs))),
      ]);
      clearTimeout(timer);
      if ('port' in outcome) return { process, ...outcome };
      process.kill();
      const why = 'timeout' in outcome ? `no respondió en ${startMs / 1000} s` : `terminó con código ${outcome.exited}`;
      const message = `El servidor de infraestructura del laboratorio (${kinds.join(', ')}) ${why}: ${lines.slice(-3).join(' ').slice(0, 300)}`;
      this.#log('sandbox', 'error', message);
      throw new Error(message);
    })();
    const host = this.#infraHost;
    host.then(
      ({ process }) => void process.exit.then(() => this.#infraHost === host && (this.#infraHost = undefined)),
      () => this.#infraHost === host && (this.#infraHost = undefined),
    );
    return host;
  }

  /** The kinds the host process serves: what the lab declares, PostgreSQL only if PGlite could be written. */
  #hosted(): InfrastructureKind[] {
    const kinds = hostedKinds(this.#infrastructure);
    return this.#pglite ? kinds : kinds.filter((kind) => kind !== 'postgres');
  }

  #writePglite(): Promise<void> {
    const state = shared(this.#container);
    state.pglite ??= (async () => {
      const files = await this.#pglite!();
      await this.#container.fs.mkdir(PGLITE_DIST, { recursive: true });
      for (const [name, bytes] of Object.entries(files)) {
        await this.#container.fs.writeFile(name === PGLITE_TEMPLATE_FILE ? PGLITE_TEMPLATE_PATH : `${PGLITE_DIST}/${name}`, bytes);
      }
    })();
    state.pglite.catch((error: Error) => {
      state.pglite = undefined;
      this.#log('sandbox', 'error', `infraestructura: no se pudo copiar PGlite al contenedor (${error.message}); PostgreSQL no responderá.`);
    });
    return state.pglite.catch(() => undefined);
  }

  #stopInfrastructure(): void {
    const host = this.#infraHost;
    this.#infraHost = undefined;
    void host?.then((h) => h.process.kill(), () => undefined);
  }

  #mountDependencies(): Promise<void> {
    if (!this.#dependencies) return Promise.resolve();
    const state = shared(this.#container);
    state.dependencies ??= this.#container.mount({ node_modules: { directory: this.#dependencies } }).catch((error: Error) => {
      state.dependencies = undefined;
      throw new EngineFailure(`no se pudieron montar las dependencias (${error.message}).`);
    });
    return state.dependencies;
  }

  #nodeVersion(): Promise<string> {
    const state = shared(this.#container);
    state.nodeVersion ??= (async () => {
      const probe = await this.#container.spawn('node', ['--version']);
      let text = '';
      await this.#readStream(probe.output, (chunk) => (text += chunk));
      await probe.exit;
      const version = /v\d+\.\d+\.\d+/.exec(text)?.[0];
      if (!version) throw new EngineFailure(`no se pudo saber la versión de Node del contenedor («${text.trim().slice(0, 80)}»).`);
      return version;
    })().catch((error: Error) => {
      state.nodeVersion = undefined;
      throw error;
    });
    return state.nodeVersion;
  }

  /**
   * Right after mounting: a .ts probe with the node arguments services will get, and one helper
   * round trip. Either failing means the sandbox would be broken: throw, and the browser engine
   * takes over before the reader presses anything.
   */
  async #smokeTest(): Promise<void> {
    const version = await this.#nodeVersion();
    const probe = await this.#container.spawn('node', nodeArgsFor(version, SMOKE_PROBE), { cwd: this.#cwd });
    let text = '';
    const read = this.#readStream(probe.output, (chunk) => (text += chunk));
    const code = await Promise.race([probe.exit, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), this.#timeouts.serviceStartMs))]);
    if (code === 'timeout') probe.kill();
    await Promise.race([read, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    if (code !== 0 || !text.includes(SMOKE_MARKER)) {
      throw new EngineFailure(`Node ${version} no pudo ejecutar TypeScript en el contenedor (${code === 'timeout' ? 'sin respuesta' : `código ${code}`}): ${stripAnsi(text).trim().split('\n').slice(-3).join(' ').slice(0, 300)}`);
    }
    const pong = await this.#ask({ id: 0, ping: true }, 'sandbox', 15_000).catch((error: Error) => {
      throw new EngineFailure(`el ayudante de peticiones no responde (${error.message}).`);
    });
    if (!('pong' in pong)) throw new EngineFailure('el ayudante de peticiones respondió algo inesperado.');
  }

  /** Sends one message to the helper and waits for its answer. */
  async #ask(message: Omit<HelperRequest, 'id'> & { id: number } | HelperPing, service: string, timeoutMs = this.#timeouts.requestMs + 1_000): Promise<HelperAnswer> {
    const helper = await this.#ensureHelper();
    const id = this.#nextRequestId++;
    return new Promise<HelperAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`Sin respuesta de ${service} en ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      this.#pending.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      helper.writer.write(helperLine({ ...message, id })).catch((error: Error) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(new EngineFailure(`no se pudo escribir al ayudante de peticiones (${error.message}).`));
      });
    });
  }

  async #npmInstall(): Promise<void> {
    this.#log('npm', 'system', 'package.json cambió: ejecutando npm install…');
    const install = await this.#container.spawn('npm', ['install', '--no-audit', '--no-fund'], { cwd: this.#cwd });
    void this.#pipeLines(install.output, (line) => this.#log('npm', 'log', line));
    const code = await Promise.race([install.exit, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), this.#timeouts.npmInstallMs))]);
    if (code === 'timeout') {
      install.kill();
      this.#log('npm', 'error', `npm install no terminó en ${this.#timeouts.npmInstallMs / 1000} s y se detuvo: revisa package.json (¿un paquete que no existe?).`);
      return;
    }
    this.#log('npm', code === 0 ? 'system' : 'error', code === 0 ? 'npm install terminó.' : `npm install falló (código ${code}).`);
  }

  #ensureHelper() {
    this.#helper ??= (async () => {
      const process = await this.#container.spawn('node', [HELPER_PATH], { cwd: this.#cwd });
      const writer = process.input.getWriter();
      const parse = createAnswerParser((answer) => {
        if ('ws' in answer) return this.#sockets.get(answer.id)?.(answer);
        this.#pending.get(answer.id)?.(answer);
        this.#pending.delete(answer.id);
      });
      void this.#readStream(process.output, parse);
      return { process, writer };
    })();
    const helper = this.#helper;
    // A helper that failed to start or exited is made again on the next request.
    helper.then(
      ({ process }) =>
        process.exit.then(() => {
          if (this.#helper === helper) this.#helper = undefined;
          // Its connections die with it.
          for (const [id, deliver] of [...this.#sockets]) deliver({ id, ws: 'close', code: 1006, reason: '', wasClean: false });
        }),
      () => this.#helper === helper && (this.#helper = undefined),
    );
    return helper;
  }

  /** Waits (briefly) until a service's output has been read to its end. */
  async #drain(service: ServiceState): Promise<void> {
    await Promise.race([service.drained, new Promise((resolve) => setTimeout(resolve, 1_000))]);
  }

  async #pipeLines(stream: ReadableStream<string>, onLine: (line: string) => void): Promise<void> {
    let buffer = '';
    await this.#readStream(stream, (chunk) => {
      buffer += chunk;
      const lines = buffer.split(/\r?\n/);
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(stripAnsi(line));
    });
    if (buffer.trim()) onLine(stripAnsi(buffer));
  }

  async #readStream(stream: ReadableStream<string>, onChunk: (chunk: string) => void): Promise<void> {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        onChunk(value);
      }
    } catch {
      /* the process was killed */
    }
  }

  #serviceLine(service: ServiceState, process: ContainerProcess, line: string) {
    // Lines of a process that was replaced belong to the old run.
    if (service.process !== process && service.process !== undefined) return;
    service.logs.push(line);
    if (service.logs.length > MAX_LOG_LINES) service.logs.shift();
    this.#log(service.spec.name, /error/i.test(line) ? 'error' : 'log', line);
  }

  #log(service: string, level: LogEntry['level'], text: string) {
    const entry: LogEntry = { service, level, text, time: Date.now() };
    for (const listener of this.#logListeners) listener(entry);
  }

  #setStatus(service: ServiceState, status: ServiceStatus) {
    service.status = status;
    for (const listener of [...this.#statusListeners]) listener(service.spec.name, status);
  }

  #serviceOnPort(port: number) {
    return [...this.#services.values()].find((service) => service.spec.port === port);
  }

  #replicasOf(name: string): string[] | undefined {
    const names = instancesNamed(this.#instances, name);
    return names.length > 1 || (names.length === 1 && names[0] !== name) ? names : undefined;
  }

  /** An instance by its name, or a replicated service's replica (`replica`, default 1). */
  #require(name: string, replica?: number): ServiceState {
    const service = this.#services.get(resolveInstance(this.#instances, name, replica) ?? name);
    if (!service) throw new Error(unknownServiceMessage(name));
    return service;
  }
}

function chaosQuery(target: ConsumerTarget): URLSearchParams {
  return target.kind === 'rabbitmq' ? new URLSearchParams({ kind: 'rabbitmq', tag: target.consumerTag }) : new URLSearchParams({ kind: 'kafka', group: target.groupId, member: target.memberId });
}

function toBase64(buffer: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g, '');
