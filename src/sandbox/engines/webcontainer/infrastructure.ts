// Infrastructure in the WebContainer engine: a lab that declares RabbitMQ, Kafka, Redis or PostgreSQL
// gets, inside the container, one infrastructure host process (the browser engine's cores:
// AmqpBroker, KafkaCluster, RedisHost, PostgresHost with one PGlite per database, bundled for Node
// in the `foodly-sandbox-infra` package of the mounted node_modules, see src/sandbox/infra/node/),
// and its services run with a resolve hook that maps `amqplib`, `kafkajs`, `ioredis` and `pg` to
// the browser engine's shims built for Node, which reach the
// host over TCP on 127.0.0.1 inside the container. The learner's imports are unchanged.
import { declaredKinds, type InfrastructureKind, type InfrastructureSpec } from '../../contract/infrastructure.ts';
import { INFRA_PACKAGE, resolveHookFiles, SHIM_MODULES, type ShimSpecifier } from '../../infra/node/hooks.ts';

export const INFRA_REGISTER = '.sandbox/infra/register.mjs';
export const INFRA_HOOKS = '.sandbox/infra/hooks.mjs';
export const INFRA_HOST = '.sandbox/infra/host.mjs';
/** What the host prints once it listens (src/sandbox/infra/node/host-process.ts). */
export const INFRA_READY = 'sandbox-infrastructure-ready';

/** The kinds the host process serves: every declared one. */
export function hostedKinds(spec: InfrastructureSpec | undefined): InfrastructureKind[] {
  return declaredKinds(spec);
}

/** Where PGlite's JavaScript is in the mounted node_modules (scripts/webcontainer-deps.ts); its binaries go beside it. */
export const PGLITE_DIST = 'node_modules/@electric-sql/pglite/dist';
/** PGlite's binaries the engine writes into PGLITE_DIST (the page serves them in sandbox-vendor/pglite/). */
export const PGLITE_BINARIES = ['pglite.wasm', 'initdb.wasm', 'pglite.data'] as const;
/** The dumped data directory new databases start from (sandbox-vendor/pglite/template.tar.gz). */
export { PGLITE_TEMPLATE_FILE } from '../../infra/postgres/vendor-files.ts';
export const PGLITE_TEMPLATE_PATH = `node_modules/${INFRA_PACKAGE}/pglite-template.tar.gz`;

/** Files mounted under the lab's .sandbox/ for a lab with infrastructure. */
export function infrastructureFiles(): Record<string, string> {
  const modules = Object.fromEntries(Object.entries(SHIM_MODULES).map(([specifier, file]) => [specifier, `${INFRA_PACKAGE}/${file}`])) as Record<ShimSpecifier, string>;
  const { register, hooks } = resolveHookFiles(modules);
  return { [INFRA_REGISTER]: register, [INFRA_HOOKS]: hooks, [INFRA_HOST]: `import '${INFRA_PACKAGE}/host.mjs';\n` };
}
