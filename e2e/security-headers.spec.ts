// The header files the build wrote for static hosts (dist/_headers, dist/vercel.json), checked
// against the built pages themselves, and the same headers as served (scripts/serve-dist.ts):
// - every inline script of every built page is allowed by the CSP that page gets (its hash), in
//   both files; frame-ancestors is 'self' everywhere;
// - only content-hashed names are cached as immutable, and the sandbox vendor's hashes match;
// - the preview frame and the worker runtime get their own, stricter, policies;
// - pages run without a single CSP violation in Chromium.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { contentHash } from '../src/sandbox/vendor/build.ts';
import { headersForPath, IMMUTABLE, inlineScripts, parseHeadersFile, scriptHash } from '../src/integrations/static-headers.ts';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const rules = parseHeadersFile(readFileSync(join(dist, '_headers'), 'utf8'));
const vercel = JSON.parse(readFileSync(join(dist, 'vercel.json'), 'utf8')) as { headers: { source: string; headers: { key: string; value: string }[] }[] };

/** Vercel's rules for a path: every matching source in order, a later header overriding. */
function vercelHeaders(pathname: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const rule of vercel.headers) {
    const pattern = new RegExp(`^${rule.source.split('(.*)').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    if (pattern.test(pathname)) for (const { key, value } of rule.headers) result[key] = value;
  }
  return result;
}

const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => `/${join(entry.parentPath, entry.name).slice(dist.length).split('\\').join('/')}`);
const pages = files.filter((file) => file.endsWith('.html'));
/** The URL a page is read at (`/temas/x/` for `/temas/x/index.html`). */
const urlOf = (file: string) => file.replace(/index\.html$/, '');

/** The sources a policy list (`a, b`: each one enforced) allows for scripts: every policy must allow. */
function scriptSources(csp: string): string[][] {
  return csp.split(',').map((policy) => {
    const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    return directives.get('script-src') ?? directives.get('default-src') ?? ["'unsafe-inline'"];
  });
}

test.describe('security headers of the built site', () => {
  test('there are pages with inline scripts to check', () => {
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.filter((page) => inlineScripts(readFileSync(join(dist, page), 'utf8')).length > 0).length).toBeGreaterThan(20);
  });

  test('every inline script of every built page is allowed by its CSP, in _headers and vercel.json', () => {
    const missing: string[] = [];
    for (const page of pages) {
      const scripts = inlineScripts(readFileSync(join(dist, page), 'utf8'));
      for (const path of new Set([page, urlOf(page)])) {
        for (const [host, csp] of [['_headers', headersForPath(rules, path)['Content-Security-Policy']], ['vercel.json', vercelHeaders(path)['Content-Security-Policy']]] as const) {
          expect(csp, `${host} ${path}`).toBeTruthy();
          for (const policy of scriptSources(csp!)) {
            expect(policy, `${host} ${path}: no 'unsafe-inline'`).not.toContain("'unsafe-inline'");
            for (const script of scripts) if (!policy.includes(`'${scriptHash(script)}'`)) missing.push(`${host} ${path}: ${script.slice(0, 60)}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test("frame-ancestors is 'self' on every page, and the site has no other framing rule", () => {
    for (const page of pages) {
      for (const csp of [headersForPath(rules, urlOf(page))['Content-Security-Policy']!, vercelHeaders(urlOf(page))['Content-Security-Policy']!]) {
        for (const policy of csp.split(',')) expect(policy, page).toMatch(/frame-ancestors 'self'(;|$)/);
      }
    }
  });

  test('only content-hashed names are immutable; the sandbox vendor names carry the hash of their content', () => {
    const immutable = files.filter((file) => headersForPath(rules, file)['Cache-Control'] === IMMUTABLE);
    expect(immutable.some((file) => file.startsWith('/sandbox-vendor/runtime/runtime-'))).toBe(true);
    expect(immutable.some((file) => file.startsWith('/sandbox-vendor/map/importmap-'))).toBe(true);
    expect(immutable.some((file) => file.startsWith('/sandbox-vendor/pkg/'))).toBe(true);
    for (const file of immutable) {
      expect(file, 'a hash in the name').toMatch(/[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/);
      expect(vercelHeaders(file)['Cache-Control'], file).toBe(IMMUTABLE);
      const ours = /^\/sandbox-vendor\/(runtime|map|pkg|shims)\/.+-([0-9a-f]{12})\.(js|json)$/.exec(file);
      if (ours) expect(contentHash(readFileSync(join(dist, file))), file).toBe(ours[2]);
    }
    for (const unhashed of ['/sandbox-vendor/runtime.js', '/sandbox-vendor/importmap.json', '/sandbox-vendor/infra/pg.js', '/index.html', '/__preview__/frame.html']) {
      expect(files).toContain(unhashed);
      expect(headersForPath(rules, unhashed)['Cache-Control'], unhashed).toBeUndefined();
      expect(vercelHeaders(unhashed)['Cache-Control'], unhashed).toBeUndefined();
    }
  });

  test('serve-dist sends what the header files say', async ({ request }) => {
    const runtime = files.find((file) => file.startsWith('/sandbox-vendor/runtime/'))!;
    for (const path of ['/', '/repaso/', '/__preview__/frame.html', runtime, '/sandbox-vendor/runtime.js', '/sandbox-vendor/importmap.json', files.find((file) => file.startsWith('/sandbox-vendor/pkg/'))!]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const expected = headersForPath(rules, path);
      expect(response.headers()['content-security-policy'], path).toBe(expected['Content-Security-Policy']);
      expect(response.headers()['cache-control'], path).toBe(expected['Cache-Control'] ?? 'no-cache');
    }
    const worker = (await request.get(runtime)).headers()['content-security-policy']!;
    expect(worker).toMatch(/, default-src 'none'; script-src 'self' blob:; connect-src 'self'$/);
    const frame = (await request.get('/__preview__/frame.html')).headers()['content-security-policy']!;
    expect(frame).toContain("connect-src 'none'");
  });

  test('pages run without a CSP violation', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    const lesson = pages.find((file) => /^\/temas\/[^/]+\/index\.html$/.test(file))!;
    for (const path of ['/', urlOf(lesson), `${urlOf(lesson)}slides/`, '/repaso/', '/sesiones/']) {
      await page.goto(path);
      await page.waitForLoadState('load');
    }
    // The search (Pagefind: WebAssembly) and the theme toggle run inline and bundled code.
    await page.goto('/');
    const search = page.getByRole('button', { name: /buscar/i }).first();
    if (await search.isVisible()) {
      await search.click();
      await page.keyboard.insertText('hexagonal');
      await expect(page.locator('body')).toContainText(/hexagonal/i);
      await page.waitForTimeout(1000);
    }
    expect(violations).toEqual([]);
  });
});
