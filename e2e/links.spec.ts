// Every internal link in the built site resolves to a page (and, with a #fragment, to an element
// with that id on it). Reads dist/ directly: no browser needed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';

const dist = join(import.meta.dirname, '../dist');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['pagefind', 'sandbox-vendor', '_astro', 'dev'].includes(entry.name) ? [] : htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

const idsCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file);
  if (!ids) {
    ids = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));
    idsCache.set(file, ids);
  }
  return ids;
}

function targetFile(pathname: string): string | undefined {
  const path = join(dist, decodeURIComponent(pathname));
  for (const candidate of [path, join(path, 'index.html')]) {
    if (existsSync(candidate) && candidate.endsWith('.html')) return candidate;
    if (existsSync(candidate) && !candidate.endsWith('/') && /\.[a-z0-9]+$/.test(candidate)) return candidate;
  }
  return undefined;
}

test('every internal link and fragment in dist/ resolves', () => {
  const broken: string[] = [];
  const pages = htmlFiles(dist);
  expect(pages.length).toBeGreaterThan(20);
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    const from = `/${relative(dist, page)}`;
    for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
      if (!href || /^(https?:|mailto:|data:|javascript:)/.test(href)) continue;
      const url = new URL(href.replaceAll('&amp;', '&'), `http://site${from}`);
      const file = url.pathname === from.replace(/index\.html$/, '') || url.pathname === from ? page : targetFile(url.pathname);
      if (!file) {
        broken.push(`${from} → ${href} (no existe la página)`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && file.endsWith('.html') && !idsOf(file).has(fragment)) broken.push(`${from} → ${href} (no existe #${fragment})`);
    }
  }
  expect(broken).toEqual([]);
});
