// Pagefind (run on dist/ after the build) joins the text of adjacent elements that it does not treat
// as sentence breaks (table cells, caption, dt/dd, divs…): "Horario" + "Tiempo" became
// "horarioTiempo" and "Bloque 1" + "Principios" one word in the index and in search excerpts
// (Pagefind/pagefind#736). Whitespace between tags is dropped by its parser, but a trailing space
// inside an element is kept; in a block the browser collapses it, so the page looks the same.
// This pass adds that space before the closing tag of block-level elements in every built page,
// leaving <pre>, <code>, <script>, <style> and <textarea> untouched.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const BLOCKS = ['td', 'th', 'caption', 'dt', 'dd', 'figcaption', 'summary', 'div', 'li', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'footer', 'section', 'article', 'aside', 'label', 'legend'];
const RAW = /(<(pre|code|script|style|textarea)\b[\s\S]*?<\/\2>)/gi;
const CLOSING = new RegExp(`(\\S|^)(</(?:${BLOCKS.join('|')})>)`, 'gi');

/** The page with a space before each block closing tag that follows text or an inline element. */
export function spaceBlocksForSearch(html: string): string {
  return html
    .split(RAW)
    .map((part, index) => (index % 3 === 0 ? part.replace(CLOSING, '$1 $2') : part))
    .filter((_, index) => index % 3 !== 2)
    .join('');
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name));
}

export function searchText(): AstroIntegration {
  return {
    name: 'search-text',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const files = await htmlFiles(fileURLToPath(dir));
        for (const file of files) {
          const html = await readFile(file, 'utf8');
          const spaced = spaceBlocksForSearch(html);
          if (spaced !== html) await writeFile(file, spaced);
        }
        logger.info(`separated block text for the search index in ${files.length} pages`);
      },
    },
  };
}
