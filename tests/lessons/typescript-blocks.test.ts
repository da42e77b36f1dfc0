// Every ```ts block in a lesson is a complete module that type-checks against the real hono and
// zod types (strict, erasable syntax only), or is marked ```ts pseudo. A learner who copies a block
// gets code that compiles.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/content.ts';
import { extractCodeBlocks, lessonBlocks, lessonFiles, mustTypeCheck } from './code-blocks.ts';

describe('extractCodeBlocks', () => {
  it('finds fences with their language, meta and first line', () => {
    const source = 'texto\n\n```ts pseudo\nconst a = 1;\n```\n\n````python\nprint(1)\n````\n';
    expect(extractCodeBlocks('x.mdx', source)).toEqual([
      { file: 'x.mdx', line: 4, lang: 'ts', meta: 'pseudo', code: 'const a = 1;' },
      { file: 'x.mdx', line: 8, lang: 'python', meta: '', code: 'print(1)' },
    ]);
  });
});

describe('lesson TypeScript blocks', () => {
  const blocks = lessonBlocks(root).filter(mustTypeCheck);

  // Never skip when nothing is found: a broken extractor (or lessons moved elsewhere) would then
  // pass. Every ```ts fence of the lessons, counted by a plain line scan, must reach the check.
  it('finds every ts fence of the lessons', () => {
    const fences = lessonFiles(root).flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (/^\s*(`{3,}|~{3,})\s*(ts|typescript)(\s|$)/.test(line) && !/\bpseudo\b/.test(line) ? [`${file}:${index + 2}`] : [])),
    );
    expect(fences.length).toBeGreaterThanOrEqual(10);
    expect(blocks.map((block) => `${block.file}:${block.line}`)).toEqual(fences);
  });

  // tsc over every block takes a few seconds alone, much longer on a loaded machine.
  it('type-check (or are marked pseudo)', { timeout: 180_000 }, () => {
    expect(blocks.length).toBeGreaterThan(0);
    const dir = join(root, '.lesson-blocks');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const names = blocks.map((block, index) => {
      const name = `block-${String(index).padStart(3, '0')}.ts`;
      // `export {}` makes every block its own module, so names never clash between blocks.
      writeFileSync(join(dir, name), `${block.code}\nexport {};\n`);
      return name;
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true,
          skipLibCheck: true, allowImportingTsExtensions: true, erasableSyntaxOnly: true, verbatimModuleSyntax: false,
          lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: ['node'], noUnusedLocals: false,
        },
        files: names,
      }),
    );
    let output = '';
    try {
      execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    // Map "block-007.ts(3,5): error TS…" back to the lesson file and line.
    const problems = output
      .split('\n')
      .map((line) => /block-(\d+)\.ts\((\d+),(\d+)\): (.*)/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => {
        const block = blocks[Number(match[1])]!;
        return `${block.file}:${block.line + Number(match[2]) - 1}:${match[3]} ${match[4]}`;
      });
    expect(problems, 'Corrige el bloque o márcalo como ```ts pseudo').toEqual([]);
    expect(output.trim() === '' || problems.length > 0, output).toBe(true);
  });
});
