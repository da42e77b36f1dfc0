// The WebContainer engine: the lab's services run as real Node processes inside StackBlitz's
// WebContainer (full Node, npm, a shell). Same contract as the browser engine, so the sandbox UI
// does not care which one runs.
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
} from '../../types.ts';
import { runChecksSource } from '../browser/checks.ts';
import { parentDir, toFileSystemTree } from './file-tree.ts';
import { nodeArgsFor, STRIP_TYPES_HOOK, stripTypesHookSource } from './node-command.ts';
import { createAnswerParser, helperScript, type HelperAnswer } from './request-protocol.ts';
import type { ContainerLike, ContainerProcess, FileSystemTree } from './types.ts';

export interface WebContainerEngineOptions {
  /** The booted container (one per page: see boot.ts). */
  container: ContainerLike;
  /** node_modules for the labs' dependencies, mounted once at the container's root (shared by every
   * lab on the page: Node finds it walking up), so a normal run needs no npm install. */
  dependencies?: FileSystemTree;
  /** Folder of this lab inside the container. A page has one container and may have several labs. */
  root?: string;
  /** How long a service may take to open its port. */
  startTimeoutMs?: number;
  requestTimeoutMs?: number;
  checkTimeoutMs?: number;
}

const HELPER_PATH = '.sandbox/request-helper.mjs';
const MAX_LOG_LINES = 500;
/** Containers that already have the shared node_modules. */
const withDependencies = new WeakSet<ContainerLike>();

interface ServiceState {
  spec: ServiceSpec;
  status: ServiceStatus;
  process?: ContainerProcess;
  logs: string[];
  previewUrl?: string;
}

export class WebContainerEngine implements SandboxEngine {
  readonly kind = 'webcontainer' as const;
  readonly #container: ContainerLike;
  readonly #dependencies: FileSystemTree | undefined;
  readonly #root: string;
  readonly #startTimeoutMs: number;
  readonly #requestTimeoutMs: number;
  readonly #checkTimeoutMs: number;
  readonly #services = new Map<string, ServiceState>();
  readonly #logListeners = new Set<(entry: LogEntry) => void>();
  readonly #statusListeners = new Set<(service: string, status: ServiceStatus) => void>();
  readonly #pending = new Map<number, (answer: HelperAnswer) => void>();
  readonly #portWaiters = new Map<number, (url: string) => void>();
  readonly #unsubscribe: Array<() => void> = [];
  #helper?: { process: ContainerProcess; writer: WritableStreamDefaultWriter<string> };
  #nodeVersion?: string;
  #nextRequestId = 1;

  constructor(options: WebContainerEngineOptions) {
    this.#container = options.container;
    this.#dependencies = options.dependencies;
    this.#root = (options.root ?? '').replace(/^\/+|\/+$/g, '');
    this.#startTimeoutMs = options.startTimeoutMs ?? 30_000;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#checkTimeoutMs = options.checkTimeoutMs ?? 15_000;
    this.#unsubscribe.push(
      this.#container.on('port', (port, type, url) => {
        const service = this.#serviceOnPort(port);
        if (type === 'open') {
          if (service) service.previewUrl = url;
          this.#portWaiters.get(port)?.(url);
        } else if (service && service.status.state === 'running') {
          this.#setStatus(service, { state: 'stopped' });
        }
      }),
      this.#container.on('error', (error) => this.#log('sandbox', 'error', `WebContainer: ${error.message}`)),
    );
  }

  async mount(tree: FileTree, services: ServiceSpec[]): Promise<void> {
    for (const state of this.#services.values()) await this.stop(state.spec.name);
    this.#services.clear();
    for (const spec of services) this.#services.set(spec.name, { spec, status: { state: 'stopped' }, logs: [] });
    const files: FileTree = { ...tree, [HELPER_PATH]: helperScript(), [STRIP_TYPES_HOOK]: stripTypesHookSource };
    if (this.#dependencies && !withDependencies.has(this.#container)) {
      await this.#container.mount({ node_modules: { directory: this.#dependencies } });
      withDependencies.add(this.#container);
    }
    if (this.#root) await this.#container.fs.rm(this.#root, { recursive: true, force: true });
    await this.#container.mount(toFileSystemTree(files), this.#root ? { mountPoint: this.#root } : undefined);
    await this.#ensureHelper();
  }

  async writeFile(path: string, content: string): Promise<void> {
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
    const service = this.#require(name);
    if (service.process) await this.stop(name);
    service.logs = [];
    this.#setStatus(service, { state: 'starting' });
    const version = await this.#detectNodeVersion();
    const entry = `${service.spec.dir}/src/server.ts`;
    const opened = new Promise<string>((resolve) => this.#portWaiters.set(service.spec.port, resolve));
    const process = await this.#container.spawn('node', nodeArgsFor(version, entry), {
      cwd: this.#cwd,
      env: { ...service.spec.env, PORT: service.spec.port },
    });
    service.process = process;
    void this.#pipeLogs(process.output, (line) => this.#serviceLine(service, line));
    const exited = process.exit.then((code) => ({ exited: code }));
    const timeout = new Promise<{ timeout: true }>((resolve) => setTimeout(() => resolve({ timeout: true }), this.#startTimeoutMs));
    const outcome = await Promise.race([opened.then((url) => ({ url })), exited, timeout]);
    this.#portWaiters.delete(service.spec.port);
    if ('url' in outcome) {
      service.previewUrl = outcome.url;
      this.#setStatus(service, { state: 'running', port: service.spec.port });
      void exited.then(({ exited: code }) => {
        if (service.process === process) {
          service.process = undefined;
          this.#setStatus(service, code === 0 ? { state: 'stopped' } : { state: 'crashed', reason: `El proceso terminó con el código ${code}.` });
        }
      });
      return;
    }
    if ('timeout' in outcome) {
      process.kill();
      service.process = undefined;
      this.#setStatus(service, { state: 'crashed', reason: `${name} no abrió el puerto ${service.spec.port} en ${this.#startTimeoutMs / 1000} s.` });
      return;
    }
    service.process = undefined;
    this.#setStatus(service, crashFromLogs(service.logs, outcome.exited));
  }

  async stop(name: string): Promise<void> {
    const service = this.#require(name);
    const process = service.process;
    if (!process) {
      if (service.status.state !== 'crashed') this.#setStatus(service, { state: 'stopped' });
      return;
    }
    service.process = undefined;
    process.kill();
    await Promise.race([process.exit, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    this.#setStatus(service, { state: 'stopped' });
  }

  async request(req: SandboxRequest): Promise<SandboxResponse> {
    const service = this.#require(req.service);
    if (service.status.state !== 'running') throw new Error(`El servicio ${req.service} no está en marcha: pulsa Ejecutar.`);
    const helper = await this.#ensureHelper();
    const id = this.#nextRequestId++;
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const headers = { ...(body !== undefined && typeof req.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...req.headers };
    const answer = await new Promise<HelperAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`Sin respuesta de ${req.service} en ${this.#requestTimeoutMs / 1000} s.`));
      }, this.#requestTimeoutMs + 1_000);
      this.#pending.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      void helper.writer.write(
        `${JSON.stringify({ id, port: service.spec.port, method: req.method, path: req.path, headers, body, timeoutMs: this.#requestTimeoutMs })}\n`,
      );
    });
    if ('error' in answer) throw new TypeError(`fetch failed: ${answer.error}`);
    return { status: answer.status, statusText: answer.statusText, headers: answer.headers, text: answer.text, time: answer.time };
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
    if (service.status.state !== 'running' || !service.previewUrl) throw new Error(`El servicio ${name} no está en marcha: pulsa Ejecutar.`);
    return new URL(path, service.previewUrl).href;
  }

  runChecks(checksSource: string): Promise<CheckResult[]> {
    return runChecksSource(this, checksSource, {}, this.#checkTimeoutMs);
  }

  /** A shell for the terminal panel (jsh, the container's shell). */
  spawnShell(size: { cols: number; rows: number }): Promise<ContainerProcess> {
    return this.#container.spawn('jsh', [], { terminal: size, cwd: this.#cwd });
  }

  /** Stops this lab's processes. The container itself outlives it: other labs on the page use it too. */
  async dispose(): Promise<void> {
    for (const state of this.#services.values()) state.process?.kill();
    this.#helper?.process.kill();
    this.#helper = undefined;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }

  get #cwd(): string | undefined {
    return this.#root || undefined;
  }

  #path(path: string): string {
    return this.#root ? `${this.#root}/${path}` : path;
  }

  async #npmInstall(): Promise<void> {
    this.#log('npm', 'system', 'package.json cambió: ejecutando npm install…');
    const install = await this.#container.spawn('npm', ['install', '--no-audit', '--no-fund'], { cwd: this.#cwd });
    void this.#pipeLogs(install.output, (line) => this.#log('npm', 'log', line));
    const code = await install.exit;
    this.#log('npm', code === 0 ? 'system' : 'error', code === 0 ? 'npm install terminó.' : `npm install falló (código ${code}).`);
  }

  async #ensureHelper() {
    if (this.#helper) return this.#helper;
    const process = await this.#container.spawn('node', [HELPER_PATH], { cwd: this.#cwd });
    const writer = process.input.getWriter();
    const parse = createAnswerParser((answer) => {
      this.#pending.get(answer.id)?.(answer);
      this.#pending.delete(answer.id);
    });
    void this.#readStream(process.output, parse);
    this.#helper = { process, writer };
    void process.exit.then(() => {
      if (this.#helper?.process === process) this.#helper = undefined;
    });
    return this.#helper;
  }

  async #detectNodeVersion(): Promise<string> {
    if (this.#nodeVersion) return this.#nodeVersion;
    const probe = await this.#container.spawn('node', ['--version']);
    let text = '';
    await this.#readStream(probe.output, (chunk) => (text += chunk));
    await probe.exit;
    this.#nodeVersion = /v\d+\.\d+\.\d+/.exec(text)?.[0] ?? 'v0.0.0';
    return this.#nodeVersion;
  }

  async #pipeLogs(stream: ReadableStream<string>, onLine: (line: string) => void): Promise<void> {
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

  #serviceLine(service: ServiceState, line: string) {
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
    for (const listener of this.#statusListeners) listener(service.spec.name, status);
  }

  #serviceOnPort(port: number) {
    return [...this.#services.values()].find((service) => service.spec.port === port);
  }

  #require(name: string): ServiceState {
    const service = this.#services.get(name);
    if (!service) throw new Error(`Este laboratorio no tiene el servicio "${name}".`);
    return service;
  }
}

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * Why a process that exited before opening its port crashed, from Node's own output: a syntax
 * error is reported as "file:line" followed by the message; other errors by their first line.
 */
export function crashFromLogs(logs: string[], code: number): ServiceStatus {
  // Node prints absolute locations (file:///home/<workdir>/…): make them relative to the lab.
  const location = logs.map((line) => /(?:file:\/\/)?(?:\/home\/[^/\s]+\/)?([\w.-][\w./-]*\.ts):(\d+)(?::(\d+))?/.exec(line)).find(Boolean);
  const message = logs.find((line) => /^(\w*Error|SyntaxError)\b/.test(line.trim())) ?? logs.at(-1) ?? `código ${code}`;
  if (!location) return { state: 'crashed', reason: `El proceso terminó antes de abrir su puerto: ${message.trim()}` };
  const [, file, line, column] = location;
  return {
    state: 'crashed',
    reason: `${message.trim()} (${file}:${line}${column ? `:${column}` : ''})`,
    file,
    line: Number(line),
    ...(column ? { column: Number(column) } : {}),
  };
}
