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

export type CheckSocketInit = {
  /** Handshake headers (e.g. `origin` to play a page of another site; a real page cannot set them). */
  headers?: Record<string, string>;
  /** Subprotocols offered in `Sec-WebSocket-Protocol`. */
  protocols?: string[];
};

export type CheckSocketClose = { code: number; reason: string };

/**
 * A WebSocket connection a check opened (issue 14). `ctx.websocket()` resolves once the handshake
 * finished either way: `opened` says whether the server accepted it (101). A refused handshake (an
 * HTTP 403, a dropped connection) resolves with `opened: false` and `closed()` → code 1006, as a browser sees it.
 */
export type CheckSocket = {
  readonly opened: boolean;
  /** The subprotocol the service chose ('' for none). */
  readonly protocol: string;
  /** Every text frame received so far, oldest first (binary frames as `[binario: N bytes]`). */
  readonly messages: readonly string[];
  /** Sends a text frame; throws a CheckFailure if the socket is not open. */
  send(data: string): void;
  /**
   * The next frame not yet returned by nextMessage (frames are queued from the open on, so none is
   * missed between calls); undefined if none arrives within timeoutMs (default 5000: a loaded machine can take seconds to deliver a frame) or the socket closes.
   */
  nextMessage(timeoutMs?: number): Promise<string | undefined>;
  /** Code and reason once the socket is closed (by either side); undefined if still open after timeoutMs (default 5000). */
  closed(timeoutMs?: number): Promise<CheckSocketClose | undefined>;
  close(code?: number, reason?: string): void;
};

/** The deployment artefacts `ctx.inspectFile()` reads (lab 28): see src/sandbox/artifacts/inspect.ts. */
export type ArtifactKind = 'compose' | 'github-workflow' | 'dockerfile';

export type ArtifactProblem = {
  /** 1-based line in the file, when the problem has one. */
  line?: number;
  /** What is wrong, in Spanish, naming the field (`services.products.healthcheck`). */
  message: string;
};

export type DockerInstruction = {
  /** Upper-case keyword: FROM, RUN, COPY, USER, ENV, HEALTHCHECK, CMD… */
  keyword: string;
  /** Everything after the keyword, as written (continuation lines joined). */
  args: string;
  /** 1-based line of the keyword. */
  line: number;
  /** Index of the build stage (FROM) the instruction belongs to; -1 before the first FROM (ARG). */
  stage: number;
  /** ENV and LABEL: the pairs they set. */
  properties?: { name: string; value: string }[];
  /** Flags such as `--from=build`, `--chown=node:node`, `--interval=10s`. */
  flags?: { name: string; value: string }[];
};

export type DockerStage = { index: number; image: string; name?: string; line: number };

export type DockerfileData = { stages: DockerStage[]; instructions: DockerInstruction[] };

export type ArtifactReport = {
  kind: ArtifactKind;
  /** True when the file parses and matches its format's schema. */
  valid: boolean;
  problems: ArtifactProblem[];
  /** The parsed file: the YAML document as plain data, or DockerfileData for a Dockerfile. */
  data: unknown;
};

/** What `ctx.runTests` answers: the Tests tab's result (src/sandbox/contract/tests.ts), the fields checks read. */
export type CheckTestRun = {
  files: Array<{
    file: string;
    state: 'pass' | 'fail' | 'skip';
    tests: Array<{ suite: string[]; name: string; state: 'pass' | 'fail' | 'skip'; failure?: { message: string } }>;
    error?: { message: string };
  }>;
  passed: number;
  failed: number;
  skipped: number;
};

export type CheckTestRunOptions = {
  /** Lab paths of the test files to run; none runs every `*.test.ts` of the lab. */
  files?: string[];
  /**
   * A mutant: for each lab path, a function from the file's current text to a deliberately broken
   * version. The tests run against the mutated files; the lab's files and running services stay as
   * they are. A function that returns the text unchanged fails the check (the mutant would prove nothing).
   */
  mutate?: Record<string, (source: string) => string>;
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
   * A file of the lab as the learner has it now (editor buffer in the page, disk in Node), or
   * undefined when it does not exist. Path relative to the lab root: `products-service/Dockerfile`.
   */
  readFile(path: string): Promise<string | undefined>;
  /**
   * Reads the file and checks it with the tool that defines its format: `compose` against the
   * Compose Specification's JSON Schema, `github-workflow` with GitHub's workflow parser,
   * `dockerfile` parsed into stages and instructions (the check applies its own rules to them).
   * Undefined when the file does not exist. The same answer in every engine.
   */
  inspectFile(path: string, kind: ArtifactKind): Promise<ArtifactReport | undefined>;
  /**
   * Runs the lab's own test files (the Tests tab's runner: real Vitest in Node, Vitest's runner in
   * the browser), optionally against a mutant, and answers each test's result.
   */
  runTests(options?: CheckTestRunOptions): Promise<CheckTestRun>;
  /**
   * Opens a WebSocket to a service of the lab (`ws://` + path, query included). Resolves when the
   * handshake ends (accepted or refused), or after the request timeout with `opened: false`.
   */
  websocket(service: string, path: string, init?: CheckSocketInit): Promise<CheckSocket>;
  /**
   * Chaos controls, only where the engine has them (see ChaosCapability in
   * src/sandbox/contract/capabilities.ts): the browser and WebContainer engines always; the Node
   * engine and runner when the lab's brokers are emulated there (none declared, FOODLY_INFRA=memory,
   * or no server answering), not against a real RabbitMQ, which cannot pause a consumer. A check
   * that uses them must say what it does without them (`if (!ctx.chaos) …`).
   */
  chaos?: {
    pauseConsumer(target: { kind: 'rabbitmq'; consumerTag: string } | { kind: 'kafka'; groupId: string; memberId: string }): Promise<void>;
    resumeConsumer(target: { kind: 'rabbitmq'; consumerTag: string } | { kind: 'kafka'; groupId: string; memberId: string }): Promise<void>;
    dropConnections(service: string, kind: 'rabbitmq' | 'kafka'): Promise<number>;
    crashService(service: string): Promise<void>;
  };
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
  /**
   * A longer limit than the engine's (TIMEOUTS.checkMs, 15 s), for a check that runs the lab's tests
   * with `ctx.runTests`: in Node each run starts a Vitest process (5-10 s on a busy machine).
   */
  timeoutMs?: number;
  run: (ctx: CheckContext) => Promise<void>;
};

export type CheckResult = {
  name: string;
  ok: boolean;
  /** Empty when ok; otherwise what the learner should fix. */
  message: string;
  durationMs: number;
};
