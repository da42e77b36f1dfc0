// One running service: its module Worker, its protocol connection and its Blob URLs.
import type { ServiceSpec, ServiceStatus } from '../../contract/index.ts';
import type { FsCall } from './fs/fs-protocol.ts';
import type { InfrastructureKind } from '../../contract/infrastructure.ts';
import type { BootMessage, FromWorker, LogLevel } from './protocol.ts';
import { ServiceConnection } from './net/connection.ts';
import type { VirtualNetwork } from './net/network.ts';

export interface HostCallbacks {
  status(status: ServiceStatus): void;
  log(level: LogLevel, text: string): void;
  fileSystem(call: FsCall): unknown;
  /** The worker ended (stopped, crashed, replaced): the page closes what it held for it. */
  ended?(): void;
}

export interface HostOptions {
  vendorBase: string;
  heartbeatMs: number;
  /** Vendor module URLs to load while the page builds the module graph. */
  preload: string[];
  /** The worker's port to the lab's infrastructure (transferred), for labs that declare some. */
  infrastructure?: { port: MessagePort; declared: InfrastructureKind[] };
}

export class ServiceHost {
  status: ServiceStatus = { state: 'starting' };
  readonly connection: ServiceConnection;
  private worker: Worker | undefined;
  private booted = false;
  /** True once the boot message went out (a spare worker may be booted before it is used). */
  bootSent = false;
  private ready = false;
  private readonly startedAt = performance.now();
  private loadedTimer: ReturnType<typeof setTimeout> | undefined;
  private markPreloaded: () => void = () => undefined;
  /** Settles when the worker has loaded its dependencies, or has ended. */
  readonly whenPreloaded = new Promise<void>((resolve) => (this.markPreloaded = resolve));

  readonly spec: ServiceSpec;
  private readonly network: VirtualNetwork;
  private urls: string[] = [];
  private readonly callbacks: HostCallbacks;

  constructor(spec: ServiceSpec, network: VirtualNetwork, callbacks: HostCallbacks) {
    this.spec = spec;
    this.network = network;
    this.callbacks = callbacks;
    this.connection = new ServiceConnection(
      spec.name,
      { postMessage: (message, transfer) => this.worker?.postMessage(message, transfer ?? []) },
      network,
      {
        log: (level, text) => callbacks.log(level, text),
        listening: (port) => this.onListening(port),
        loaded: () => this.onLoaded(),
        preloaded: () => this.markPreloaded(),
        crashed: (info) => this.crash(info.reason, info),
        flood: (rate) =>
          this.crash(
            `El servicio ${spec.name} escribió unas ${rate} líneas por segundo en los registros durante más de 2 s (¿un console.log dentro de un bucle?). Se detuvo el worker para que la página siga respondiendo; corrige el código y pulsa Ejecutar.`,
          ),
        fileSystem: (call) => callbacks.fileSystem(call),
        exit: (code) => {
          this.terminate();
          if (code === 0) this.setStatus({ state: 'stopped' });
          else this.crash(`El proceso terminó con process.exit(${code}).`);
        },
      },
    );
  }

  /** Creates the worker at once, so its runtime downloads while the page prepares the service. */
  spawn(runtimeUrl: string): void {
    const worker = new Worker(runtimeUrl, { type: 'module', name: this.spec.name });
    this.worker = worker;
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      this.booted = true;
      this.connection.receive(event.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const memory = /memory|allocation failed/i.test(event.message ?? '');
      this.crash(
        memory
          ? `El servicio ${this.spec.name} se quedó sin memoria (¿un array, una cadena o un búfer enormes?): ${event.message}. Se detuvo el worker.`
          : `El worker de ${this.spec.name} falló: ${event.message || 'no se pudo cargar el entorno del sandbox'}.`,
      );
    });
  }

  /** Sets up the runtime in the worker and has it load the dependencies before the entry exists. */
  boot(options: HostOptions): void {
    this.bootSent = true;
    this.worker?.postMessage({
      type: 'boot',
      service: this.spec.name,
      port: this.spec.port,
      env: this.spec.env,
      vendorBase: options.vendorBase,
      heartbeatMs: options.heartbeatMs,
      preload: options.preload,
      ...(options.infrastructure ? { infrastructure: options.infrastructure } : {}),
    } satisfies BootMessage, options.infrastructure ? [options.infrastructure.port] : []);
  }

  /** Imports the service's entry module; `urls` are its Blob URLs, revoked when the worker ends. */
  run(entryUrl: string, urlToPath: Record<string, string>, urls: string[], preload: string[] = []): void {
    if (!this.worker) {
      for (const url of urls) URL.revokeObjectURL(url);
      return;
    }
    this.urls = urls;
    this.worker.postMessage({ type: 'run', entryUrl, urlToPath, preload });
  }

  get alive(): boolean {
    return this.worker !== undefined;
  }

  /** Milliseconds since the worker last proved it was alive (boot time until its first message). */
  silenceMs(now: number): number {
    return now - (this.booted ? this.connection.lastMessageAt : this.startedAt);
  }

  get hasBooted(): boolean {
    return this.booted;
  }

  /**
   * True once the entry module has evaluated or serve() was called. Until then a silent worker is
   * most likely still compiling its modules (seconds on a busy machine), not looping.
   */
  get isReady(): boolean {
    return this.ready;
  }

  crash(reason: string, position: { file?: string; line?: number; column?: number } = {}): void {
    this.terminate();
    this.callbacks.log('system', reason);
    const { file, line, column } = position;
    this.setStatus({
      state: 'crashed',
      reason,
      ...(file ? { file } : {}),
      ...(line ? { line } : {}),
      ...(column ? { column } : {}),
    });
  }

  stop(): void {
    this.terminate();
    this.setStatus({ state: 'stopped' });
  }

  private terminate(): void {
    if (this.worker) this.callbacks.ended?.();
    this.markPreloaded();
    clearTimeout(this.loadedTimer);
    this.worker?.terminate();
    this.worker = undefined;
    this.network.close(this.connection);
    this.connection.close(`${this.spec.name} se detuvo`);
    for (const url of this.urls.splice(0)) URL.revokeObjectURL(url);
  }

  private onListening(port: number): void {
    this.ready = true;
    if (port < 0) {
      this.network.close(this.connection);
      this.setStatus({ state: 'stopped' });
      return;
    }
    try {
      this.network.listen(port, this.connection);
    } catch (error) {
      this.crash((error as Error).message);
      return;
    }
    clearTimeout(this.loadedTimer);
    this.callbacks.log('system', `${this.spec.name} escuchando en :${port}`);
    this.setStatus({ state: 'running', port });
  }

  private onLoaded(): void {
    this.ready = true;
    if (this.status.state !== 'starting') return;
    // Services may call serve() after some async setup; only warn if it never happens.
    this.loadedTimer = setTimeout(() => {
      if (this.status.state === 'starting') {
        this.callbacks.log('warn', `${this.spec.name} terminó de cargar pero aún no llamó a serve({ fetch, port }).`);
      }
    }, 3000);
  }

  private setStatus(status: ServiceStatus): void {
    this.status = status;
    this.callbacks.status(status);
  }
}
