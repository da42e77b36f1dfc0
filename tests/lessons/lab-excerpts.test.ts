// Lessons show lab code through <LabCode lab file lines>. A line range cannot follow the code:
// when a lab file changes, an excerpt may silently show other lines. This test pins what every
// ranged excerpt shows (first and last line, length, hash) in a snapshot. When it fails, open the
// lesson, check that the excerpt still shows the code the prose talks about (fix `lines` if not),
// then accept the new snapshot with `npx vitest run tests/lessons -u`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labFile, sliceLines, type LabVariant } from '../../src/lib/labs.ts';

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
