// Entry of the lab's infrastructure Worker (bundled to sandbox-vendor/infra/host-worker.js): the
// hosts run here, not in the page, so a learner's runaway query (PGlite) or Lua script
// (ioredis-mock) blocks this worker and the requests waiting on it, never the page.
import type { InfrastructureSpec } from '../../../contract/infrastructure.ts';
import { LabInfrastructure } from './lab-infrastructure.ts';

export type ToHostWorker =
  | { type: 'create'; id: number; spec: InfrastructureSpec; vendorBase: string; labKey: string }
  | { type: 'connect'; worker: number; port: MessagePort }
  | { type: 'disconnect'; worker: number }
  | { type: 'snapshot' | 'reset' | 'dispose'; id: number };

export type FromHostWorker = { id: number; value?: unknown; error?: string };

interface WorkerScope {
  postMessage(message: FromHostWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToHostWorker>) => void): void;
}
declare const self: WorkerScope;

// ioredis-mock's browser build was compiled with `global` defined as `window`.
(globalThis as { window?: unknown }).window ??= globalThis;

let lab: Promise<LabInfrastructure> | undefined;
const ports = new Map<number, MessagePort>();

async function answer(id: number, work: () => Promise<unknown>): Promise<void> {
  try {
    self.postMessage({ id, value: await work() });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
}

self.addEventListener('message', ({ data: message }) => {
  switch (message.type) {
    case 'create':
      lab = LabInfrastructure.create(message.spec, message.vendorBase, message.labKey);
      void answer(message.id, async () => void (await lab));
      return;
    case 'connect':
      ports.set(message.worker, message.port);
      void lab?.then((infra) => infra.connect(message.port), () => message.port.close());
      return;
    case 'disconnect': {
      const port = ports.get(message.worker);
      ports.delete(message.worker);
      if (port) void lab?.then((infra) => infra.disconnect(port), () => undefined);
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
  }
});
