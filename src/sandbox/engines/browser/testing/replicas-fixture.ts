// A service run as 3 replicas plus a gateway that reaches them by the ports in its env, for the
// replicas tests: the browser engine (e2e/sandbox-infra-panel.spec.ts, with the infrastructure
// fixture beside it) and the Node runner (sandboxes/test/replicas.test.ts: separate processes).
import type { FileTree, ServiceSpec } from '../../../contract/index.ts';

const files = import.meta.glob<string>(['./replicas-lab/*/src/**/*.ts', './replicas-lab/package.json'], { query: '?raw', import: 'default', eager: true });

export const replicasFixtureTree: FileTree = Object.fromEntries(Object.entries(files).map(([path, source]) => [path.replace('./replicas-lab/', ''), source]));

/** Same shape as lab.yaml's services: tracking-1..3 on 3110, 3120, 3130. */
export const replicasFixtureServices: ServiceSpec[] = [
  { name: 'tracking', dir: 'tracking', port: 3110, env: {}, replicas: 3 },
  { name: 'gateway', dir: 'gateway', port: 3105, env: { REPLICA_URLS: 'http://localhost:3110,http://localhost:3120,http://localhost:3130' } },
];
