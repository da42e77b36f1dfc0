// Lessons show lab code through <LabCode lab file region>: a named region marked in the lab file
// (`// #region name` … `// #endregion name`), so an excerpt moves with the code it shows. Line
// ranges are gone (they silently showed other lines once a file changed); a missing, unclosed or
// repeated region fails here and in the build, naming the lesson, the lab and the file.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { excerptOf, extractRegion, labFile, regionsOf, withoutRegionMarkers, type LabVariant } from '../../src/lib/labs.ts';

const root = join(import.meta.dirname, '../..');
const lessonsDir = join(root, 'content/temas');
const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

const excerpts = readdirSync(lessonsDir)
  .filter((file) => file.endsWith('.mdx'))
  .sort()
  .flatMap((lesson) =>
    [...readFileSync(join(lessonsDir, lesson), 'utf8').matchAll(/<LabCode\b[^>]*\/>/g)].map(([tag]) => ({
      lesson,
      tag,
      lab: attribute(tag, 'lab')!,
      file: attribute(tag, 'file')!,
      region: attribute(tag, 'region'),
      variant: (attribute(tag, 'variant') ?? 'solution') as LabVariant,
    })),
  );

/** Every file under sandboxes/labs/<id>/{start,solution}/, with its text. */
function overlayFiles(): Array<{ path: string; text: string }> {
  const labsDir = join(root, 'sandboxes/labs');
  return readdirSync(labsDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\/(start|solution)(\/|$)/.test(join(entry.parentPath, entry.name).slice(labsDir.length)))
    .map((entry) => {
      const absolute = join(entry.parentPath, entry.name);
      return { path: relative(root, absolute), text: readFileSync(absolute, 'utf8') };
    });
}

describe('regions', () => {
  const text = ['a', '  // #region outer', '  b', '  // #region inner', '    c', '  // #endregion inner', '  d', '  // #endregion outer', 'e'].join('\n');

  it('extracts a region without markers and without its common indentation', () => {
    expect(extractRegion(text, 'outer')).toBe('b\n  c\nd');
    expect(extractRegion(text, 'inner')).toBe('c');
    expect(withoutRegionMarkers(text)).toBe('a\n  b\n    c\n  d\ne');
    expect(excerptOf(`${text}\n`, undefined, 'x')).toBe('a\n  b\n    c\n  d\ne');
  });

  it('supports overlapping regions, closed by name', () => {
    const overlapping = ['// #region one', 'a', '// #region two', 'b', '// #endregion one', 'c', '// #endregion two'].join('\n');
    expect(extractRegion(overlapping, 'one')).toBe('a\nb');
    expect(extractRegion(overlapping, 'two')).toBe('b\nc');
  });

  it('fails naming the file, the line and the region', () => {
    expect(() => extractRegion(text, 'missing', 'lab x.ts')).toThrow('lab x.ts: no tiene la región "missing"');
    expect(() => regionsOf('// #region a\nb', 'x.ts')).toThrow('x.ts:1: la región "a" no se cierra');
    expect(() => regionsOf('b\n// #endregion a', 'x.ts')).toThrow('x.ts:2: «#endregion a» sin su «#region a»');
    expect(() => regionsOf('// #region a\n// #endregion a\n// #region a\n// #endregion a', 'x.ts')).toThrow('x.ts:3: la región "a" está repetida');
    expect(() => regionsOf('// #region\n', 'x.ts')).toThrow('x.ts:1: «// #region» necesita un nombre');
    expect(() => extractRegion('// #region a\n\n// #endregion a', 'a', 'x.ts')).toThrow('la región "a" está vacía');
  });
});

describe('lab excerpts in lessons', () => {
  it('finds the excerpts, and none uses a line range', () => {
    expect(excerpts.filter((e) => e.region).length).toBeGreaterThan(80);
    expect(excerpts.filter((e) => /\blines=/.test(e.tag)).map((e) => `content/temas/${e.lesson}: ${e.tag}`)).toEqual([]);
  });

  it('every excerpt resolves to code', async () => {
    const problems: string[] = [];
    for (const { lesson, lab, file, region, variant } of excerpts) {
      try {
        const code = excerptOf(await labFile(lab, variant, file), region, `${lab} (${variant}) ${file}`);
        if (code.trim() === '') problems.push(`content/temas/${lesson} → ${file}#${region}: vacío`);
      } catch (error) {
        problems.push(`content/temas/${lesson} → ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every region marker in the labs is well formed and shown by some lesson', () => {
    const used = new Set(excerpts.flatMap((e) => (e.region ? [`${e.file}#${e.region}`] : [])));
    const problems: string[] = [];
    for (const { path, text } of overlayFiles()) {
      let regions: Map<string, unknown>;
      try {
        regions = regionsOf(text, path);
      } catch (error) {
        problems.push((error as Error).message);
        continue;
      }
      const file = path.replace(/^sandboxes\/labs\/[^/]+\/(start|solution)\//, '');
      for (const name of regions.keys()) if (!used.has(`${file}#${name}`)) problems.push(`${path}: la región "${name}" no la muestra ninguna lección (bórrala)`);
    }
    expect(problems).toEqual([]);
  });
});
