// Optional capabilities: what some engines can do beyond the core contract. The UI asks with a
// type guard (`hasCapability(engine, 'terminal')`) instead of casting to a concrete engine.
// Adding one (WebSockets, a broker, a database…) is one entry in `Capabilities`, its interface
// here, and `capabilities.add(name)` plus the methods in each engine that has it; the conformance
// suite (testing/conformance.ts) then runs its cases only where the engine declares it.
import type { SandboxEngine } from './engine.ts';

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

export interface Capabilities {
  terminal: TerminalCapability;
  moduleGraph: ModuleGraphCapability;
}

export type CapabilityName = keyof Capabilities;

export function hasCapability<Name extends CapabilityName>(engine: SandboxEngine, name: Name): engine is SandboxEngine & Capabilities[Name] {
  return engine.capabilities.has(name);
}

export const hasTerminal = (engine: SandboxEngine): engine is SandboxEngine & TerminalCapability => hasCapability(engine, 'terminal');
export const hasModuleGraph = (engine: SandboxEngine): engine is SandboxEngine & ModuleGraphCapability => hasCapability(engine, 'moduleGraph');
