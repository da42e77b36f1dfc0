// The copy report (sandboxes/lib/overlay-copies.ts): each file that several overlays carry, with its
// copies down the chain. The copies of one file must never be identical to the version they replace
// (such a copy only multiplies the places a fix has to reach).
import { describe, expect, it } from 'vitest';
import { formatCopyReport, lineChanges, overlayCopyChains } from '../lib/overlay-copies.ts';

describe('overlay copies', () => {
  it('counts changed lines as multisets', () => {
    expect(lineChanges('a\nb\nc', 'a\nB\nc\nd')).toEqual({ added: 2, removed: 1 });
    expect(lineChanges('x', 'x')).toEqual({ added: 0, removed: 0 });
  });

  it("lists every file's copies down the chain, Order.ts among them", async () => {
    const chains = await overlayCopyChains();
    const order = chains.find((chain) => chain.path === 'orders-service/src/Orders/domain/Order.ts');
    expect(order?.copies.map((copy) => copy.lab)).toEqual(expect.arrayContaining(['lab-06-hexagonal', 'lab-08-agregado', 'lab-10-event-sourcing']));
    const report = formatCopyReport(chains);
    expect(report).toContain('orders-service/src/Orders/domain/Order.ts\n  lab-06-hexagonal');
    expect(chains.length).toBeGreaterThan(10);
  });

  it('no copy is identical to the version it replaces', async () => {
    const identical = (await overlayCopyChains()).flatMap(({ copies }) =>
      copies.filter((copy) => copy.replaces && copy.added === 0 && copy.removed === 0).map((copy) => `sandboxes/labs/${copy.stored}`),
    );
    expect(identical).toEqual([]);
  });
});
