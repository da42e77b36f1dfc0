// The engines' conformance suite (src/sandbox/contract/conformance) on the WebContainer engine,
// with real Node 20 processes behind real ptys (testing/process-container.ts).
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
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
