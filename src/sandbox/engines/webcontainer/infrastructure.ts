// Infrastructure in the WebContainer engine: a lab that declares RabbitMQ, Kafka or Redis gets, inside
// the container, one infrastructure host process (the browser engine's cores: AmqpBroker,
// KafkaCluster, RedisHost, bundled for Node in the `foodly-sandbox-infra` package of the mounted
// node_modules, see src/sandbox/infra/node/), and its services run with a resolve hook that maps
// `amqplib`, `kafkajs` and `ioredis` to the browser engine's shims built for Node, which reach the
// host over TCP on 127.0.0.1 inside the container. The learner's imports are unchanged.
import { declaredKinds, type InfrastructureKind, type InfrastructureSpec } from '../../contract/infrastructure.ts';
import { INFRA_PACKAGE, resolveHookFiles, SHIM_MODULES, type ShimSpecifier } from '../../infra/node/hooks.ts';

export const INFRA_REGISTER = '.sandbox/infra/register.mjs';
export const INFRA_HOOKS = '.sandbox/infra/hooks.mjs';
export const INFRA_HOST = '.sandbox/infra/host.mjs';
/** What the host prints once it listens (src/sandbox/infra/node/host-process.ts). */
export const INFRA_READY = 'sandbox-infrastructure-ready';

/** The kinds the host process serves (PostgreSQL is not served in the container yet). */
export function hostedKinds(spec: InfrastructureSpec | undefined): InfrastructureKind[] {
  return declaredKinds(spec).filter((kind) => kind !== 'postgres');
}

/** Files mounted under the lab's .sandbox/ for a lab with infrastructure. */
export function infrastructureFiles(): Record<string, string> {
  const modules = Object.fromEntries(Object.entries(SHIM_MODULES).map(([specifier, file]) => [specifier, `${INFRA_PACKAGE}/${file}`])) as Record<ShimSpecifier, string>;
  const { register, hooks } = resolveHookFiles(modules);
  return { [INFRA_REGISTER]: register, [INFRA_HOOKS]: hooks, [INFRA_HOST]: `import '${INFRA_PACKAGE}/host.mjs';\n` };
}
