// The engines' conformance suite (src/sandbox/contract/conformance) on the WebContainer engine,
// with real Node 20 processes behind real ptys (testing/process-container.ts).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { MATERIALIZED_DIR, writeTree } from '../../../../sandboxes/lib/labs.ts';
import { runVitest } from '../../../../sandboxes/lib/vitest-run.ts';
import { runCheckList } from '../../../../sandboxes/lib/checks-core.ts';
import { buildWebContainerDependencies } from '../../../../scripts/webcontainer-deps.ts';
import { websocketServices } from '../../contract/conformance/websocket-fixture.ts';
import { conformanceCases } from '../../contract/conformance/suite.ts';
import { conformanceServices } from '../../contract/conformance/fixture.ts';
import { importChecksSource } from '../../contract/conformance/node-checks.ts';
import { createCheckContext } from '../check-context.ts';
import { canIsolateNetwork, findNode20, ProcessContainer } from './testing/process-container.ts';
import { WebContainerEngine } from './webcontainer-engine.ts';

const available = Boolean(findNode20()) && canIsolateNetwork();
if (!available && process.env.REQUIRE_PROCESS_CONTAINER) throw new Error('The process-backed WebContainer needs Node 20 (/usr/bin/node or NODE20_BINARY), util-linux script/unshare/nsenter and iproute2.');

describe.skipIf(!available)('conformance: WebContainer engine on real Node 20', () => {
  let container: ProcessContainer;
  let engine: WebContainerEngine;

  beforeAll(async () => {
    container = await ProcessContainer.create();
    engine = new WebContainerEngine({
      container,
      dependencies: (await buildWebContainerDependencies()).tree as never,
      root: 'labs/conformance',
      checksRunner: async (self, source, timeoutMs) => runCheckList(await importChecksSource(source), createCheckContext(self), { timeoutMs }),
      // As checks, tests run beside the container (the page's test Worker in a browser; here real
      // Vitest on Node over the same files).
      testsRunner: async (tree, files) => {
        const dir = join(MATERIALIZED_DIR, `wc-tests-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
        await writeTree(tree, dir);
        try {
          return await runVitest(dir, files);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    });
  }, 120_000);
  afterAll(async () => {
    await engine?.dispose();
    container?.teardown();
  });

  afterEach(async () => {
    for (const service of [...conformanceServices, ...websocketServices]) await engine.stop(service.name).catch(() => undefined);
  });

  it.each(conformanceCases.map((c) => [c.name, c] as const))('%s', { timeout: 60_000 }, async (_, testCase) => {
    await testCase.run(engine);
  });
});
