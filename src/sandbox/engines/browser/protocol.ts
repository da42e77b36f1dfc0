// Messages between the page (main thread) and a service's module Worker.
import type { InfrastructureKind } from '../../contract/infrastructure.ts';
import type { FsCall, FsErrorInfo } from './fs/fs-protocol.ts';
import type { WireFailure, WireRequest, WireResponse } from './net/wire.ts';

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'system';

/**
 * First message to a new worker, sent before the service's own modules are ready: the worker sets up
 * the Node-ish globals and starts loading the dependencies in `preload` while the page type-strips.
 */
export interface BootMessage {
  type: 'boot';
  service: string;
  port: number;
  env: Record<string, string>;
  /** Base URL of the site's sandbox-vendor folder (for serveStatic and shims). */
  vendorBase: string;
  heartbeatMs: number;
  /** Vendor module URLs the service will import (dependencies and their chunks). */
  preload: string[];
  /**
   * Only for labs that declare infrastructure: the port to the page's LabInfrastructure (each
   * connection a shim opens is a new MessagePort sent over it) and what the lab declares.
   */
  infrastructure?: { port: MessagePort; declared: InfrastructureKind[] };
}

/** Second message: the service's module graph is built; import its entry. */
export interface RunMessage {
  type: 'run';
  entryUrl: string;
  /** Blob URL → lab path, to show learner paths in stack traces. */
  urlToPath: Record<string, string>;
  /**
   * Vendor modules to load before the entry that the boot message may not have named (a spare
   * worker booted before an edit added, e.g., the first WebSocket): imported ones cost nothing.
   */
  preload?: string[];
}

export type ToWorker =
  | BootMessage
  | RunMessage
  | { type: 'request'; id: number; request: WireRequest }
  | { type: 'abort'; id: number }
  | { type: 'fetch-result'; id: number; response?: WireResponse; failure?: WireFailure }
  | { type: 'fs-result'; id: number; value?: unknown; error?: FsErrorInfo }
  /** A WebSocket handshake for this service (sid: the page's number for the connection; frames go over `socket`). */
  | { type: 'ws-upgrade'; sid: number; request: WireRequest; socket: MessagePort }
  /** The other end of a WebSocket is gone without a close frame (its worker ended): close 1006. `key` is `s<sid>` or `c<ref>`. */
  | { type: 'ws-drop'; key: string }
  /** Nothing listens on the port a `ws-connect` asked for. */
  | { type: 'ws-refused'; ref: number; message: string };

export type FromWorker =
  | { type: 'beat' }
  /** Console output, batched (see LogBatcher): lines kept, and how many more were written. */
  | { type: 'logs'; lines: { level: LogLevel; text: string }[]; omitted: number }
  | { type: 'listening'; port: number }
  | { type: 'loaded' }
  /** The dependencies named in the boot message are loaded. */
  | { type: 'preloaded' }
  | { type: 'crashed'; reason: string; file?: string; line?: number; column?: number }
  | { type: 'exit'; code: number }
  | { type: 'response'; id: number; response?: WireResponse; failure?: WireFailure }
  | { type: 'fetch'; id: number; port: number; request: WireRequest }
  | { type: 'fetch-abort'; id: number }
  | { type: 'fs'; id: number; call: FsCall }
  /** The service opens a WebSocket to localhost:<port> (ref: its own number for it; frames go over `socket`). */
  | { type: 'ws-connect'; ref: number; port: number; request: WireRequest; socket: MessagePort }
  /** A WebSocket this service accepted has ended (the page forgets it). */
  | { type: 'ws-done'; sid: number };

/** The part of Worker / MessagePort / DedicatedWorkerGlobalScope the protocol needs. */
export interface PortLike<Out> {
  postMessage(message: Out, transfer?: Transferable[]): void;
}
