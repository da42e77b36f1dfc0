// Entry of the lab's infrastructure Worker (bundled to sandbox-vendor/infra/host-worker.js): the
// hosts run here, not in the page, so a learner's runaway query (PGlite) or Lua script
// (ioredis-mock) blocks this worker and the requests waiting on it, never the page.
import type { InfrastructureKind, InfrastructureSpec } from '../../../contract/infrastructure.ts';
import type { ConsumerTarget } from '../../../contract/capabilities.ts';
import { LabInfrastructure } from './lab-infrastructure.ts';

/** Page → infrastructure worker. Requests carry an `id`, answered by one `answer`. */
export type ToHostWorker =
  | { type: 'create'; id: number; spec: InfrastructureSpec; vendorBase: string; labKey: string }
  | { type: 'connect'; worker: number; service: string; port: MessagePort }
  | { type: 'disconnect'; worker: number }
  | { type: 'snapshot' | 'reset' | 'dispose'; id: number }
  | { type: 'pause-consumer'; id: number; target: ConsumerTarget; paused: boolean }
  | { type: 'drop-connections'; id: number; service: string; kind: 'rabbitmq' | 'kafka' };

/** Infrastructure worker → page: an answer to a request, or a (throttled) change notification. */
export type FromHostWorker =
  | { type: 'answer'; id: number; value?: unknown; error?: string }
  | { type: 'changed'; kinds: InfrastructureKind[] };

/** At most one change notification per this many ms (a publish loop must not flood the page). */
export const CHANGE_THROTTLE_MS = 250;

interface WorkerScope {
  postMessage(message: FromHostWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToHostWorker>) => void): void;
}
declare const self: WorkerScope;

// ioredis-mock's browser build was compiled with `global` defined as `window`.
(globalThis as { window?: unknown }).window ??= globalThis;

/** Settles once every host has loaded (snapshot, reset and dispose wait for it). */
let lab: Promise<LabInfrastructure> | undefined;
/** The lab's servers, serving from the 'create' message on (hosts still loading). */
let current: LabInfrastructure | undefined;
const ports = new Map<number, MessagePort>();

// Changes are gathered and sent at most every CHANGE_THROTTLE_MS (the first at once).
const changed = new Set<InfrastructureKind>();
let changeTimer: ReturnType<typeof setTimeout> | undefined;
let lastChangeSent = 0;
function flushChanges(): void {
  changeTimer = undefined;
  if (changed.size === 0) return;
  lastChangeSent = Date.now();
  self.postMessage({ type: 'changed', kinds: [...changed] });
  changed.clear();
}
function noteChange(kind: InfrastructureKind): void {
  changed.add(kind);
  if (changeTimer !== undefined) return;
  changeTimer = setTimeout(flushChanges, Math.max(0, lastChangeSent + CHANGE_THROTTLE_MS - Date.now()));
}

async function answer(id: number, work: () => unknown): Promise<void> {
  try {
    self.postMessage({ type: 'answer', id, value: await work() });
  } catch (error) {
    self.postMessage({ type: 'answer', id, error: error instanceof Error ? error.message : String(error) });
  }
}

self.addEventListener('message', ({ data: message }) => {
  switch (message.type) {
    case 'create': {
      // Services are served at once; each connection waits only for its own host (see start()).
      const infra = LabInfrastructure.start(message.spec, message.vendorBase, message.labKey);
      infra.onChange = noteChange;
      lab = infra.loaded.then(() => infra);
      void answer(message.id, async () => void (await lab));
      current = infra;
      return;
    }
    case 'connect':
      ports.set(message.worker, message.port);
      // The page sends 'create' before any 'connect' (InfrastructureWorker's constructor).
      if (current) current.connect(message.port, message.service);
      else message.port.close();
      return;
    case 'disconnect': {
      const port = ports.get(message.worker);
      ports.delete(message.worker);
      if (port && current) void current.disconnect(port);
      else port?.close();
      return;
    }
    case 'snapshot':
      void answer(message.id, async () => (await lab!).snapshot());
      return;
    case 'reset':
      void answer(message.id, async () => (await lab!).reset());
      return;
    case 'dispose':
      void answer(message.id, async () => (await lab)?.dispose());
      return;
    case 'pause-consumer':
      void answer(message.id, async () => (await lab!).setConsumerPaused(message.target, message.paused));
      return;
    case 'drop-connections':
      void answer(message.id, async () => (await lab!).dropConnections(message.service, message.kind));
      return;
  }
});
