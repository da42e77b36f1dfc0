// Extracts the fenced code blocks of the lessons, for the type-check test.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface CodeBlock {
  file: string;
  /** 1-based line of the block's first code line in the MDX file. */
  line: number;
  lang: string;
  meta: string;
  code: string;
}

export function extractCodeBlocks(file: string, source: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = source.split('\n');
  let open: { fence: string; lang: string; meta: string; start: number; body: string[] } | undefined;
  lines.forEach((text, index) => {
    const trimmed = text.trim();
    if (!open) {
      const match = /^(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/.exec(trimmed);
      if (match) open = { fence: match[1]!, lang: match[2]!, meta: match[3]!, start: index + 2, body: [] };
      return;
    }
    if (trimmed.startsWith(open.fence) && trimmed.replace(/[`~]/g, '') === '') {
      blocks.push({ file, line: open.start, lang: open.lang, meta: open.meta, code: open.body.join('\n') });
      open = undefined;
      return;
    }
    open.body.push(text);
  });
  return blocks;
}

export function lessonFiles(root: string): string[] {
  const dir = join(root, 'content/temas');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => join('content/temas', file));
}

export function lessonBlocks(root: string): CodeBlock[] {
  return lessonFiles(root).flatMap((file) => extractCodeBlocks(file, readFileSync(join(root, file), 'utf8')));
}

/** TypeScript blocks that must compile: ts/typescript fences not marked `pseudo`. */
export const mustTypeCheck = (block: CodeBlock) => ['ts', 'typescript'].includes(block.lang) && !/\bpseudo\b/.test(block.meta);
