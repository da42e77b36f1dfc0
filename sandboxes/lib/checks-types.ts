// The contract between a lab's checks.ts and the engine that runs it (Node runner, browser engine,
// WebContainer). checks.ts files import only these types, so they carry no runtime dependency and
// the same file runs unchanged everywhere.

export type CheckRequestInit = {
  method?: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON (with `content-type: application/json`); strings are sent as they are. */
  body?: unknown;
};

export type CheckResponse = {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON when the response declares a JSON content type (…json), otherwise the text. */
  body: unknown;
  text: string;
};

export type CheckWebSocketInit = {
  /** Handshake headers (e.g. Authorization): the service's upgrade handler reads them. */
  headers?: Record<string, string>;
  /** Offered subprotocols. */
  protocols?: string[];
};

/** An open WebSocket to a service, for checks (text frames; a binary one reads «[binario, N bytes]»). */
export type CheckWebSocket = {
  /** The subprotocol the service chose ('' for none). */
  protocol: string;
  /** Every message received so far, oldest first. */
  messages: string[];
  /** The next message not yet returned by next(); a CheckFailure after `timeoutMs` (default 5000). */
  next(timeoutMs?: number): Promise<string>;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  /** How the connection ended (1006: dropped without close frame); a CheckFailure after `timeoutMs` (default 5000). */
  closed(timeoutMs?: number): Promise<{ code: number; reason: string }>;
};

export type CheckContext = {
  /** Sends a request to a service of the lab (by its `name` in lab.yaml). */
  request(service: string, path: string, init?: CheckRequestInit): Promise<CheckResponse>;
  /** Throws a CheckFailure carrying `message` (Spanish, actionable) when `condition` is falsy. */
  assert(condition: unknown, message: string): void;
  /** Console lines (stdout and stderr) the service printed since its last start, oldest first. */
  logs(service: string): string[];
  /** Stops a service (e.g. to check what happens when products-service is down). */
  stop(service: string): Promise<void>;
  /** Starts a stopped service again and waits until it answers. */
  start(service: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  /**
   * Opens a WebSocket to a service. Rejects with a CheckFailure whose message names the HTTP
   * status when the service refused the handshake (e.g. «respondió 401»).
   */
  websocket(service: string, path: string, init?: CheckWebSocketInit): Promise<CheckWebSocket>;
};

export type Check = {
  /** What the check proves, in Spanish ("GET /ping responde 200 con pong"). */
  name: string;
  /**
   * What this check does on the lab's start code: 'fail' (the learner's work makes it pass) or
   * 'pass' (behaviour the start already has and the work must not break). sandboxes/test/chain.test.ts
   * pins every declaration, so a check that cannot fail on the start is a decision, not an accident.
   */
  onStart: 'pass' | 'fail';
  run: (ctx: CheckContext) => Promise<void>;
};

export type CheckResult = {
  name: string;
  ok: boolean;
  /** Empty when ok; otherwise what the learner should fix. */
  message: string;
  durationMs: number;
};
