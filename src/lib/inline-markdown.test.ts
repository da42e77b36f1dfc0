import { describe, expect, it } from 'vitest';
import { listLabIds, loadLab } from '../../sandboxes/lib/index.ts';
import { inlineMarkdown } from './inline-markdown.ts';

const decode = (html: string) =>
  html.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replace(/&(lt|gt|amp|quot);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"' })[name]!);
const codeSpans = (markdown: string) => [...markdown.matchAll(/(?<!`)`([^`]+)`(?!`)/g)].map((match) => match[1]!.replace(/\s+/g, ' ').trim());
const renderedCode = (html: string) => [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((match) => match[1]!);

describe('inlineMarkdown', () => {
  it('renders code, bold and emphasis', () => {
    expect(inlineMarkdown('Lee `app.ts`, **ya**, *ahora*')).toBe('Lee <code>app.ts</code>, <strong>ya</strong>, <em>ahora</em>');
  });

  it('shows raw HTML as text, and escapes it also inside code', () => {
    const html = inlineMarkdown('Usa <script>alert(1)</script> y `a < b`');
    expect(html).not.toContain('<script');
    expect(decode(html)).toBe('Usa <script>alert(1)</script> y <code>a < b</code>');
  });

  it('keeps ** inside inline code (the formula a step asks for)', () => {
    expect(inlineMarkdown('`min(maxDelayMs, baseDelayMs * 2 ** attempt)`')).toBe('<code>min(maxDelayMs, baseDelayMs * 2 ** attempt)</code>');
  });
});

describe('every lab.yaml text keeps its inline code', async () => {
  const ids = await listLabIds();
  it.each(ids)('%s: summary and steps', async (id) => {
    const { meta } = await loadLab(id);
    for (const text of [meta.summary, ...meta.steps]) {
      const html = inlineMarkdown(text);
      const rendered = renderedCode(html);
      expect(rendered.map(decode), text).toEqual(codeSpans(text));
      for (const code of rendered) expect(code, text).not.toMatch(/<(em|strong)>/);
    }
  });
});
