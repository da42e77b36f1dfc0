// The Foodly system the deployment artefacts describe: the services and servers of the solution of
// the course's current lab (the one `npm run foodly` starts), read from its lab.yaml and tree. From
// it deploy/generate.ts writes compose.yaml and the Kubernetes manifests, and tests/deploy.test.ts
// checks that what is committed still matches it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { currentSystemLabId, loadLab } from '../sandboxes/lib/labs.ts';
import type { LoadedLab } from '../sandboxes/lib/labs.ts';
import { databaseOf, declaredKinds, type InfrastructureKind, type InfrastructureSpec } from '../src/sandbox/contract/infrastructure.ts';
import { expandReplicas } from '../src/sandbox/contract/replicas.ts';

export const DEPLOY_DIR = import.meta.dirname;

/** One container (compose) of an application service; replicas are one each. */
export type AppInstance = {
  /** Compose service name: `products-1`, `gateway`… */
  name: string;
  /** lab.yaml name shared by its replicas (`products`): the Kubernetes Deployment and Service. */
  service: string;
  /** Folder in the tree (`products-service`): the Dockerfile's SERVICE build argument. */
  dir: string;
  port: number;
  replica: number;
  replicas: number;
  /** lab.yaml env (REPLICA_ID included for replicas), addresses still `localhost:<port>`. */
  env: Record<string, string>;
  /** The env vars its src/config.ts reads: a server's URL goes only to the services that use it. */
  reads: Set<string>;
};

export type FoodlySystem = {
  labId: string;
  title: string;
  infrastructure: InfrastructureSpec | undefined;
  kinds: InfrastructureKind[];
  instances: AppInstance[];
  /** The database each service owns (database per service). */
  databaseOf: (service: string) => string | undefined;
  /** The tree's root package.json (what `npm ci` installs in the image). */
  packageJson: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
};

/** The lab deploy/ packages: the same one `npm run foodly` starts (sandboxes/lib/labs.ts). */
export const currentLabId = currentSystemLabId;

function configKeys(lab: LoadedLab, dir: string): Set<string> {
  const config = lab.solution[`${dir}/src/config.ts`] ?? '';
  return new Set([...config.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!));
}

/** The port a service without a lab.yaml entry listens on: its config.ts default for PORT. */
function defaultPort(lab: LoadedLab, dir: string): number {
  const config = lab.solution[`${dir}/src/config.ts`] ?? '';
  const port = /PORT:\s*z\.coerce\.number\(\)[^\n]*?\.default\((\d+)\)/.exec(config)?.[1];
  if (!port) throw new Error(`${dir}/src/config.ts no declara un PORT por defecto y lab.yaml no le da puerto: añádelo a services en lab.yaml.`);
  return Number(port);
}

export async function loadFoodlySystem(labId?: string): Promise<FoodlySystem> {
  const id = labId ?? (await currentLabId());
  const lab = await loadLab(id);
  if (lab.meta.infrastructure?.kafka) throw new Error(`${id} usa Kafka: los artefactos de deploy/ no incluyen un broker Kafka todavía.`);
  const dirs = [...new Set(Object.keys(lab.solution).filter((path) => /^[^/]+\/src\/server\.ts$/.test(path)).map((path) => path.split('/')[0]!))].sort();
  const declared = expandReplicas(lab.meta.services);
  const instances: AppInstance[] = [];
  for (const dir of dirs) {
    const own = declared.filter((instance) => instance.dir === dir);
    if (own.length === 0) {
      const name = dir.replace(/-service$/, '');
      instances.push({ name, service: name, dir, port: defaultPort(lab, dir), replica: 1, replicas: 1, env: {}, reads: configKeys(lab, dir) });
      continue;
    }
    for (const instance of own) {
      instances.push({ name: instance.name, service: instance.service, dir, port: instance.port, replica: instance.replica, replicas: instance.replicas, env: { ...instance.env }, reads: configKeys(lab, dir) });
    }
  }
  return {
    labId: id,
    title: lab.meta.title,
    infrastructure: lab.meta.infrastructure,
    kinds: declaredKinds(lab.meta.infrastructure),
    instances,
    databaseOf: (service) => databaseOf(lab.meta.infrastructure, service),
    packageJson: JSON.parse(lab.solution['package.json'] ?? '{}'),
  };
}

export async function readDeployFile(path: string): Promise<string> {
  return readFile(join(DEPLOY_DIR, path), 'utf8');
}
