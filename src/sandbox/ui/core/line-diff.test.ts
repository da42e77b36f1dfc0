import { describe, expect, it } from 'vitest';
import { diffHunks, diffLines, diffTrees } from './line-diff.ts';

const apply = (lines: ReturnType<typeof diffLines>, side: 'old' | 'new') =>
  lines.filter((l) => l.kind === 'same' || l.kind === (side === 'old' ? 'removed' : 'added')).map((l) => l.text);

describe('diffLines', () => {
  it('marks a changed line as removed then added, keeping line numbers', () => {
    const lines = diffLines('a\nb\nc\n', 'a\nB\nc\n');
    expect(lines).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'removed', text: 'b', oldLine: 2 },
      { kind: 'added', text: 'B', newLine: 2 },
      { kind: 'same', text: 'c', oldLine: 3, newLine: 3 },
    ]);
  });

  it('rebuilds both texts from any diff', () => {
    const before = 'import x\n\nconst a = 1;\nconst b = 2;\nexport { a, b };\n';
    const after = 'import x\nimport y\n\nconst a = 1;\nexport { a };\nexport default a;\n';
    const lines = diffLines(before, after);
    expect(apply(lines, 'old')).toEqual(before.trimEnd().split('\n'));
    expect(apply(lines, 'new')).toEqual(after.trimEnd().split('\n'));
  });

  it('handles empty sides', () => {
    expect(diffLines('', 'x\ny')).toEqual([
      { kind: 'added', text: 'x', newLine: 1 },
      { kind: 'added', text: 'y', newLine: 2 },
    ]);
    expect(diffLines('x', '')).toEqual([{ kind: 'removed', text: 'x', oldLine: 1 }]);
    expect(diffLines('same', 'same').every((l) => l.kind === 'same')).toBe(true);
  });
});

describe('diffHunks', () => {
  it('keeps 3 lines of context and splits distant changes', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 2\n', 'line two\n').replace('line 25\n', 'line twenty-five\n');
    const hunks = diffHunks(diffLines(before, after));
    expect(hunks).toHaveLength(2);
    expect(hunks[0]!.lines[0]).toMatchObject({ kind: 'same', text: 'line 1' });
    expect(hunks[1]!.lines.at(0)).toMatchObject({ text: 'line 22' });
    expect(hunks[1]!.lines.at(-1)).toMatchObject({ text: 'line 28' });
  });
});

describe('diffTrees', () => {
  it('lists only changed files with counts and status', () => {
    const changes = diffTrees({ 'a.ts': '1\n2', 'same.ts': 'x', 'gone.ts': 'g' }, { 'a.ts': '1\n3', 'same.ts': 'x', 'new.ts': 'n' });
    expect(changes.map((c) => [c.path, c.status, c.added, c.removed])).toEqual([
      ['a.ts', 'modified', 1, 1],
      ['gone.ts', 'removed', 0, 1],
      ['new.ts', 'added', 1, 0],
    ]);
  });
});
