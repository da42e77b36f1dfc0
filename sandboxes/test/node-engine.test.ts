// The engines' conformance suite (src/sandbox/contract/conformance) on the Node engine: the same
// cases the browser engine passes in Chromium and the WebContainer engine on Node 20.
import { afterAll, afterEach, describe, it } from 'vitest';
import { conformanceServices } from '../../src/sandbox/contract/conformance/fixture.ts';
import { websocketServices } from '../../src/sandbox/contract/conformance/websocket-fixture.ts';
import { conformanceCases } from '../../src/sandbox/contract/conformance/suite.ts';
import { NodeEngine } from '../lib/node-engine.ts';

describe('conformance: Node engine', () => {
  const engine = new NodeEngine();
  afterEach(async () => {
    for (const service of [...conformanceServices, ...websocketServices]) await engine.stop(service.name).catch(() => undefined);
  });
  afterAll(() => engine.dispose());

  it.each(conformanceCases.map((c) => [c.name, c] as const))('%s', { timeout: 60_000 }, async (_, testCase) => {
    await testCase.run(engine);
  });
});
