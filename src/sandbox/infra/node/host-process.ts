// Entry of the infrastructure host process (bundled for Node to `infra/host.mjs`, see bundles.ts).
// The WebContainer engine runs it inside the container for a lab that declares infrastructure:
//   SANDBOX_INFRASTRUCTURE=rabbitmq,kafka,redis,postgres [SANDBOX_INFRA_PORT=0]
//   SANDBOX_DATABASES=orders=orders-service,…  SANDBOX_PG_TEMPLATE=<path of a PGlite dump>
//   node .sandbox/infra/host.mjs
// It prints `sandbox-infrastructure-ready <port> <control port>` once it listens on 127.0.0.1 (the
// control port answers GET /snapshot and POST /reset over HTTP) and its databases are ready.
import { readFile } from 'node:fs/promises';
import { startInfrastructureHost, type HostedKind } from './host.ts';

export const READY_MARKER = 'sandbox-infrastructure-ready';

const kinds = (process.env.SANDBOX_INFRASTRUCTURE ?? '').split(',').filter((kind): kind is HostedKind => ['rabbitmq', 'kafka', 'redis', 'postgres'].includes(kind));
const databases = Object.fromEntries(
  (process.env.SANDBOX_DATABASES ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const templatePath = process.env.SANDBOX_PG_TEMPLATE;
const host = await startInfrastructureHost({
  kinds,
  port: Number(process.env.SANDBOX_INFRA_PORT ?? 0),
  databases,
  postgresTemplate: templatePath ? async () => new Blob([await readFile(templatePath)]) : undefined,
});
console.log(`${READY_MARKER} ${host.port} ${host.controlPort}`);
const stop = () => void host.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('SIGHUP', stop);
