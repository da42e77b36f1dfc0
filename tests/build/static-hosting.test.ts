// What the static host sends: the header files the build writes (_headers, vercel.json) and the
// local host that serves dist/ for tests and benchmarks (scripts/serve-dist.ts).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDist } from '../../scripts/serve-dist.ts';
import { headersForPath, IMMUTABLE, parseHeadersFile, scriptHash, staticHeaders } from '../../src/integrations/static-headers.ts';

const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'static-hosting-'));
  await mkdir(join(dir, '_astro'), { recursive: true });
  await mkdir(join(dir, 'sandbox-vendor', 'pkg'), { recursive: true });
  await mkdir(join(dir, 'sandbox-vendor', 'chunks'), { recursive: true });
  await mkdir(join(dir, 'repaso'), { recursive: true });
  await writeFile(
    join(dir, 'repaso', 'index.html'),
    `<!doctype html><title>Repaso</title><script>document.documentElement.dataset.theme = 'dark';</script><script type="application/json">{"a":1}</script><script type="module" src="/_astro/page.AbC123.js"></script>${'<p>texto</p>'.repeat(500)}`,
  );
  await mkdir(join(dir, '__preview__'), { recursive: true });
  await writeFile(join(dir, '__preview__', 'frame.html'), '<!doctype html><script>boot()</script>');
  await mkdir(join(dir, 'sandbox-vendor', 'runtime'), { recursive: true });
  await writeFile(join(dir, 'sandbox-vendor', 'runtime', 'runtime-0123456789ab.js'), 'export {};');
  await writeFile(join(dir, '404.html'), '<!doctype html><title>No encontrada</title>');
  await writeFile(join(dir, '_astro', 'page.AbC123.js'), 'console.log(1);'.repeat(200));
  await writeFile(join(dir, 'sandbox-vendor', 'runtime.js'), 'export {};'.repeat(200));
  await writeFile(join(dir, 'sandbox-vendor', 'importmap.json'), '{}');
  await writeFile(join(dir, 'sandbox-vendor', 'pkg', 'hono-0123456789ab.js'), 'export const hono = 1;');
  await mkdir(join(dir, 'sandbox-vendor', 'infra'), { recursive: true });
  await writeFile(join(dir, 'sandbox-vendor', 'infra', 'pg.js'), 'export {};');
  await writeFile(join(dir, 'sandbox-vendor', 'chunks', 'chunk-P5FKHTEJ.js'), 'export const x = 1;');
  const integration = staticHeaders(isolation);
  await (integration.hooks['astro:build:done'] as (options: unknown) => Promise<void>)({ dir: pathToFileURL(`${dir}/`), logger: { info: () => {} } });
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('header files for static hosts', () => {
  it('_headers: isolation, nosniff, referrer policy, a CSP with the inline scripts\' hashes, no framing by other sites', async () => {
    const text = await readFile(join(dir, '_headers'), 'utf8');
    const [global] = text.trim().split(/\n(?=\/)/);
    expect(global).toMatch(/^\/\*\n/);
    for (const line of ['Cross-Origin-Opener-Policy: same-origin', 'Cross-Origin-Embedder-Policy: require-corp', 'X-Content-Type-Options: nosniff', 'Referrer-Policy: strict-origin-when-cross-origin']) {
      expect(global).toContain(`  ${line}`);
    }
    expect(global).toMatch(/Content-Security-Policy: .*frame-ancestors 'self'/);
    expect(global).not.toContain('Cache-Control');
    const csp = headersForPath(parseHeadersFile(text), '/repaso/')['Content-Security-Policy']!;
    // Both inline scripts that run are allowed by hash; the JSON data block needs none; nothing inline is allowed wholesale.
    expect(csp).toContain(`'${scriptHash("document.documentElement.dataset.theme = 'dark';")}'`);
    expect(csp).toContain(`'${scriptHash('boot()')}'`);
    expect(csp).not.toContain(scriptHash('{"a":1}'));
    expect(csp).not.toContain('unsafe-inline');
  });

  it('the preview frame and the worker runtime get the site policy plus their own', async () => {
    const rules = parseHeadersFile(await readFile(join(dir, '_headers'), 'utf8'));
    const site = headersForPath(rules, '/repaso/')['Content-Security-Policy']!;
    const frame = headersForPath(rules, '/__preview__/frame.html')['Content-Security-Policy']!;
    expect(frame.startsWith(`${site}, default-src 'none'; script-src blob: '${scriptHash('boot()')}';`)).toBe(true);
    expect(frame).toContain("connect-src 'none'");
    // The frame's policy allows its own bootstrap, not the site's other inline scripts.
    expect(frame.split(', ')[1]).not.toContain(scriptHash("document.documentElement.dataset.theme = 'dark';"));
    for (const path of ['/sandbox-vendor/runtime/runtime-0123456789ab.js', '/sandbox-vendor/runtime.js']) {
      expect(headersForPath(rules, path)['Content-Security-Policy']).toBe(`${site}, default-src 'none'; script-src 'self' blob:; connect-src 'self'`);
    }
    expect(headersForPath(rules, '/sandbox-vendor/infra/host-worker.js')['Content-Security-Policy']).toBe(site);
  });

  it('immutable only for hashed folders, in both files', async () => {
    const rules = parseHeadersFile(await readFile(join(dir, '_headers'), 'utf8'));
    const vercel = JSON.parse(await readFile(join(dir, 'vercel.json'), 'utf8')) as { headers: { source: string; headers: { key: string; value: string }[] }[] };
    const immutable = rules.filter((rule) => rule.headers['Cache-Control'] === IMMUTABLE).map((rule) => rule.path);
    expect(immutable).toEqual(['/_astro/*', '/sandbox-vendor/chunks/*', '/sandbox-vendor/pkg/*', '/sandbox-vendor/shims/*', '/sandbox-vendor/runtime/*', '/sandbox-vendor/map/*']);
    expect(vercel.headers.filter((rule) => rule.headers.some(({ key, value }) => key === 'Cache-Control' && value === IMMUTABLE)).map((rule) => rule.source)).toEqual(
      immutable.map((path) => path.replace('*', '(.*)')),
    );
    for (const unhashed of ['/sandbox-vendor/runtime.js', '/sandbox-vendor/importmap.json', '/sandbox-vendor/infra/pg.js', '/repaso/']) {
      expect(headersForPath(rules, unhashed)['Cache-Control'], unhashed).toBeUndefined();
    }
  });

  it('vercel.json says the same as _headers', async () => {
    const rules = parseHeadersFile(await readFile(join(dir, '_headers'), 'utf8'));
    const vercel = JSON.parse(await readFile(join(dir, 'vercel.json'), 'utf8')) as { headers: { source: string; headers: { key: string; value: string }[] }[] };
    expect(vercel.headers[0]!.source).toBe('/(.*)');
    expect(vercel.headers.map((rule) => ({ path: rule.source.replace('(.*)', '*'), headers: Object.fromEntries(rule.headers.map(({ key, value }) => [key, value])) }))).toEqual(rules);
  });
});

describe('serve-dist', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await serveDist(dir, 0);
    const address = server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers 400 to a malformed percent-encoding instead of crashing, and keeps serving', async () => {
    const bad = await fetch(`${base}/%E0%A4%A`);
    expect(bad.status).toBe(400);
    expect((await fetch(`${base}/repaso/`)).status).toBe(200);
  });

  it('marks only content-hashed files immutable; unhashed vendor files revalidate by ETag', async () => {
    expect((await fetch(`${base}/_astro/page.AbC123.js`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/sandbox-vendor/chunks/chunk-P5FKHTEJ.js`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/sandbox-vendor/runtime/runtime-0123456789ab.js`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/sandbox-vendor/pkg/hono-0123456789ab.js`)).headers.get('cache-control')).toContain('immutable');
    for (const path of ['/sandbox-vendor/runtime.js', '/sandbox-vendor/importmap.json', '/sandbox-vendor/infra/pg.js', '/repaso/']) {
      const response = await fetch(`${base}${path}`);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      const etag = response.headers.get('etag')!;
      expect((await fetch(`${base}${path}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    }
  });

  it('sends the security headers and compresses like a CDN', async () => {
    const page = await fetch(`${base}/repaso/`, { headers: { 'accept-encoding': 'identity' } });
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(page.headers.get('content-security-policy')).toContain(scriptHash("document.documentElement.dataset.theme = 'dark';"));
    expect((await fetch(`${base}/sandbox-vendor/runtime/runtime-0123456789ab.js`)).headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await page.text();
    // fetch() decompresses for us: read the raw bytes through node:http semantics instead.
    const { request } = await import('node:http');
    const raw = (encoding: string) =>
      new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
        request(`${base}/repaso/`, { headers: { 'accept-encoding': encoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    const br = await raw('gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(html);
    expect(br.body.length).toBeLessThan(html.length / 5);
    const gzip = await raw('gzip');
    expect(gzip.encoding).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(html);
  });
});
