// Every lab through the WebContainer engine's own code path, on real Node 20 (WebContainer's
// default): the engine mounts the pre-built node_modules, the lab, its helper and the strip-types
// hooks into a process-backed container (testing/process-container.ts: real processes behind real
// pseudo-terminals, a private loopback), runs the smoke step, starts the services with the exact
// command line it would spawn in the browser, and runs the lab's checks through its helper.
// Promise of every lab, as in sandboxes/test/chain.test.ts: the start fails, the solution passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckList } from '../../../../sandboxes/lib/checks-core.ts';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { listLabIds, loadLab, MATERIALIZED_DIR, writeTree } from '../../../../sandboxes/lib/labs.ts';
import { runVitest } from '../../../../sandboxes/lib/vitest-run.ts';
import { loadChecks } from '../../../../sandboxes/lib/node-runner.ts';
import { buildWebContainerDependencies } from '../../../../scripts/webcontainer-deps.ts';
import { createCheckContext } from '../check-context.ts';
import { pgliteFiles } from './testing/pglite-files.ts';
import { canIsolateNetwork, findNode20, ProcessContainer } from './testing/process-container.ts';
import { WebContainerEngine } from './webcontainer-engine.ts';

const available = Boolean(findNode20()) && canIsolateNetwork();
if (!available && process.env.REQUIRE_PROCESS_CONTAINER) throw new Error('The process-backed WebContainer needs Node 20 (/usr/bin/node or NODE20_BINARY), util-linux script/unshare/nsenter and iproute2.');
const ids = available ? await listLabIds() : [];
// A check that runs the lab's own tests (ctx.runTests, labs 24-25) declares a longer limit: its lab gets that time on top.
const extraMs = new Map(await Promise.all(ids.map(async (id) => [id, (await loadChecks(id)).reduce((sum, check) => sum + (check.timeoutMs ?? 0), 0)] as const)));
const timeoutOf = (id: string) => 300_000 + (extraMs.get(id) ?? 0);
const report = (results: Array<{ name: string; ok: boolean; message?: string }>) =>
  results.map((result) => `${result.ok ? '✔' : '✘'} ${result.name}${result.ok ? '' : ` → ${result.message}`}`).join('\n');

describe.skipIf(!available)('every lab through the WebContainer engine on real Node 20', () => {
  let container: ProcessContainer;
  let dependencies: Awaited<ReturnType<typeof buildWebContainerDependencies>>['tree'];

  beforeAll(async () => {
    container = await ProcessContainer.create();
    dependencies = (await buildWebContainerDependencies()).tree;
  }, 120_000);
  afterAll(() => container?.teardown());

  async function checksThrough(id: string, variant: 'start' | 'solution') {
    const lab = await loadLab(id);
    const checks = await loadChecks(id);
    const engine = new WebContainerEngine({
      container,
      dependencies: dependencies as never,
      root: `labs/${id}`,
      pglite: pgliteFiles,
      checksRunner: (self, _source, timeoutMs) => runCheckList(checks, createCheckContext(self), { timeoutMs }),
      // The page gives the engine the browser's test Worker; here real Vitest over the same tree
      // (labs 24-25's checks run the learner's tests, some against a mutant).
      testsRunner: async (tree, files) => {
        await mkdir(MATERIALIZED_DIR, { recursive: true });
        const dir = await mkdtemp(join(MATERIALIZED_DIR, 'wc-tests-'));
        try {
          await writeTree(tree, dir);
          return await runVitest(dir, files, { limitMs: 50_000 });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    });
    const services = lab.meta.services.map((service) => ({ ...service, env: { ...service.env, PASSWORD_HASH_ITERATIONS: '1000' } }));
    try {
      await engine.mount(lab[variant], services, { infrastructure: lab.meta.infrastructure });
      for (const service of services) await engine.start(service.name);
      return await engine.runChecks('');
    } finally {
      await engine.dispose();
    }
  }

  describe.each(ids)('%s', (id) => {
    it('passes every check on the solution', { timeout: timeoutOf(id) }, async () => {
      const results = await checksThrough(id, 'solution');
      expect(results.length).toBeGreaterThan(0);
      expect(results.every((result) => result.ok), report(results)).toBe(true);
    });

    it('fails at least one check on the start', { timeout: timeoutOf(id) }, async () => {
      const results = await checksThrough(id, 'start');
      if (process.env.SHOW_REPORTS) console.log(id, report(results));
      expect(results.some((result) => !result.ok), report(results)).toBe(true);
    });
  });
});
