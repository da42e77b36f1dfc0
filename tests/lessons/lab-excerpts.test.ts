// Lessons show lab code through <LabCode lab file lines>. A line range cannot follow the code:
// when a lab file changes, an excerpt may silently show other lines. This test pins what every
// ranged excerpt shows (first and last line, length, hash) in a snapshot. When it fails, open the
// lesson, check that the excerpt still shows the code the prose talks about (fix `lines` if not),
// then accept the new snapshot with `npx vitest run tests/lessons -u`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labFile, sliceLines, sliceRegion, type LabVariant } from '../../src/lib/labs.ts';

const lessonsDir = join(import.meta.dirname, '../../content/temas');
const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

const excerpts = readdirSync(lessonsDir)
  .filter((file) => file.endsWith('.mdx'))
  .sort()
  .flatMap((lesson) =>
    [...readFileSync(join(lessonsDir, lesson), 'utf8').matchAll(/<LabCode\b[^>]*\/>/g)].map(([tag]) => ({
      lesson,
      lab: attribute(tag, 'lab')!,
      file: attribute(tag, 'file')!,
      lines: attribute(tag, 'lines'),
      variant: (attribute(tag, 'variant') ?? 'solution') as LabVariant,
    })),
  )
  .filter((excerpt) => excerpt.lines !== undefined);

describe('lab excerpts in lessons', () => {
  it('finds the ranged excerpts', () => {
    expect(excerpts.length).toBeGreaterThan(50);
  });

  it('still show the lines they showed when the lesson was written', async () => {
    const shown: Record<string, string> = {};
    for (const { lesson, lab, file, lines, variant } of excerpts) {
      const text = sliceLines(await labFile(lab, variant, file), lines);
      const rows = text.split('\n');
      const hash = createHash('sha256').update(text).digest('hex').slice(0, 10);
      shown[`${lesson} · ${lab} (${variant}) ${file}:${lines}`] = `${rows.length} líneas ${hash} | ${rows[0]!.trim()} … ${rows.at(-1)!.trim()}`;
    }
    expect(shown).toMatchSnapshot();
  });
});

// Named regions follow the code, so they need no snapshot; they only need to exist and to be
// non-empty (a renamed or deleted region fails here, naming the lesson).
const regionExcerpts = readdirSync(lessonsDir)
  .filter((file) => file.endsWith('.mdx'))
  .sort()
  .flatMap((lesson) =>
    [...readFileSync(join(lessonsDir, lesson), 'utf8').matchAll(/<LabCode\b[^>]*\/>/g)].map(([tag]) => ({
      lesson,
      lab: attribute(tag, 'lab')!,
      file: attribute(tag, 'file')!,
      region: attribute(tag, 'region'),
      variant: (attribute(tag, 'variant') ?? 'solution') as LabVariant,
    })),
  )
  .filter((excerpt) => excerpt.region !== undefined);

describe('named-region excerpts in lessons', () => {
  it.each(regionExcerpts.map((excerpt) => [`${excerpt.lesson} · ${excerpt.file}#${excerpt.region}`, excerpt] as const))('%s exists and shows code', async (_, { lab, file, region, variant }) => {
    const text = sliceRegion(await labFile(lab, variant, file), region!);
    expect(text.trim().length).toBeGreaterThan(0);
    expect(text).not.toMatch(/#(end)?region/);
  });

  it('sliceRegion drops nested markers, dedents and names a missing region', () => {
    const source = ['x', '  // #region outer', '  a', '  // #region inner', '    b', '  // #endregion', '  // #endregion', 'y'].join('\n');
    expect(sliceRegion(source, 'outer')).toBe('a\n  b');
    expect(sliceRegion(source, 'inner')).toBe('b');
    expect(() => sliceRegion(source, 'nope')).toThrow(/nope/);
  });
});
