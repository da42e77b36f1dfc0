// Replicas (lab.yaml `replicas: N`, issue 14): one service declared once, run as N copies, each its
// own worker/process and env. Every engine expands the declared services with `expandReplicas` and
// then treats each replica as a service of its own (own status, logs, port); the declared name
// stays an alias: a request or `ctx.request('tracking', …)` goes to replica 1, `start`/`stop` of it
// act on every replica. Replica k (1-based) of `tracking` is `tracking-k`, listens on
// `port + 10·(k−1)` and gets `REPLICA_ID=tracking-k`; a gateway in the lab reaches each one by its
// port (its env values), as it would behind a real load balancer.
import type { ServiceSpec } from './engine.ts';

/** One running copy of a declared service. A service without replicas is its own single instance. */
export interface ServiceInstance extends ServiceSpec {
  /** The name declared in lab.yaml. */
  service: string;
  /** 1-based. */
  replica: number;
  /** How many replicas the declared service has. */
  replicas: number;
}

export const REPLICA_PORT_STEP = 10;

export const replicaName = (service: string, replica: number, replicas: number): string => (replicas > 1 ? `${service}-${replica}` : service);
export const replicaPort = (port: number, replica: number): number => port + REPLICA_PORT_STEP * (replica - 1);

/** The instances to run, in lab.yaml order (replicas of one service side by side). */
export function expandReplicas(specs: readonly ServiceSpec[]): ServiceInstance[] {
  const instances: ServiceInstance[] = [];
  for (const spec of specs) {
    const replicas = Math.max(1, spec.replicas ?? 1);
    for (let replica = 1; replica <= replicas; replica++) {
      const name = replicaName(spec.name, replica, replicas);
      instances.push({
        ...spec,
        name,
        port: replicaPort(spec.port, replica),
        env: replicas > 1 ? { ...spec.env, REPLICA_ID: name } : { ...spec.env },
        service: spec.name,
        replica,
        replicas,
      });
    }
  }
  return instances;
}

/**
 * The instance a request, a status or a log read means: an instance's own name, or a declared
 * replicated service (replica `replica`, default 1). Undefined when nothing matches.
 */
export function resolveInstance(instances: readonly ServiceInstance[], name: string, replica?: number): string | undefined {
  if (replica === undefined && instances.some((instance) => instance.name === name)) return name;
  return instances.find((instance) => instance.service === name && instance.replica === (replica ?? 1))?.name;
}

/** The instances `start`/`stop` act on: one instance, or every replica of a declared service. */
export function instancesNamed(instances: readonly ServiceInstance[], name: string): string[] {
  if (instances.some((instance) => instance.name === name)) return [name];
  return instances.filter((instance) => instance.service === name).map((instance) => instance.name);
}
