// Node's stand-in for shims/infrastructure-link.ts: the same shims (amqplib, kafkajs, ioredis), built
// for Node (bundles.ts), dial the lab's infrastructure host over TCP instead of a MessagePort.
//   SANDBOX_INFRASTRUCTURE  what the lab declares (comma list), as `declared` in the browser runtime
//   SANDBOX_INFRA_HOST      host:port of the infrastructure host process
//   SANDBOX_SERVICE         this process's service (replica) name, told to the host in each hello
//                           (the panel shows who consumes; chaos drops a service's connections)
import { connect } from 'node:net';
import type { InfrastructureKind } from '../../contract/infrastructure.ts';
import { socketPort } from './socket-port.ts';

export type DialKind = InfrastructureKind | 'data';

const declared = (process.env.SANDBOX_INFRASTRUCTURE ?? '').split(',').filter(Boolean);

export function declares(kind: InfrastructureKind): boolean {
  return declared.includes(kind) && Boolean(process.env.SANDBOX_INFRA_HOST);
}

/** A new connection to the host for `kind` (writes before the socket connects are queued by Node). */
export function dial(kind: DialKind) {
  const address = process.env.SANDBOX_INFRA_HOST;
  if (!address) return null;
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  const socket = connect({ host, port });
  socket.write(`${JSON.stringify({ dial: kind, ...(process.env.SANDBOX_SERVICE ? { service: process.env.SANDBOX_SERVICE } : {}) })}\n`);
  // Frame links (AMQP, Kafka) see the socket's end as a closed connection; the data channel does not use it.
  return socketPort(socket, '', { closeMessage: kind !== 'data' });
}
