// The dependency rule of the hexagonal labs, checked with dependency-cruiser on the resolved
// trees: domain imports nothing from application or infrastructure; application nothing from
// infrastructure. Plus: the trees type-check with their own tsconfig, and the learner's own tests
// (Vitest, as the Node engine's Tests tab runs them) pass.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cruise } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { typeStrippingNode } from '../lib/node-runner.ts';
import { runVitest } from '../lib/vitest-run.ts';
import { materialize } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';

const run = promisify(execFile);
const trees: MaterializedTree[] = [];
afterAll(async () => {
  await Promise.all(trees.map((tree) => tree.remove()));
});

const layered = (from: string, to: string, name: string) => ({ name, severity: 'error' as const, from: { path: `/${from}/` }, to: { path: `/(${to})/` } });

async function violationsOf(dir: string): Promise<string[]> {
  const result = await cruise(
    ['orders-service/src'],
    {
      baseDir: dir,
      validate: true,
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      ruleSet: {
        forbidden: [
          layered('domain', 'application|infrastructure', 'domain-is-independent'),
          layered('application', 'infrastructure', 'application-knows-no-adapters'),
        ],
      },
    },
    { extensions: ['.ts', '.js'] },
  );
  const output = result.output as { summary: { violations: Array<{ from: string; to: string; rule: { name: string } }>; totalCruised: number } };
  expect(output.summary.totalCruised).toBeGreaterThan(20);
  return output.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
}

describe.each(['lab-06-hexagonal', 'lab-07-adaptador', 'lab-08-agregado', 'lab-09-cqrs', 'lab-10-event-sourcing', 'lab-14-consumidor-idempotente', 'lab-16-seguimiento-websocket', 'lab-18-versionado-api'])('%s solution', (id) => {
  it('follows the dependency rule', { timeout: 60_000 }, async () => {
    const tree = await materialize(id, 'solution');
    trees.push(tree);
    expect(await violationsOf(tree.dir)).toEqual([]);
  });
});

describe('the dependency rule check', () => {
  it('catches a domain file that imports an adapter', { timeout: 60_000 }, async () => {
    const tree = await materialize('lab-06-hexagonal', 'solution');
    trees.push(tree);
    const { appendFile } = await import('node:fs/promises');
    await appendFile(
      join(tree.dir, 'orders-service/src/Orders/domain/Order.ts'),
      "\nimport { InMemoryOrderRepository } from '../infrastructure/InMemoryOrderRepository.ts';\nvoid InMemoryOrderRepository;\n",
    );
    expect(await violationsOf(tree.dir)).toEqual([
      'domain-is-independent: orders-service/src/Orders/domain/Order.ts → orders-service/src/Orders/infrastructure/InMemoryOrderRepository.ts',
    ]);
  });
});

describe('lab trees as the learner gets them', () => {
  // lab-10's tree also carries auth-service (lab 3) and products-service (lab 4).
  it.each(['lab-01-monolito', 'lab-10-event-sourcing', 'lab-14-consumidor-idempotente', 'lab-15-kafka-grupos', 'lab-17-replicas-redis-pubsub', 'lab-18-versionado-api', 'lab-19-cache-aside', 'lab-20-replicas-balanceo', 'lab-21-pedidos-postgres', 'lab-22-saga-pedido', 'lab-23-outbox', 'lab-25-contrato', 'lab-26-logs-correlacion', 'lab-27-metricas', 'lab-29-proyecto-final'])('%s solution type-checks (erasable syntax only)', { timeout: 120_000 }, async (id) => {
    const tree = await materialize(id, 'solution');
    trees.push(tree);
    const tsc = join(import.meta.dirname, '../../node_modules/typescript/bin/tsc');
    const result = await run(typeStrippingNode(), [tsc, '-p', tree.dir], { cwd: tree.dir }).catch((error: { stdout: string }) => error);
    expect('stdout' in result ? result.stdout : '').toBe('');
  });

  it('runs the learner-facing tests of orders-service with real Vitest', { timeout: 60_000 }, async () => {
    const tree = await materialize('lab-10-event-sourcing', 'solution');
    trees.push(tree);
    const result = await runVitest(tree.dir);
    expect(result.files.map((file) => [file.file, file.state])).toEqual([
      ['orders-service/test/Orders/application/OrderCreator.test.ts', 'pass'],
      ['orders-service/test/Orders/domain/Order.test.ts', 'pass'],
      ['orders-service/test/Orders/infrastructure/EventSourcedOrderRepository.test.ts', 'pass'],
    ]);
    expect([result.passed, result.failed]).toEqual([12, 0]);
  });

  it.each([
    ['start', 2],
    ['solution', 0],
  ] as const)("runs lab 22's saga and lifecycle tests with real Vitest: on the %s, %i fail (the compensations)", { timeout: 60_000 }, async (variant, failing) => {
    const tree = await materialize('lab-22-saga-pedido', variant);
    trees.push(tree);
    const result = await runVitest(tree.dir, ['orders-service/test/Orders/application/OrderPlacementSaga.test.ts', 'orders-service/test/Orders/domain/OrderLifecycle.test.ts']);
    expect(result.files.map((file) => [file.file, file.state])).toEqual([
      ['orders-service/test/Orders/application/OrderPlacementSaga.test.ts', failing > 0 ? 'fail' : 'pass'],
      ['orders-service/test/Orders/domain/OrderLifecycle.test.ts', 'pass'],
    ]);
    expect([result.passed, result.failed]).toEqual([10 - failing, failing]);
  });

  it("runs lab 15's read-model tests (reporting-service) with real Vitest on the start (the solution leaves them as they are)", { timeout: 60_000 }, async () => {
    const tree = await materialize('lab-15-kafka-grupos', 'start');
    trees.push(tree);
    const result = await runVitest(tree.dir, ['reporting-service/test/CustomerOrdersProjection.test.ts']);
    expect(result.files.map((file) => [file.file, file.state])).toEqual([['reporting-service/test/CustomerOrdersProjection.test.ts', 'pass']]);
    expect([result.passed, result.failed]).toEqual([3, 0]);
  });
});
