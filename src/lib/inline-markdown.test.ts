import { describe, expect, it } from 'vitest';
import { inlineMarkdown } from './inline-markdown.ts';

describe('inlineMarkdown', () => {
  it('renders code, bold and emphasis', () => {
    expect(inlineMarkdown('Lee `app.ts`, **ya**, *ahora*')).toBe('Lee <code>app.ts</code>, <strong>ya</strong>, <em>ahora</em>');
  });

  it('escapes HTML, also inside code', () => {
    expect(inlineMarkdown('<script> y `a < b`')).toBe('&lt;script&gt; y <code>a &lt; b</code>');
  });
});
