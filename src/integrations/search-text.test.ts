import { describe, expect, it } from 'vitest';
import { spaceBlocksForSearch } from './search-text.ts';

describe('spaceBlocksForSearch', () => {
  it('separates the text of adjacent cells, terms and divs', () => {
    expect(spaceBlocksForSearch('<tr><th>Tiempo</th><th>Actividad</th></tr><dl><dt>Duración</dt><dd>3 h</dd></dl><div><a href="/">Tema 1</a></div><div>x</div>')).toBe(
      '<tr><th>Tiempo </th><th>Actividad </th></tr><dl><dt>Duración </dt><dd>3 h </dd></dl><div><a href="/">Tema 1</a> </div><div>x </div>',
    );
  });

  it('separates a block that ends with inline code', () => {
    expect(spaceBlocksForSearch('<li>usa <code>fetch</code></li><li>b</li>')).toBe('<li>usa <code>fetch</code> </li><li>b </li>');
  });

  it('leaves code, scripts and already spaced text alone', () => {
    const html = '<pre><code><div>a</div></code></pre><script>if (a<b) x = "</div>";</script><p>ya </p><code>b</code> ';
    expect(spaceBlocksForSearch(html)).toBe(html);
  });
});
