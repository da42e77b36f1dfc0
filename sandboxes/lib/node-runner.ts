// Node engine for labs: runs a lab's services as real processes on free local ports and checks
// them over real HTTP. Used by CI (the chain tests) and by `npm run foodly`.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
// The engines' shared rules (request encoding, messages, timeouts): the Node runner is one of the engines.
import { decodeResponse, encodeRequest, InvalidRequest, notRunningMessage, unknownServiceMessage } from '../../src/sandbox/contract/http.ts';
import type { ChaosCapability } from '../../src/sandbox/contract/capabilities.ts';
import { TIMEOUTS } from '../../src/sandbox/contract/timeouts.ts';
import './json-imports.ts';
import { assertCheck, CheckFailure, inspectLabFile, mutantFiles, parseBody, runCheckList } from './checks-core.ts';
import { runVitest } from './vitest-run.ts';
import type { Check, CheckContext, CheckRequestInit, CheckResponse, CheckResult } from './checks-types.ts';
import { checksPath, loadLab, MATERIALIZED_DIR, SANDBOXES_DIR, writeTree } from './labs.ts';
import type { FileTree, LabMeta, LabVariant } from './labs.ts';
import { infrastructureEnv } from '../../src/sandbox/contract/infrastructure.ts';
import { provisionInfrastructure, type ProvisionOptions } from './infrastructure.ts';
import { openCheckWebSocket } from './check-websocket.ts';
import { openWsClient } from './ws-client.ts';
import { expandReplicas, resolveInstance } from '../../src/sandbox/contract/replicas.ts';

/** Ports this runner may take for services (the course's sandbox range). */
export const PORT_RANGE = { from: 3200, to: 3399 } as const;

/** A Node able to run .ts files directly (type stripping): this one, or the project's pinned Node 24. */
export function typeStrippingNode(): string {
  const features = process.features as { typescript?: string | false };
  if (features.typescript) return process.execPath;
  const pinned = join(SANDBOXES_DIR, '..', 'node_modules', 'node', 'bin', 'node');
  if (existsSync(pinned)) return pinned;
  throw new Error('No Node with TypeScript type stripping found: run through npm (Node 24 is pinned as a devDependency).');
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

const claimed = new Set<number>();
/** Free ports inside PORT_RANGE, starting at a random offset so parallel runs rarely collide. */
export async function findFreePorts(count: number): Promise<number[]> {
  const size = PORT_RANGE.to - PORT_RANGE.from + 1;
  const offset = Math.floor(Math.random() * size);
  const ports: number[] = [];
  for (let i = 0; i < size && ports.length < count; i++) {
    const port = PORT_RANGE.from + ((offset + i) % size);
    if (claimed.has(port)) continue;
    if (await isPortFree(port)) {
      claimed.add(port);
      ports.push(port);
    }
  }
  if (ports.length < count) throw new Error(`No free ports in ${PORT_RANGE.from}-${PORT_RANGE.to}`);
  return ports;
}

/** Rewrites `http://localhost:<declared port>` (and `ws://…`) in env values to the ports actually assigned. */
export function rewriteEnv(env: Record<string, string>, portMap: ReadonlyMap<number, number>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    // ws:// too: a service that opens a WebSocket to another one reaches it on its real port.
    result[key] = value.replace(/(http|ws):\/\/(localhost|127\.0\.0\.1):(\d+)/g, (match, scheme, _host, port) => {
      const actual = portMap.get(Number(port));
      return actual === undefined ? match : `${scheme}://127.0.0.1:${actual}`;
    });
  }
  return result;
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const ANSI = /\x1b\[[0-9;]*m/g;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type ServiceProcess = {
  name: string;
  port: number;
  env: Record<string, string>;
  entry: string;
  child?: ChildProcess;
  exited?: Promise<void>;
  logs: string[];
};

export type StartOptions = {
  /** Extra env for every service, applied after lab.yaml's (e.g. fewer PBKDF2 iterations in tests). */
  env?: Record<string, string>;
  /** Use the declared ports instead of free ones (npm run foodly). */
  declaredPorts?: boolean;
  /** Called with each log line as it arrives. */
  onLog?: (service: string, line: string) => void;
  readyTimeoutMs?: number;
  /** Servers to emulate even if the real one answers ('all' = FOODLY_INFRA=memory; see ./infrastructure.ts). */
  emulate?: ProvisionOptions['emulate'];
};

export type RunningLab = {
  meta: LabMeta;
  dir: string;
  /** How this run's servers are isolated (empty without infrastructure). */
  infrastructureNotes: string[];
  ports: Record<string, number>;
  baseUrl(service: string): string;
  logs(service: string): string[];
  start(service: string): Promise<void>;
  stop(service: string): Promise<void>;
  /** Stops every service and deletes the temporary tree (unless it was given). */
  dispose(): Promise<void>;
  /**
   * Chaos controls, as the sandbox engines give them (ChaosCapability): a crash is SIGKILL; pausing
   * a consumer and dropping connections need the lab's brokers emulated here (no broker declared,
   * or FOODLY_INFRA=memory / no server): against a real RabbitMQ this is undefined.
   */
  chaos?: ChaosCapability;
};

/** Materializes the lab tree and starts all its services; resolves when they answer HTTP (or gave up). */
export async function startLab(id: string, variant: LabVariant, options: StartOptions = {}): Promise<RunningLab> {
  const lab = await loadLab(id);
  return startLabTree({ id, meta: lab.meta, tree: lab[variant], variant }, options);
}

/**
 * Starts the services of any lab tree (a course lab, or a test fixture that is not one). A lab that
 * declares infrastructure gets this run's own databases, Redis DB and vhost on the real servers
 * (./infrastructure.ts), deleted by `dispose()`.
 */
export async function startLabTree(
  lab: { id: string; meta: LabMeta; tree: FileTree; variant?: string },
  options: StartOptions = {},
): Promise<RunningLab> {
  const runId = `${lab.id}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = join(MATERIALIZED_DIR, lab.id, `${lab.variant ?? 'tree'}-${runId.slice(lab.id.length + 1)}`);
  await writeTree(lab.tree, dir);
  const infrastructure = lab.meta.infrastructure ? await provisionInfrastructure(lab.meta.infrastructure, runId, { emulate: options.emulate }) : undefined;
  // Each replica is its own process on its own port (replica k of `tracking` is `tracking-k` on
  // port + 10·(k−1), REPLICA_ID=tracking-k); replica ports are rewritten in env like declared ones.
  const instances = expandReplicas(lab.meta.services);
  const declared = instances.map((service) => service.port);
  const actual = options.declaredPorts ? declared : await findFreePorts(declared.length);
  const portMap = new Map(declared.map((port, index) => [port, actual[index]!]));
  const node = typeStrippingNode();
  // Returns as soon as the service answers; the shared start timeout allows for a loaded CI machine.
  const readyTimeoutMs = options.readyTimeoutMs ?? TIMEOUTS.serviceStartMs;

  const services = new Map<string, ServiceProcess>();
  instances.forEach((service, index) => {
    const port = actual[index]!;
    services.set(service.name, {
      name: service.name,
      port,
      env: {
        ...(infrastructure ? infrastructureEnv(lab.meta.infrastructure, service.service, infrastructure.addresses) : {}),
        ...infrastructure?.env,
        ...rewriteEnv(service.env, portMap),
        ...options.env,
        PORT: String(port),
        // The emulated servers learn who opens each connection (chaos drops a service's connections).
        SANDBOX_SERVICE: service.name,
      },
      entry: `${service.dir}/src/server.ts`,
      logs: [],
    });
  });

  // A replicated service's declared name means its replica 1 (checks: ctx.request('tracking', …)).
  const get = (name: string): ServiceProcess => {
    const service = services.get(resolveInstance(instances, name) ?? name);
    if (!service) throw new CheckFailure(unknownServiceMessage(name));
    return service;
  };

  const pushLines = (service: ServiceProcess, chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const clean = line.replace(ANSI, '');
      service.logs.push(clean);
      options.onLog?.(service.name, clean);
    }
  };

  const startOne = async (name: string) => {
    const service = get(name);
    if (service.child && isRunning(service.child)) return;
    // Like the browser engines, logs(service) holds what the service printed since its last start.
    service.logs = [];
    const child = spawn(node, [...(infrastructure?.nodeArgs ?? []), service.entry], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', ...service.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.child = child;
    service.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stdout!.on('data', (chunk: Buffer) => pushLines(service, chunk));
    child.stderr!.on('data', (chunk: Buffer) => pushLines(service, chunk));
    await waitUntilReady(service, readyTimeoutMs);
  };

  const stopOne = async (name: string) => {
    const service = get(name);
    const child = service.child;
    if (!child || !isRunning(child)) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([service.exited!.then(() => true), sleep(TIMEOUTS.stopGraceMs).then(() => false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await service.exited;
    }
  };

  const namesOf = (name: string): string[] => {
    const replicas = instances.filter((instance) => instance.service === name && instance.replicas > 1).map((instance) => instance.name);
    return replicas.length > 0 ? replicas : [name];
  };

  const crashOne = async (name: string) => {
    const service = get(name);
    const child = service.child;
    if (!child || !isRunning(child)) throw new CheckFailure(notRunningMessage(service.name));
    child.kill('SIGKILL');
    await service.exited;
  };
  const brokers = infrastructure ? infrastructure.brokerChaos : { setConsumerPaused: () => {
    throw new Error('Este laboratorio no declara ningún broker.');
  }, dropConnections: () => 0 };
  const chaos: ChaosCapability | undefined = brokers && {
    pauseConsumer: async (target) => brokers.setConsumerPaused(target, true),
    resumeConsumer: async (target) => brokers.setConsumerPaused(target, false),
    dropConnections: async (name, kind) => namesOf(name).reduce((sum, instance) => sum + brokers.dropConnections(get(instance).name, kind), 0),
    crashService: crashOne,
  };

  try {
    await Promise.all([...services.keys()].map(startOne));
  } catch (error) {
    await Promise.all([...services.keys()].map(stopOne));
    await infrastructure?.dispose();
    throw error;
  }

  return {
    meta: lab.meta,
    dir,
    infrastructureNotes: infrastructure?.notes ?? [],
    ports: Object.fromEntries([...services.values()].map((service) => [service.name, service.port])),
    baseUrl: (name) => `http://127.0.0.1:${get(name).port}`,
    logs: (name) => [...get(name).logs],
    start: (name) => Promise.all(namesOf(name).map(startOne)).then(() => undefined),
    stop: (name) => Promise.all(namesOf(name).map(stopOne)).then(() => undefined),
    ...(chaos ? { chaos } : {}),
    async dispose() {
      await Promise.all([...services.keys()].map(stopOne));
      await infrastructure?.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves when the service answers any HTTP response; gives up when it exits or after the timeout. */
async function waitUntilReady(service: ServiceProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!service.child || !isRunning(service.child)) return;
    try {
      await fetch(`http://127.0.0.1:${service.port}/`, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await sleep(50);
    }
  }
}

/** A file of the materialized lab, or undefined; a path that leaves the lab reads nothing. */
async function readLabFile(dir: string, path: string): Promise<string | undefined> {
  const relative = normalize(path);
  if (relative.startsWith('..') || relative.startsWith('/')) return undefined;
  return readFile(join(dir, relative), 'utf8').catch(() => undefined);
}

/** The CheckContext of the Node engine: real HTTP against the running lab. */
export function createNodeCheckContext(running: RunningLab): CheckContext {
  return {
    async request(service: string, path: string, init: CheckRequestInit = {}): Promise<CheckResponse> {
      let encoded;
      try {
        encoded = encodeRequest({ ...init, path });
      } catch (error) {
        if (error instanceof InvalidRequest) throw new CheckFailure(error.message);
        throw error;
      }
      const { method, headers, body } = encoded;
      const startedAt = performance.now();
      let raw: Response;
      let bytes: ArrayBuffer;
      try {
        raw = await fetch(running.baseUrl(service) + encoded.path, { method, headers, body, signal: AbortSignal.timeout(TIMEOUTS.requestMs) });
        bytes = await raw.arrayBuffer();
      } catch (error) {
        const reason = (error as Error).name === 'TimeoutError' ? `no respondió en ${TIMEOUTS.requestMs / 1000} s` : 'no acepta conexiones: ¿está arrancado o se ha caído al iniciar? Mira sus logs';
        throw new CheckFailure(`${method} ${encoded.path} en ${service}: el servicio ${reason}.`);
      }
      const response = decodeResponse({ status: raw.status, statusText: raw.statusText, headers: raw.headers, body: bytes, time: performance.now() - startedAt });
      return { status: response.status, headers: response.headers, body: parseBody(response.headers['content-type'] ?? '', response.text), text: response.text };
    },
    assert: assertCheck,
    logs: (service) => running.logs(service),
    stop: (service) => running.stop(service),
    start: (service) => running.start(service),
    sleep,
    readFile: (path) => readLabFile(running.dir, path),
    inspectFile: (path, kind) => inspectLabFile((file) => readLabFile(running.dir, file), path, kind),
    async runTests(options = {}) {
      const overrides = await mutantFiles(options.mutate, (path) => readFile(join(running.dir, path), 'utf8').catch(() => undefined));
      // A check's run gets more time than the Tests tab's: on a busy machine Vitest alone takes 10-20 s to start.
      return runVitest(running.dir, options.files, { overrides, limitMs: 50_000 });
    },
    websocket: (service, path, init = {}) => openCheckWebSocket(service, path, () => openWsClient(service, running.ports[service] ?? 0, path, init)),
    ...(running.chaos ? { chaos: running.chaos } : {}),
  };
}

export async function loadChecks(id: string): Promise<Check[]> {
  const module = (await import(pathToFileURL(checksPath(id)).href)) as { default: Check[] };
  return module.default;
}

/** Starts the lab, runs its checks against real processes, stops everything. */
export async function runChecks(id: string, variant: LabVariant, options: StartOptions = {}): Promise<CheckResult[]> {
  const checks = await loadChecks(id);
  const running = await startLab(id, variant, options);
  try {
    return await runCheckList(checks, createNodeCheckContext(running), { timeoutMs: TIMEOUTS.checkMs });
  } finally {
    await running.dispose();
  }
}
