// The slides' own JavaScript, measured on a build: the deck and presenter entry chunks plus
// everything they import statically, gzipped (dynamic imports such as mermaid, and the sandbox
// and editor islands, load only when a slide needs them and are not counted). Used by
// e2e/slides.spec.ts (budget: 10 KiB) and available to the site's benchmark:
//   import { slidesJsSize } from './src/slides/measure.ts'; slidesJsSize('dist').gzipBytes
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const SLIDES_JS_BUDGET_BYTES = 10 * 1024;

export interface JsSize {
  /** Files under dist/_astro, entry chunks first. */
  files: string[];
  /** Sum of each file gzipped at level 9. */
  gzipBytes: number;
}

/** Static imports of a built ES module: `import "./x.js"` and `… from "./x.js"`, not `import("./x.js")`. */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) found.add(match[1]!);
  return [...found];
}

function graph(assets: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of staticImports(readFileSync(join(assets, file), 'utf8'))) visit(imported);
  };
  entries.forEach(visit);
  return [...seen];
}

/** Entry chunks of the slides (Deck.astro and Presenter.astro scripts), found in a built topic's pages. */
function entryChunks(distDir: string): string[] {
  const topics = join(distDir, 'temas');
  const slug = readdirSync(topics).find((name) => existsSync(join(topics, name, 'slides', 'index.html')));
  if (!slug) throw new Error(`No hay páginas de diapositivas en ${topics}: construye el sitio primero.`);
  const html = ['slides', 'presentador'].map((page) => readFileSync(join(topics, slug, page, 'index.html'), 'utf8')).join('\n');
  return [...html.matchAll(/<script[^>]+src="\/_astro\/((?:Deck|Presenter)\.astro[^"]+\.js)"/g)].map((match) => match[1]!);
}

export function slidesJsSize(distDir = 'dist'): JsSize {
  const assets = join(distDir, '_astro');
  const files = graph(assets, entryChunks(distDir));
  const gzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(assets, file)), { level: 9 }).length, 0);
  return { files, gzipBytes };
}
