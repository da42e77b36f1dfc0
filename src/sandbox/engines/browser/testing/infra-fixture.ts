// A two-service Foodly system that uses real infrastructure through the real client libraries
// (amqplib, ioredis, pg), for the engines' infrastructure tests: the same files run in the browser
// engine (e2e/sandbox-infrastructure.spec.ts, against the in-page hosts) and through the Node
// runner against the machine's RabbitMQ, Redis and PostgreSQL (sandboxes/test/infrastructure.test.ts).
// The sources live as real files in ./infra-lab/ so they type-check as learner code would.
import type { FileTree, InfrastructureSpec, ServiceSpec } from '../../../contract/index.ts';
import checksSource from './infra-lab/checks.ts?raw';

const files = import.meta.glob<string>(['./infra-lab/*/src/**/*.ts', './infra-lab/package.json'], { query: '?raw', import: 'default', eager: true });

/** checks.ts of the fixture (the scenario both engines must pass). */
export const infraFixtureChecks: string = checksSource;

export const infraFixtureTree: FileTree = Object.fromEntries(Object.entries(files).map(([path, source]) => [path.replace('./infra-lab/', ''), source]));

export const infraFixtureServices: ServiceSpec[] = [
  { name: 'orders', dir: 'orders', port: 3101, env: {} },
  { name: 'notifications', dir: 'notifications', port: 3102, env: {} },
];

/** What its lab.yaml would declare. */
export const infraFixtureInfrastructure: InfrastructureSpec = {
  rabbitmq: true,
  redis: true,
  postgres: { databases: { orders: 'orders' } },
};
