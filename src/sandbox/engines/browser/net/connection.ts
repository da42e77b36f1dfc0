// Page side of one service worker's protocol: requests into the service, and the service's own
// outgoing localhost fetches routed through the virtual network to other services.
import type { FsCall, FsErrorInfo } from '../fs/fs-protocol.ts';
import type { FromWorker, LogLevel, PortLike, ToWorker } from '../protocol.ts';
import { NetworkFailure } from './network.ts';
import type { Endpoint, VirtualNetwork } from './network.ts';
import { transferablesOf } from './wire.ts';
import type { WireRequest, WireResponse } from './wire.ts';

export interface ConnectionEvents {
  log(level: LogLevel, text: string): void;
  listening(port: number): void;
  loaded(): void;
  /** The worker finished loading the dependencies of its boot message. */
  preloaded?(): void;
  crashed(info: { reason: string; file?: string; line?: number; column?: number }): void;
  /** The service has written more than FLOOD_LINES_PER_SECOND for FLOOD_SECONDS in a row. */
  flood?(linesPerSecond: number): void;
  exit(code: number): void;
  /** Runs a node:fs call of the service on the lab's file system (rejects/throws like Node's fs). */
  fileSystem?(call: FsCall): unknown;
}

/** Output rate above which a service is flooding its logs (a console.log in a tight loop). */
export const FLOOD_LINES_PER_SECOND = 5000;
/** Consecutive seconds above that rate before the service is stopped. */
export const FLOOD_SECONDS = 2;
const FLOOD_WINDOW_MS = 500;

interface PendingRequest {
  resolve(response: WireResponse): void;
  reject(error: NetworkFailure): void;
}

export class ServiceConnection implements Endpoint {
  /**
   * performance.now() of the last heartbeat. Only heartbeats prove the worker's event loop turns:
   * a loop that logs keeps sending output while it never yields.
   */
  lastMessageAt = performance.now();
  private outputWindow = { start: performance.now(), lines: 0 };
  private floodWindows = 0;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly outgoing = new Map<number, AbortController>();
  private nextId = 1;

  readonly service: string;
  private readonly port: PortLike<ToWorker>;
  private readonly network: VirtualNetwork;
  private readonly events: ConnectionEvents;

  constructor(service: string, port: PortLike<ToWorker>, network: VirtualNetwork, events: ConnectionEvents) {
    this.service = service;
    this.port = port;
    this.network = network;
    this.events = events;
  }

  get pendingRequests(): number {
    return this.pending.size;
  }

  upgrade(sid: number, request: WireRequest, socket: MessagePort): void {
    this.port.postMessage({ type: 'ws-upgrade', sid, request, socket }, [socket, ...transferablesOf(request)]);
  }

  dropSocket(sid: number): void {
    this.port.postMessage({ type: 'ws-drop', key: `s${sid}` });
  }

  handle(request: WireRequest, signal: AbortSignal): Promise<WireResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      signal.addEventListener(
        'abort',
        () => {
          if (this.pending.delete(id)) this.port.postMessage({ type: 'abort', id });
          reject(new NetworkFailure('aborted', 'The operation was aborted'));
        },
        { once: true },
      );
      this.port.postMessage({ type: 'request', id, request }, transferablesOf(request));
    });
  }

  receive(message: FromWorker): void {
    switch (message.type) {
      case 'beat':
        this.lastMessageAt = performance.now();
        return;
      case 'logs':
        for (const line of message.lines) this.events.log(line.level, line.text);
        if (message.omitted > 0) this.events.log('system', `${message.omitted} ${message.omitted === 1 ? 'línea omitida' : 'líneas omitidas'} (demasiada salida seguida)`);
        return this.meterOutput(message.lines.length + message.omitted);
      case 'listening':
        return this.events.listening(message.port);
      case 'loaded':
        return this.events.loaded();
      case 'preloaded':
        return this.events.preloaded?.();
      case 'crashed':
        return this.events.crashed(message);
      case 'exit':
        return this.events.exit(message.code);
      case 'response': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        if (message.response) pending.resolve(message.response);
        else pending.reject(new NetworkFailure(message.failure?.kind ?? 'error', message.failure?.message ?? ''));
        return;
      }
      case 'fetch':
        return void this.forward(message.id, message.port, message.request);
      case 'fetch-abort':
        this.outgoing.get(message.id)?.abort();
        this.outgoing.delete(message.id);
        return;
      case 'fs':
        return void this.runFs(message.id, message.call);
      case 'ws-connect':
        return this.connectSocket(message.ref, message.port, message.request, message.socket);
      case 'ws-done':
        return this.network.forgetSocket(message.sid);
    }
  }

  /**
   * Lines per second over half-second windows; FLOOD_SECONDS of windows in a row above the limit
   * is a flood. A window left open by a quiet spell is restarted, not judged, so a flood that
   * starts after minutes of silence is caught as fast as one at start-up.
   */
  private meterOutput(lines: number, now = performance.now()): void {
    const elapsed = now - this.outputWindow.start;
    if (elapsed > 2 * FLOOD_WINDOW_MS) {
      this.outputWindow = { start: now, lines: 0 };
      this.floodWindows = 0;
      return;
    }
    this.outputWindow.lines += lines;
    if (elapsed < FLOOD_WINDOW_MS) return;
    const rate = (this.outputWindow.lines * 1000) / elapsed;
    this.outputWindow = { start: now, lines: 0 };
    this.floodWindows = rate > FLOOD_LINES_PER_SECOND ? this.floodWindows + 1 : 0;
    if (this.floodWindows * FLOOD_WINDOW_MS >= FLOOD_SECONDS * 1000) this.events.flood?.(Math.round(rate));
  }

  private async runFs(id: number, call: FsCall): Promise<void> {
    try {
      if (!this.events.fileSystem) throw Object.assign(new Error('ENOSYS: function not implemented'), { code: 'ENOSYS' });
      const value = await this.events.fileSystem(call);
      this.port.postMessage({ type: 'fs-result', id, value });
    } catch (error) {
      this.port.postMessage({ type: 'fs-result', id, error: toFsErrorInfo(error, call) });
    }
  }

  /** The service opens a WebSocket to another one (or to a port nothing listens on). */
  private connectSocket(ref: number, port: number, request: WireRequest, socket: MessagePort): void {
    try {
      this.network.connectSocket(port, request, socket, { owner: this, drop: () => this.port.postMessage({ type: 'ws-drop', key: `c${ref}` }) });
    } catch (error) {
      socket.close();
      this.port.postMessage({ type: 'ws-refused', ref, message: (error as Error).message });
    }
  }

  /** The worker is gone: callers waiting on it see a dropped connection. */
  close(reason: string): void {
    this.network.dropSockets(this);
    for (const pending of this.pending.values()) pending.reject(new NetworkFailure('crashed', reason));
    this.pending.clear();
    for (const controller of this.outgoing.values()) controller.abort();
    this.outgoing.clear();
  }

  private async forward(id: number, port: number, request: WireRequest): Promise<void> {
    const controller = new AbortController();
    this.outgoing.set(id, controller);
    try {
      const response = await this.network.dispatch(port, request, controller.signal);
      if (!this.outgoing.delete(id)) return;
      this.port.postMessage({ type: 'fetch-result', id, response }, transferablesOf(response));
    } catch (error) {
      if (!this.outgoing.delete(id)) return;
      const failure = error instanceof NetworkFailure ? error.toWire() : { kind: 'error' as const, message: String(error) };
      this.port.postMessage({ type: 'fetch-result', id, failure });
    }
  }
}

function toFsErrorInfo(error: unknown, call: FsCall): FsErrorInfo {
  const info = (error as { toInfo?: () => FsErrorInfo }).toInfo?.();
  if (info) return info;
  const code = String((error as { code?: unknown })?.code ?? 'EIO');
  return { code, syscall: call.op, path: call.path, errno: -5, message: String((error as Error)?.message ?? error) };
}
