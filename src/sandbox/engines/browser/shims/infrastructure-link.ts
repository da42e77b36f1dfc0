// Inside a service worker: how the infrastructure shims (amqplib, kafkajs, ioredis, pg) reach the
// lab's hosts in the page. The runtime got one MessagePort in its boot message (only for labs
// that declare infrastructure); every connection a shim opens is a new MessageChannel whose other
// end travels to the page over that port, so the page can close it when the worker ends (a
// killed process's sockets close: unacked messages are requeued, open transactions roll back).
import type { InfrastructureKind } from '../../../contract/infrastructure.ts';

/** What the page's LabInfrastructure accepts on a worker's port. */
export type DialKind = InfrastructureKind | 'data';
export interface DialMessage {
  dial: DialKind;
  port: MessagePort;
}

interface Runtime {
  infrastructure?: { dial(kind: DialKind): MessagePort | null; declared: InfrastructureKind[] };
}

const runtime = (globalThis as unknown as { __sandboxRuntime?: Runtime }).__sandboxRuntime;

/** Whether the mounted lab declares `kind` (lab.yaml `infrastructure`). */
export function declares(kind: InfrastructureKind): boolean {
  return runtime?.infrastructure?.declared.includes(kind) ?? false;
}

/** A new port to the lab's `kind` host, or null when the lab declares none (the shim then answers as a client with no server). */
export function dial(kind: DialKind): MessagePort | null {
  return runtime?.infrastructure?.dial(kind) ?? null;
}
