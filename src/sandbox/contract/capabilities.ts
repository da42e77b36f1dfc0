// Optional capabilities: what some engines can do beyond the core contract. The UI asks with a
// type guard (`hasCapability(engine, 'terminal')`) instead of casting to a concrete engine.
// Adding one (WebSockets, a broker, a database…) is one entry in `Capabilities`, its interface
// here, and `capabilities.add(name)` plus the methods in each engine that has it; the conformance
// suite (testing/conformance.ts) then runs its cases only where the engine declares it.
import type { SandboxEngine, Unsubscribe } from './engine.ts';
import type { InfrastructureKind } from './infrastructure.ts';

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

/** What the lab's servers hold right now, for the "Infraestructura" panel. Plain data. */
export interface InfrastructureSnapshot {
  /** What the mounted lab declares; empty when it declares nothing (no host is loaded). */
  declared: InfrastructureKind[];
  rabbitmq?: {
    exchanges: { name: string; type: string; durable: boolean; bindings: { destination: string; routingKey: string }[] }[];
    queues: { name: string; durable: boolean; ready: number; consumers: number }[];
  };
  /** Per topic, the next offset (high watermark) of each partition. */
  kafka?: { topics: { name: string; partitions: number[] }[] };
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

export interface Capabilities {
  terminal: TerminalCapability;
  moduleGraph: ModuleGraphCapability;
  infrastructure: InfrastructureCapability;
  websocket: WebSocketCapability;
}

export type CapabilityName = keyof Capabilities;

export function hasCapability<Name extends CapabilityName>(engine: SandboxEngine, name: Name): engine is SandboxEngine & Capabilities[Name] {
  return engine.capabilities.has(name);
}

export const hasTerminal = (engine: SandboxEngine): engine is SandboxEngine & TerminalCapability => hasCapability(engine, 'terminal');
export const hasModuleGraph = (engine: SandboxEngine): engine is SandboxEngine & ModuleGraphCapability => hasCapability(engine, 'moduleGraph');
export const hasInfrastructure = (engine: SandboxEngine): engine is SandboxEngine & InfrastructureCapability => hasCapability(engine, 'infrastructure');
export const hasWebSocket = (engine: SandboxEngine): engine is SandboxEngine & WebSocketCapability => hasCapability(engine, 'websocket');
