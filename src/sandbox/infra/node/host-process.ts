// Entry of the infrastructure host process (bundled for Node to `infra/host.mjs`, see bundles.ts).
// The WebContainer engine runs it inside the container for a lab that declares infrastructure:
//   SANDBOX_INFRASTRUCTURE=rabbitmq,kafka,redis [SANDBOX_INFRA_PORT=0] node .sandbox/infra/host.mjs
// It prints `sandbox-infrastructure-ready <port> <control port>` once it listens on 127.0.0.1 (the
// control port answers GET /snapshot and POST /reset over HTTP).
import { startInfrastructureHost, type HostedKind } from './host.ts';

export const READY_MARKER = 'sandbox-infrastructure-ready';

const kinds = (process.env.SANDBOX_INFRASTRUCTURE ?? '').split(',').filter((kind): kind is HostedKind => ['rabbitmq', 'kafka', 'redis'].includes(kind));
const host = await startInfrastructureHost({ kinds, port: Number(process.env.SANDBOX_INFRA_PORT ?? 0) });
console.log(`${READY_MARKER} ${host.port} ${host.controlPort}`);
const stop = () => void host.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('SIGHUP', stop);
