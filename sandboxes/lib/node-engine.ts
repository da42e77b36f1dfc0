// The Node runner as an engine: the SandboxEngine contract over real processes on this machine
// (Node with type stripping, free local ports, declared ports rewritten in env). Same request
// encoding, messages, timeouts and crash reports as the page's engines, so the conformance suite
// (src/sandbox/contract/conformance) runs on it unchanged.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ChaosCapability, InfrastructureCapability, TestsCapability, WebSocketCapability, CapabilityName, ConsumerTarget, InfrastructureSnapshot, OpenWebSocketOptions, WebSocketConnection } from '../../src/sandbox/contract/capabilities.ts';
import { refusedWebSocketMessage } from '../../src/sandbox/contract/websocket.ts';
import { openWsClient } from './ws-client.ts';
import { declaredKinds, infrastructureEnv, type InfrastructureKind, type InfrastructureSpec } from '../../src/sandbox/contract/infrastructure.ts';
import { provisionInfrastructure, type ProvisionedInfrastructure, type ProvisionOptions } from './infrastructure.ts';
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
} from '../../src/sandbox/contract/engine.ts';
import { decodeResponse, encodeRequest, notRunningMessage, unknownServiceMessage } from '../../src/sandbox/contract/http.ts';
import { TIMEOUTS } from '../../src/sandbox/contract/timeouts.ts';
import { expandReplicas, instancesNamed, resolveInstance, type ServiceInstance } from '../../src/sandbox/contract/replicas.ts';
import { importChecksSource } from '../../src/sandbox/contract/conformance/node-checks.ts';
import { createCheckContext } from '../../src/sandbox/engines/check-context.ts';
import { crashFromLogs } from '../../src/sandbox/engines/node-crash.ts';
import { runCheckList } from './checks-core.ts';
import { MATERIALIZED_DIR } from './labs.ts';
import { findFreePorts, rewriteEnv, typeStrippingNode } from './node-runner.ts';
import { runVitest } from './vitest-run.ts';
import type { TestRunResult } from '../../src/sandbox/contract/tests.ts';

interface NodeService {
  spec: ServiceInstance;
  port: number;
  env: Record<string, string>;
  status: ServiceStatus;
  logs: string[];
  child?: ChildProcess;
  exited?: Promise<number>;
}

export interface NodeEngineOptions {
  /** Extra env for every service (e.g. fewer PBKDF2 iterations in tests). */
  env?: Record<string, string>;
  /** Servers to emulate even if the real one answers ('all' = FOODLY_INFRA=memory; see ./infrastructure.ts). */
  emulate?: ProvisionOptions['emulate'];
}

const ANSI = /\x1b\[[0-9;]*m/g;

// Every capability it can declare is implemented: the compiler checks each interface.
export class NodeEngine implements SandboxEngine, WebSocketCapability, TestsCapability, InfrastructureCapability, ChaosCapability {
  readonly kind = 'node' as const;
  /**
   * 'chaos' while the mounted lab's brokers can take it: none declared, or emulated in this process
   * (FOODLY_INFRA=memory, or no server answering). Against a real RabbitMQ there is no "pause this
   * consumer", so the engine does not claim it and checks take their `if (!ctx.chaos)` path.
   */
  capabilities: ReadonlySet<CapabilityName> = new Set<CapabilityName>(['websocket', 'tests', 'infrastructure', 'chaos']);
  readonly #options: NodeEngineOptions;
  readonly #services = new Map<string, NodeService>();
  readonly #logListeners = new Set<(entry: LogEntry) => void>();
  readonly #statusListeners = new Set<(service: string, status: ServiceStatus) => void>();
  #dir?: string;
  /** lab.yaml's services with each replica as its own process (replicas.ts). */
  #instances: ServiceInstance[] = [];
  #infrastructure?: ProvisionedInfrastructure;
  #infrastructureSpec?: InfrastructureSpec;
  /** The snapshot's missing servers are logged once per mount, not on every read. */
  #unobservedLogged = false;
  readonly #infrastructureListeners = new Set<(kinds: InfrastructureKind[]) => void>();
  /** The view's own subscription while the panel (or a test) listens: a real server is polled only then. */
  #offInfrastructure?: () => void;

  constructor(options: NodeEngineOptions = {}) {
    this.#options = options;
  }

  async mount(tree: FileTree, services: ServiceSpec[], options: MountOptions = {}): Promise<void> {
    await this.#stopAll();
    this.#offInfrastructure?.();
    this.#offInfrastructure = undefined;
    await this.#infrastructure?.dispose();
    this.#infrastructure = undefined;
    this.#infrastructureSpec = declaredKinds(options.infrastructure).length > 0 ? options.infrastructure : undefined;
    this.#unobservedLogged = false;
    // A lab that declares servers gets this mount's own databases, Redis DB and vhost (./infrastructure.ts).
    if (declaredKinds(options.infrastructure).length > 0) {
      this.#infrastructure = await provisionInfrastructure(options.infrastructure, `engine-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, { emulate: this.#options.emulate });
    }
    const addresses = this.#infrastructure?.addresses;
    this.capabilities = new Set<CapabilityName>(['websocket', 'tests', 'infrastructure', ...(!this.#infrastructure || this.#infrastructure.brokerChaos ? (['chaos'] as const) : [])]);
    if (this.#infrastructureListeners.size > 0) this.#watchInfrastructure();
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
    await mkdir(MATERIALIZED_DIR, { recursive: true });
    // Inside the project, so the lab's bare imports resolve to its node_modules.
    this.#dir = await mkdtemp(join(MATERIALIZED_DIR, 'engine-'));
    for (const [path, content] of Object.entries(tree)) await this.#write(path, content);
    // Each replica is its own process on its own port; `http://localhost:<replica port>` in env
    // values (a gateway's list of replicas) is rewritten like any declared port.
    this.#instances = expandReplicas(services);
    const ports = await findFreePorts(this.#instances.length);
    const portMap = new Map(this.#instances.map((spec, index) => [spec.port, ports[index]!]));
    this.#services.clear();
    this.#instances.forEach((spec, index) => {
      const port = ports[index]!;
      const infrastructure = addresses ? infrastructureEnv(options.infrastructure, spec.service, addresses) : {};
      this.#services.set(spec.name, {
        spec,
        port,
        env: { ...infrastructure, ...this.#infrastructure?.env, ...rewriteEnv(spec.env, portMap), ...this.#options.env, PORT: String(port), SANDBOX_SERVICE: spec.name },
        status: { state: 'stopped' },
        logs: [],
      });
    });
    for (const service of this.#services.values()) this.#setStatus(service, { state: 'stopped' });
  }

  /** The lab's test files (all, or `files`) with real Vitest over the mounted folder (./vitest-run.ts). */
  async runTests(files: string[] = [], overrides: FileTree = {}): Promise<TestRunResult> {
    if (!this.#dir) throw new Error('No hay ningún laboratorio montado.');
    return runVitest(this.#dir, files, { overrides });
  }

  async writeFile(path: string, content: string): Promise<void> {
    await this.#write(path, content);
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.#dir ? readFile(join(this.#dir, path), 'utf8').catch(() => undefined) : undefined;
  }

  async start(name: string): Promise<void> {
    const replicas = this.#replicasOf(name);
    if (replicas) {
      await Promise.all(replicas.map((replica) => this.start(replica)));
      return;
    }
    const service = this.#require(name);
    if (service.child) await this.stop(name);
    service.logs = [];
    this.#setStatus(service, { state: 'starting' });
    const child = spawn(typeStrippingNode(), [...(this.#infrastructure?.nodeArgs ?? []), `${service.spec.dir}/src/server.ts`], {
      cwd: this.#dir,
      env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', ...service.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.child = child;
    const closed = new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? 1)));
    service.exited = closed;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (!line.trim()) continue;
        const clean = line.replace(ANSI, '');
        service.logs.push(clean);
        const entry: LogEntry = { service: name, level: /error/i.test(clean) ? 'error' : 'log', text: clean, time: Date.now() };
        for (const listener of this.#logListeners) listener(entry);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const deadline = Date.now() + TIMEOUTS.serviceStartMs;
    let exitCode: number | undefined;
    void closed.then((code) => (exitCode = code));
    while (Date.now() < deadline && exitCode === undefined) {
      try {
        await fetch(`http://127.0.0.1:${service.port}/`, { signal: AbortSignal.timeout(500) });
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    }
    if (service.child !== child) return;
    if (exitCode !== undefined) {
      service.child = undefined;
      this.#setStatus(service, crashFromLogs(service.logs, exitCode, `${this.#dir}/`));
      return;
    }
    if (Date.now() >= deadline) {
      child.kill('SIGKILL');
      service.child = undefined;
      this.#setStatus(service, { state: 'crashed', reason: `${name} no abrió el puerto ${service.spec.port} en ${TIMEOUTS.serviceStartMs / 1000} s.` });
      return;
    }
    this.#setStatus(service, { state: 'running', port: service.spec.port });
    void closed.then((code) => {
      if (service.child !== child) return;
      service.child = undefined;
      this.#setStatus(service, code === 0 ? { state: 'stopped' } : crashFromLogs(service.logs, code, `${this.#dir}/`));
    });
  }

  // ---- capability 'infrastructure': the emulated host's snapshot and events, the real servers read
  // with their own tools and polled only while someone listens (./infrastructure.ts, ./real-infrastructure.ts)

  async infrastructureSnapshot(): Promise<InfrastructureSnapshot> {
    const declared = declaredKinds(this.#infrastructureSpec);
    const infrastructure = this.#infrastructure;
    if (!infrastructure) return { declared };
    // A server the snapshot cannot show (rabbitmqctl unavailable, a real Kafka) is left out, and the
    // 'sandbox' log says why: the panel then shows the rest.
    if (!this.#unobservedLogged) for (const line of infrastructure.view.unobserved) this.#log('sandbox', 'warn', `infraestructura: ${line}`);
    this.#unobservedLogged = true;
    return { declared, ...(await infrastructure.view.snapshot()) };
  }

  /** Empties the lab's servers and restarts the services that were running, as after a fresh `docker compose up`. */
  async resetInfrastructure(): Promise<void> {
    const infrastructure = this.#infrastructure;
    if (!infrastructure) return;
    const running = [...this.#services.values()].filter((service) => service.child).map((service) => service.spec.name);
    await Promise.all(running.map((name) => this.stop(name)));
    await infrastructure.view.reset();
    for (const name of running) await this.start(name);
  }

  /** Emulated servers: the host's own events; real ones: a poll (≤ 2/s) while at least one listener is here. */
  onInfrastructureChange(listener: (kinds: InfrastructureKind[]) => void): Unsubscribe {
    this.#infrastructureListeners.add(listener);
    if (this.#infrastructureListeners.size === 1) this.#watchInfrastructure();
    return () => {
      this.#infrastructureListeners.delete(listener);
      if (this.#infrastructureListeners.size > 0) return;
      this.#offInfrastructure?.();
      this.#offInfrastructure = undefined;
    };
  }

  #watchInfrastructure(): void {
    this.#offInfrastructure?.();
    this.#offInfrastructure = this.#infrastructure?.view.onChange((kinds) => {
      for (const listener of [...this.#infrastructureListeners]) listener(kinds);
    });
  }

  // ---- chaos controls (capability 'chaos' when the brokers are emulated here; see `capabilities`)

  async pauseConsumer(target: ConsumerTarget): Promise<void> {
    this.#brokerChaos().setConsumerPaused(target, true);
  }

  async resumeConsumer(target: ConsumerTarget): Promise<void> {
    this.#brokerChaos().setConsumerPaused(target, false);
  }

  async dropConnections(service: string, kind: 'rabbitmq' | 'kafka'): Promise<number> {
    const names = this.#replicasOf(service) ?? [this.#require(service).spec.name];
    if (!this.#infrastructure) return 0;
    return names.reduce((sum, name) => sum + this.#brokerChaos().dropConnections(name, kind), 0);
  }

  /** SIGKILL, no graceful stop: the status says it was chaos, as in the browser engine. */
  async crashService(name: string): Promise<void> {
    const service = this.#require(name);
    const child = service.child;
    if (!child) throw new Error(notRunningMessage(service.spec.name));
    service.child = undefined;
    child.kill('SIGKILL');
    await service.exited;
    this.#setStatus(service, { state: 'crashed', reason: `${service.spec.name} se cayó: su proceso recibió SIGKILL (caos). Pulsa Ejecutar para arrancarlo de nuevo.` });
  }

  #brokerChaos(): NonNullable<ProvisionedInfrastructure['brokerChaos']> {
    if (!this.#infrastructure) throw new Error('Este laboratorio no declara ningún broker.');
    const chaos = this.#infrastructure.brokerChaos;
    if (!chaos) throw new Error('Pausar consumidores y cortar conexiones solo es posible con los brokers emulados (FOODLY_INFRA=memory): un RabbitMQ real no tiene esa operación.');
    return chaos;
  }

  async stop(name: string): Promise<void> {
    const replicas = this.#replicasOf(name);
    if (replicas) {
      await Promise.all(replicas.map((replica) => this.stop(replica)));
      return;
    }
    const service = this.#require(name);
    const child = service.child;
    service.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([service.exited!.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), TIMEOUTS.stopGraceMs))]);
      if (!done) {
        child.kill('SIGKILL');
        await service.exited;
      }
    }
    if (child || service.status.state !== 'crashed') this.#setStatus(service, { state: 'stopped' });
  }

  status(name: string): ServiceStatus {
    return this.#require(name).status;
  }

  logs(name: string): string[] {
    return [...this.#require(name).logs];
  }

  async request(req: SandboxRequest): Promise<SandboxResponse> {
    const service = this.#require(req.service, req.replica);
    const { method, path, headers, body } = encodeRequest(req);
    if (service.status.state !== 'running') throw new Error(notRunningMessage(service.spec.name));
    const startedAt = performance.now();
    const response = await fetch(`http://127.0.0.1:${service.port}${path}`, { method, headers, body, signal: AbortSignal.timeout(TIMEOUTS.requestMs) });
    const bytes = await response.arrayBuffer();
    return decodeResponse({ status: response.status, statusText: response.statusText, headers: response.headers, body: bytes, time: performance.now() - startedAt });
  }

  /**
   * A real WebSocket to the service's process with the `ws` client (what @hono/node-ws depends on):
   * unlike Node's global (WHATWG) WebSocket it can send handshake headers, as the panel does.
   */
  async openWebSocket(name: string, path: string, options: OpenWebSocketOptions = {}): Promise<WebSocketConnection> {
    const service = this.#require(name, options.replica);
    if (service.status.state !== 'running') throw new Error(refusedWebSocketMessage(name));
    return openWsClient(name, service.port, path, options);
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
    if (service.status.state !== 'running') throw new Error(notRunningMessage(name));
    return `http://127.0.0.1:${service.port}${path.startsWith('/') ? path : `/${path}`}`;
  }

  async runChecks(checksSource: string): Promise<CheckResult[]> {
    return runCheckList(await importChecksSource(checksSource), createCheckContext(this), { timeoutMs: TIMEOUTS.checkMs });
  }

  async dispose(): Promise<void> {
    await this.#stopAll();
    this.#offInfrastructure?.();
    this.#offInfrastructure = undefined;
    await this.#infrastructure?.dispose();
    this.#infrastructure = undefined;
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }

  async #stopAll(): Promise<void> {
    await Promise.all([...this.#services.values()].filter((s) => s.child).map((s) => this.stop(s.spec.name)));
  }

  async #write(path: string, content: string): Promise<void> {
    if (!this.#dir) throw new Error('Monta el laboratorio antes de escribir archivos.');
    const target = join(this.#dir, path);
    if (!target.startsWith(`${this.#dir}/`)) throw new Error(`Ruta fuera del laboratorio: ${path}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }

  #log(service: string, level: LogEntry['level'], text: string): void {
    const entry: LogEntry = { service, level, text, time: Date.now() };
    for (const listener of this.#logListeners) listener(entry);
  }

  #setStatus(service: NodeService, status: ServiceStatus): void {
    service.status = status;
    for (const listener of [...this.#statusListeners]) listener(service.spec.name, status);
  }

  #replicasOf(name: string): string[] | undefined {
    const names = instancesNamed(this.#instances, name);
    return names.length > 1 || (names.length === 1 && names[0] !== name) ? names : undefined;
  }

  /** An instance by its name, or a replicated service's replica (`replica`, default 1). */
  #require(name: string, replica?: number): NodeService {
    const service = this.#services.get(resolveInstance(this.#instances, name, replica) ?? name);
    if (!service) throw new Error(unknownServiceMessage(name));
    return service;
  }
}
