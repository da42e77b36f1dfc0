import { describe, expect, it } from 'vitest';
import { listLabIds } from '../lib/labs.ts';
import { featuresOf, representativeLabIds } from '../lib/representative-labs.ts';

describe('the labs Firefox and WebKit run', () => {
  it('use together every feature any lab uses, and include the complete system', { timeout: 120_000 }, async () => {
    const ids = await listLabIds();
    const everything = new Set<string>();
    for (const id of ids) for (const feature of await featuresOf(id)) everything.add(feature);
    const chosen = await representativeLabIds();
    const covered = new Set<string>();
    for (const { id } of chosen) for (const feature of await featuresOf(id)) covered.add(feature);
    expect([...everything].filter((feature) => !covered.has(feature))).toEqual([]);
    expect(chosen.map((lab) => lab.id)).toContain(ids.at(-1));
    // Each kind of emulated server and the WebSocket path are among them.
    expect([...covered]).toEqual(expect.arrayContaining(['infrastructure:rabbitmq', 'infrastructure:kafka', 'infrastructure:redis', 'infrastructure:postgres', 'websocket', 'replicas', 'checks:ctx.runTests']));
  });
});
