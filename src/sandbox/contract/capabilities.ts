// Optional capabilities: what some engines can do beyond the core contract. The UI asks with a
// type guard (`hasCapability(engine, 'terminal')`) instead of casting to a concrete engine.
// Adding one (WebSockets, a broker, a database…) is one entry in `Capabilities`, its interface
// here, and `capabilities.add(name)` plus the methods in each engine that has it; the conformance
// suite (testing/conformance.ts) then runs its cases only where the engine declares it.
import type { SandboxEngine } from './engine.ts';
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

/**
 * Runs the lab's own test files (`*.test.ts`, written with Vitest's API) over the files as they
 * are now, and answers Vitest's results as plain data (./tests.ts). Never rejects for what the
 * tests do: a syntax error, a test that never resolves or an endless loop come back as failures
 * with a message in Spanish, within a few seconds.
 */
export interface TestsCapability {
  /** `files` are lab paths; none (or empty) runs every test file of the lab. */
  runTests(files?: string[]): Promise<TestRunResult>;
}

export interface Capabilities {
  terminal: TerminalCapability;
  moduleGraph: ModuleGraphCapability;
  infrastructure: InfrastructureCapability;
  tests: TestsCapability;
}

export type CapabilityName = keyof Capabilities;

export function hasCapability<Name extends CapabilityName>(engine: SandboxEngine, name: Name): engine is SandboxEngine & Capabilities[Name] {
  return engine.capabilities.has(name);
}

export const hasTerminal = (engine: SandboxEngine): engine is SandboxEngine & TerminalCapability => hasCapability(engine, 'terminal');
export const hasModuleGraph = (engine: SandboxEngine): engine is SandboxEngine & ModuleGraphCapability => hasCapability(engine, 'moduleGraph');
export const hasInfrastructure = (engine: SandboxEngine): engine is SandboxEngine & InfrastructureCapability => hasCapability(engine, 'infrastructure');
export const hasTests = (engine: SandboxEngine): engine is SandboxEngine & TestsCapability => hasCapability(engine, 'tests');
