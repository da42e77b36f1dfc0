// One term per concept: content/glosario.yaml names the course's term (and its English original),
// and `avoid` lists the other spellings. Those must not appear in the prose of lessons, quizzes and
// the glossary's definitions. Code (fences, `inline`, components' attributes), quotes («…», "…")
// and the English original in italics (*handler*, how the lessons introduce a term) are left aside.
// A few everyday words that are not glossary concepts follow the same rule (EVERYDAY below).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { glossaryTermSchema } from '../../src/content/schemas.ts';
import { root } from '../support/content.ts';

/** Everyday words: one spelling for the whole course (neutral Spanish). */
const EVERYDAY: Array<{ term: string; avoid: string[] }> = [
  { term: 'archivo', avoid: ['fichero', 'ficheros'] },
  { term: 'contraseña', avoid: ['password', 'passwords'] },
];

const glossary = (parse(readFileSync(join(root, 'content/glosario.yaml'), 'utf8')) as unknown[]).map((entry) => glossaryTermSchema.parse(entry));
const rules = [...glossary.filter((entry) => entry.avoid.length > 0).map((entry) => ({ term: entry.term, avoid: entry.avoid })), ...EVERYDAY];

/** Names that keep their English word because it is the literal name of the thing. */
const PROPER_NAMES = [/flujo password/gi, /password grant/gi, /grant_type=password/gi];

/** The prose of an MDX lesson, line by line (same line numbers), without code, components, links' targets or quotes. */
export function proseOf(source: string): string[] {
  let fence: string | undefined;
  const lines = source.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return '';
    }
    if (marker) {
      fence = marker;
      return '';
    }
    return line;
  });
  // Italics may span lines: strip them over the whole text, keeping its line breaks.
  return stripInline(lines.join('\n')).split('\n');
}

function stripInline(text: string): string {
  const blank = (span: string) => span.replace(/[^\n]/g, ' ');
  let prose = text.replace(/`[^`\n]*`/g, blank).replace(/\*\*/g, '  ');
  prose = prose.replace(/(?<![\p{L}*])\*(?!\s)[^*]+?\*(?![\p{L}*])/gu, blank); // *English original*
  for (const name of PROPER_NAMES) prose = prose.replace(name, blank);
  return prose
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ') // components and HTML tags, with their attributes
    .replace(/\[[^\]\n]*\]\(https?:[^)]*\)/g, blank) // cited sources keep their own titles
    .replace(/\]\([^)]*\)/g, blank) // link targets
    .replace(/https?:\/\/\S+/g, blank)
    .replace(/«[^»]*»/g, blank)
    .replace(/"[^"\n]*"/g, blank);
}

function findAvoided(text: string, where: (index: number) => string): string[] {
  const hits: string[] = [];
  for (const { term, avoid } of rules) {
    for (const word of avoid) {
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`, 'giu');
      for (const match of text.matchAll(pattern)) hits.push(`${where(match.index)}: «${match[0]}» → usa «${term}» (content/glosario.yaml)`);
    }
  }
  return hits;
}

const lessonsDir = join(root, 'content/temas');
const quizzesDir = join(root, 'content/quizzes');

describe('terminology', () => {
  it('the glossary names the English original of the Spanish terms it chose', () => {
    const objetoDeValor = glossary.find((entry) => entry.term === 'Objeto de valor');
    expect(objetoDeValor?.english).toBe('value object');
    expect(rules.length).toBeGreaterThanOrEqual(6);
  });

  it('proseOf leaves code, components, quotes and italic originals aside', () => {
    const lines = proseOf('Un handler y un `handler`.\n```ts\nconst handler = 1;\n```\n<Probar peticion="un handler" />\nEl **manejador** (*handler\nde Hono*) y «handler».');
    expect(lines).toHaveLength(7);
    expect(lines.join('\n').match(/handler/g)).toHaveLength(1);
    expect(findAvoided(lines[0]!, () => 'línea 1')).toEqual(['línea 1: «handler» → usa «Manejador» (content/glosario.yaml)']);
  });

  it('lessons use one term per concept in their prose', () => {
    const hits = readdirSync(lessonsDir)
      .filter((file) => file.endsWith('.mdx'))
      .sort()
      .flatMap((file) =>
        proseOf(readFileSync(join(lessonsDir, file), 'utf8')).flatMap((line, index) => findAvoided(line, () => `content/temas/${file}:${index + 1}`)),
      );
    expect(hits).toEqual([]);
  });

  it('quizzes and glossary definitions too', () => {
    const hits: string[] = [];
    for (const file of readdirSync(quizzesDir).filter((f) => f.endsWith('.yaml')).sort()) {
      const quiz = parse(readFileSync(join(quizzesDir, file), 'utf8')) as { questions: Array<Record<string, unknown>> };
      for (const question of quiz.questions) {
        const texts = [question.prompt, question.explanation, ...((question.choices as Array<{ text: string }> | undefined) ?? []).map((c) => c.text), ...((question.items as string[] | undefined) ?? [])];
        for (const text of texts) if (typeof text === 'string') hits.push(...findAvoided(stripInline(text), () => `content/quizzes/${file} → ${question.id}`));
      }
    }
    for (const entry of glossary) hits.push(...findAvoided(stripInline(entry.definition), () => `content/glosario.yaml → ${entry.term}`));
    expect(hits).toEqual([]);
  });
});
