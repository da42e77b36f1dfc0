// Optional capabilities: what some engines can do beyond the core contract. The UI asks with a
// type guard (`hasCapability(engine, 'terminal')`) instead of casting to a concrete engine.
// Adding one (WebSockets, a broker, a database…) is one entry in `Capabilities`, its interface
// here, and `capabilities.add(name)` plus the methods in each engine that has it; the conformance
// suite (testing/conformance.ts) then runs its cases only where the engine declares it.
import type { FileTree, MountOptions, SandboxEngine, ServiceSpec, Unsubscribe } from './engine.ts';
import type { InfrastructureKind } from './infrastructure.ts';
import type { TestRunResult } from './tests.ts';

/** A process attached to a terminal (xterm): text in, text out. */
export interface TerminalProcess {
  readonly input: WritableStream<string>;
  readonly output: ReadableStream<string>;
  readonly exit: Promise<number>;
  resize(size: { cols: number; rows: number }): void;
  kill(): void;
}

/** A shell in the engine's environment, for the terminal panel. */
export interface TerminalCapability {
  /** Resolves once the shell is ready for keys (jsh printed its prompt). */
  spawnShell(size: { cols: number; rows: number }): Promise<TerminalProcess>;
}

/** Which services loaded a file in their last start, so a save restarts only those. */
export interface ModuleGraphCapability {
  servicesUsing(path: string): string[];
}

/**
 * One thing that happened to a message in the emulated RabbitMQ, for the panel's timeline: published
 * to an exchange with a routing key (and the queues it reached), delivered from a queue to a consumer
 * (null tag: basic.get), acked, nacked/rejected (requeued or not), dead-lettered through the queue's
 * dead-letter exchange. `seq` grows by one per event; `at` is the broker's clock in ms.
 */
export type BrokerActivity = { seq: number; at: number; routingKey: string } & (
  | { kind: 'published'; exchange: string; queues: string[] }
  | { kind: 'delivered'; queue: string; consumerTag: string | null; redelivered: boolean }
  | { kind: 'acked'; queue: string }
  | { kind: 'nacked'; queue: string; requeue: boolean }
  | { kind: 'dead-lettered'; queue: string; exchange: string; reason: 'rejected' | 'expired' | 'maxlen'; queues: string[] }
);

/** What the lab's servers hold right now, for the "Infraestructura" panel. Plain data. */
export interface InfrastructureSnapshot {
  /** What the mounted lab declares; empty when it declares nothing (no host is loaded). */
  declared: InfrastructureKind[];
  rabbitmq?: {
    exchanges: { name: string; type: string; durable: boolean; bindings: { destination: string; routingKey: string }[] }[];
    queues: {
      name: string;
      durable: boolean;
      /** Messages waiting for a consumer. */
      ready: number;
      /** Delivered to a consumer, not yet acked/nacked. */
      unacked: number;
      consumers: number;
      /** Each consumer: its tag (amqplib's `consumerTag`), the service that opened it, whether the panel paused it. */
      consumerList: { tag: string; service?: string; unacked: number; prefetch: number; paused: boolean }[];
      /** `x-dead-letter-exchange` of the queue, and the queues that exchange routes dead letters to (its DLQ). */
      deadLetterExchange?: string;
      deadLetterQueues: string[];
    }[];
    /** The broker's last events (at most 200), newest first: the panel's "Actividad" timeline. */
    activity: BrokerActivity[];
  };
  /** Per topic, the next offset (high watermark) of each partition; per group, members and lag. */
  kafka?: {
    topics: { name: string; partitions: number[] }[];
    groups: {
      id: string;
      /** Members with the partitions assigned to them ("topic" → partition numbers). */
      members: { id: string; clientId: string; service?: string; paused: boolean; assignment: Record<string, number[]> }[];
      /** Per subscribed partition: committed offset (null: nothing committed), high watermark, lag. */
      offsets: { topic: string; partition: number; committed: number | null; high: number; lag: number }[];
    }[];
  };
  redis?: { keys: { key: string; type: string; ttlMs: number | null; preview: string }[] };
  postgres?: { databases: { name: string; owner: string; tables: { name: string; rowCount: number; columns: string[]; rows: string[][] }[] }[] };
}

/**
 * The servers a lab declares (brokers, Redis, databases), emulated in the page and shared by all
 * its services. They outlive service restarts; `reset()` empties them (queues, keys, databases),
 * as a fresh `docker compose up` would.
 */
export interface InfrastructureCapability {
  infrastructureSnapshot(): Promise<InfrastructureSnapshot>;
  resetInfrastructure(): Promise<void>;
  /**
   * Something changed in a server (a publish, an ack, a commit, a Redis write, a query): the kinds
   * that changed, at most a few times per second (the host throttles). The panel re-reads the
   * snapshot then; nothing polls.
   */
  onInfrastructureChange(listener: (kinds: InfrastructureKind[]) => void): () => void;
}

/** A consumer the panel or a check can pause: an amqplib consumer tag, or a kafkajs group member. */
export type ConsumerTarget = { kind: 'rabbitmq'; consumerTag: string } | { kind: 'kafka'; groupId: string; memberId: string };

/**
 * Chaos controls (issue 14), for the "Infraestructura" panel and for lab checks (`ctx.chaos`):
 * - pause/resume a consumer: it stays connected (a RabbitMQ consumer keeps its unacked messages,
 *   a Kafka member stays in its group) but gets nothing new, so queues and lag grow;
 * - drop a service's connections to a broker: its client sees what amqplib/kafkajs show when the
 *   socket dies (amqplib: the connection's 'error' "Unexpected close" then 'close'; kafkajs: a
 *   connection error, then it reconnects and rejoins its group); unacked messages are requeued;
 * - crash a service or one replica: its worker is terminated at once (no graceful stop), its
 *   status says so, the other replicas keep serving.
 */
export interface ChaosCapability {
  pauseConsumer(target: ConsumerTarget): Promise<void>;
  resumeConsumer(target: ConsumerTarget): Promise<void>;
  /** Returns how many connections were dropped (0: the service had none to that server). */
  dropConnections(service: string, kind: 'rabbitmq' | 'kafka'): Promise<number>;
  crashService(service: string): Promise<void>;
}

/** A frame a WebSocket connection received: text as a string, binary as an ArrayBuffer. */
export interface WebSocketFrame {
  data: string | ArrayBuffer;
  binary: boolean;
}

/** How a WebSocket connection ended: the code and reason of the close frame (1006: dropped, no close frame). */
export interface WebSocketClose {
  code: number;
  reason: string;
  wasClean: boolean;
}

/**
 * One open WebSocket from the page (the UI, checks, tests) to a service. Frames that arrive before
 * the first onMessage listener are kept and given to it, so nothing the service sends in its
 * onOpen is lost.
 */
export interface WebSocketConnection {
  /** The subprotocol the service chose ('' when none). */
  readonly protocol: string;
  /** 1 open, 2 closing, 3 closed (WHATWG numbers; never 0: openWebSocket resolves once open). */
  readonly readyState: number;
  /** A string travels as a text frame, bytes as a binary frame. Throws once the connection is closing or closed. */
  send(data: string | ArrayBuffer | Uint8Array): void;
  /** Starts the closing handshake; `code` 1000 or 3000-4999, `reason` at most 123 bytes (as the WHATWG WebSocket). */
  close(code?: number, reason?: string): void;
  onMessage(listener: (frame: WebSocketFrame) => void): Unsubscribe;
  /** Settles once, when the connection is closed (by either side, or dropped: code 1006). */
  readonly closed: Promise<WebSocketClose>;
}

export interface OpenWebSocketOptions {
  /** Request headers of the handshake (e.g. Authorization): the upgrade handler reads them. */
  headers?: Record<string, string>;
  /** Offered subprotocols (Sec-WebSocket-Protocol); the service picks one. */
  protocols?: string[];
  /** lab.yaml `replica` (1 = the service itself). Engines without replicas accept only 1. */
  replica?: number;
}

/**
 * WebSocket connections from the page to a lab's services (the "WebSocket" panel, checks).
 * Resolves once the service accepted the upgrade; rejects when nothing listens, the service is not
 * running, or it answered the handshake with an HTTP status instead (the message names it).
 */
export interface WebSocketCapability {
  openWebSocket(service: string, path: string, options?: OpenWebSocketOptions): Promise<WebSocketConnection>;
}

/**
 * Runs the lab's own test files (`*.test.ts`, written with Vitest's API) over the files as they
 * are now, and answers Vitest's results as plain data (./tests.ts). Never rejects for what the
 * tests do: a syntax error, a test that never resolves or an endless loop come back as failures
 * with a message in Spanish, within a few seconds.
 */
export interface TestsCapability {
  /**
   * `files` are lab paths; none (or empty) runs every test file of the lab. `overrides` replace
   * some files for this run only (a lab's checks run the learner's tests against a mutant: a
   * deliberately broken copy of the code, to prove the tests catch it); the lab is not changed.
   */
  runTests(files?: string[], overrides?: FileTree): Promise<TestRunResult>;
}

/**
 * A hint that a lab is about to be mounted and run (the reader woke its sandbox or pressed
 * «Ejecutar»): the engine may start loading what its services' first start needs (workers,
 * dependencies) while the page still restores the reader's files. Never required: mount() and
 * start() work without it, and what was prepared for services the mount does not have is dropped.
 */
export interface PrepareCapability {
  prepare(tree: FileTree, services: ServiceSpec[], options?: MountOptions): void;
}

export interface Capabilities {
  prepare: PrepareCapability;
  terminal: TerminalCapability;
  moduleGraph: ModuleGraphCapability;
  infrastructure: InfrastructureCapability;
  websocket: WebSocketCapability;
  chaos: ChaosCapability;
  tests: TestsCapability;
}

export type CapabilityName = keyof Capabilities;

export function hasCapability<Name extends CapabilityName>(engine: SandboxEngine, name: Name): engine is SandboxEngine & Capabilities[Name] {
  return engine.capabilities.has(name);
}

export const hasPrepare = (engine: SandboxEngine): engine is SandboxEngine & PrepareCapability => hasCapability(engine, 'prepare');
export const hasTerminal = (engine: SandboxEngine): engine is SandboxEngine & TerminalCapability => hasCapability(engine, 'terminal');
export const hasModuleGraph = (engine: SandboxEngine): engine is SandboxEngine & ModuleGraphCapability => hasCapability(engine, 'moduleGraph');
export const hasInfrastructure = (engine: SandboxEngine): engine is SandboxEngine & InfrastructureCapability => hasCapability(engine, 'infrastructure');
export const hasWebSocket = (engine: SandboxEngine): engine is SandboxEngine & WebSocketCapability => hasCapability(engine, 'websocket');
export const hasChaos = (engine: SandboxEngine): engine is SandboxEngine & ChaosCapability => hasCapability(engine, 'chaos');
export const hasTests = (engine: SandboxEngine): engine is SandboxEngine & TestsCapability => hasCapability(engine, 'tests');
