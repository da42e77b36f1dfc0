// The contract between the sandbox UI and the engines that run Foodly services in the page.
// Two engines implement it in the page: the browser engine (module Workers, no install, works
// everywhere) and the WebContainer engine (full Node, terminal); the Node runner
// (sandboxes/lib/node-runner.ts) follows the same rules in CI. The UI talks only to src/sandbox/contract/.
import type { CapabilityName } from './capabilities.ts';
import type { InfrastructureSpec } from './infrastructure.ts';

/** A lab's files: posix path relative to the lab root → UTF-8 content. */
export type FileTree = Record<string, string>;

export interface ServiceSpec {
  name: string;
  /** Folder of the service in the tree; the entry is `<dir>/src/server.ts`. */
  dir: string;
  port: number;
  env: Record<string, string>;
  /** lab.yaml `replicas` (default 1): engines run each replica as its own service (replicas.ts). */
  replicas?: number;
}

export type ServiceStatus =
  | { state: 'stopped' }
  | { state: 'starting' }
  | { state: 'running'; port: number }
  | { state: 'crashed'; reason: string; file?: string; line?: number; column?: number };

export interface LogEntry {
  service: string;
  level: 'log' | 'info' | 'warn' | 'error' | 'system';
  text: string;
  time: number;
}

export interface SandboxRequest {
  service: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** See encodeRequest (http.ts): strings as they are, anything else as JSON. */
  body?: unknown;
  /** Which replica of a replicated `service` (1-based, default 1); see replicas.ts. */
  replica?: number;
}

export interface SandboxResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** Raw body text; the UI pretty-prints JSON. */
  text: string;
  /** Milliseconds from sending to the complete body. */
  time: number;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  message?: string;
}

export type Unsubscribe = () => void;

/** Type-stripped JavaScript of a TypeScript source, made at build time (see compileTree). */
export interface CompiledSource {
  source: string;
  code: string;
}

export interface MountOptions {
  /**
   * Code compiled ahead of time for sources the reader may run (the lab's start and solution): the
   * browser engine then needs no compiler for unchanged files. Engines that run Node ignore it.
   */
  compiled?: CompiledSource[];
  /**
   * The servers the lab declares (lab.yaml `infrastructure`). Each engine provides them and gives
   * the services their addresses in AMQP_URL, KAFKA_BROKERS, REDIS_URL and DATABASE_URL
   * (infrastructure.ts); a lab without it loads none of that code.
   */
  infrastructure?: InfrastructureSpec;
}

export interface SandboxEngine {
  /** browser and webcontainer run in the page; node is the Node runner (CI, npm run foodly). */
  readonly kind: 'browser' | 'webcontainer' | 'node';
  /** Optional capabilities this engine has (see capabilities.ts: one type guard each). */
  readonly capabilities: ReadonlySet<CapabilityName>;
  mount(tree: FileTree, services: ServiceSpec[], options?: MountOptions): Promise<void>;
  writeFile(path: string, content: string): Promise<void>;
  readFile(path: string): Promise<string | undefined>;
  start(service: string): Promise<void>;
  stop(service: string): Promise<void>;
  status(service: string): ServiceStatus;
  /**
   * Console lines `service` printed since its last start, oldest first. Part of the core contract
   * (not a capability) because checks read it: `ctx.logs(service)` in every engine.
   */
  logs(service: string): string[];
  request(req: SandboxRequest): Promise<SandboxResponse>;
  onLog(listener: (entry: LogEntry) => void): Unsubscribe;
  onStatus(listener: (service: string, status: ServiceStatus) => void): Unsubscribe;
  /** A URL the preview iframe can load for an HTML answer of `service` at `path`. */
  openPreview(service: string, path: string): Promise<string>;
  /** Runs a lab's checks.ts source against the running services. */
  runChecks(checksSource: string): Promise<CheckResult[]>;
  dispose(): Promise<void>;
}
