import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, LIMITS, normalizeLayout, parseLayout, parseOpenTabs, readLayout, saveLayout } from './lab-layout.ts';

describe('lab-mode layout', () => {
  it('falls back to the defaults on missing, damaged or wrongly typed data', () => {
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('{not json')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('{"steps":"wide","result":null,"stepsHidden":"yes"}')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('[1,2]')).toEqual(DEFAULT_LAYOUT);
  });

  it('replaces out-of-range widths with the defaults and always leaves the code room', () => {
    expect(parseLayout('{"steps":0.9,"result":0.95,"stepsHidden":false}')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('{"steps":-3,"result":0.3}')).toEqual({ ...DEFAULT_LAYOUT, result: 0.3 });
    const layout = parseLayout('{"steps":0.4,"result":0.6,"stepsHidden":false}');
    expect(1 - layout.steps - layout.result).toBeGreaterThanOrEqual(LIMITS.code - 1e-9);
    expect(normalizeLayout({ steps: 0.9, result: 0.1, stepsHidden: false, treeHidden: false })).toEqual({ steps: LIMITS.steps[1], result: LIMITS.result[0], stepsHidden: false, treeHidden: false });
    expect(normalizeLayout({ steps: 0.4, result: 0.6, stepsHidden: true, treeHidden: false }).result).toBe(0.6);
  });

  it('round-trips through storage', () => {
    const data = new Map<string, string>();
    const store = { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) };
    saveLayout({ steps: 0.25, result: 0.4, stepsHidden: true, treeHidden: true }, store);
    expect(readLayout(store)).toEqual({ steps: 0.25, result: 0.4, stepsHidden: true, treeHidden: true });
    // A layout stored before the tree could be hidden shows the tree.
    expect(parseLayout('{"steps":0.25,"result":0.4,"stepsHidden":false}').treeHidden).toBe(false);
  });

  it('keeps only open tabs of files the lab has', () => {
    const files = new Set(['a.ts', 'b.ts']);
    expect(parseOpenTabs('{"open":["a.ts","gone.ts","a.ts",3],"selected":"gone.ts"}', files)).toEqual({ open: ['a.ts'], selected: 'a.ts' });
    expect(parseOpenTabs('{"open":["b.ts","a.ts"],"selected":"a.ts"}', files)).toEqual({ open: ['b.ts', 'a.ts'], selected: 'a.ts' });
    expect(parseOpenTabs('{"open":[]}', files)).toBeUndefined();
    expect(parseOpenTabs('oops', files)).toBeUndefined();
  });
});
