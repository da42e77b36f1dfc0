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
import { staticHeaders } from '../../src/integrations/static-headers.ts';

const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'static-hosting-'));
  await mkdir(join(dir, '_astro'), { recursive: true });
  await mkdir(join(dir, 'sandbox-vendor', 'pkg'), { recursive: true });
  await mkdir(join(dir, 'sandbox-vendor', 'chunks'), { recursive: true });
  await mkdir(join(dir, 'repaso'), { recursive: true });
  await writeFile(join(dir, 'repaso', 'index.html'), `<!doctype html><title>Repaso</title>${'<p>texto</p>'.repeat(500)}`);
  await writeFile(join(dir, '404.html'), '<!doctype html><title>No encontrada</title>');
  await writeFile(join(dir, '_astro', 'page.AbC123.js'), 'console.log(1);'.repeat(200));
  await writeFile(join(dir, 'sandbox-vendor', 'runtime.js'), 'export {};'.repeat(200));
  await writeFile(join(dir, 'sandbox-vendor', 'importmap.json'), '{}');
  await writeFile(join(dir, 'sandbox-vendor', 'pkg', 'hono.js'), 'export const hono = 1;');
  await writeFile(join(dir, 'sandbox-vendor', 'chunks', 'chunk-P5FKHTEJ.js'), 'export const x = 1;');
  const integration = staticHeaders(isolation);
  await (integration.hooks['astro:build:done'] as (options: unknown) => Promise<void>)({ dir: pathToFileURL(`${dir}/`), logger: { info: () => {} } });
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('header files for static hosts', () => {
  it('_headers: isolation, nosniff, referrer policy, no framing by other sites, immutable only for hashed folders', async () => {
    const text = await readFile(join(dir, '_headers'), 'utf8');
    const [global, ...rest] = text.trim().split(/\n(?=\/)/);
    expect(global).toMatch(/^\/\*\n/);
    for (const line of ['Cross-Origin-Opener-Policy: same-origin', 'Cross-Origin-Embedder-Policy: require-corp', 'X-Content-Type-Options: nosniff', 'Referrer-Policy: strict-origin-when-cross-origin']) {
      expect(global).toContain(`  ${line}`);
    }
    expect(global).toMatch(/Content-Security-Policy: .*frame-ancestors 'self'/);
    expect(global).not.toContain('Cache-Control');
    expect(rest).toEqual(['/_astro/*\n  Cache-Control: public, max-age=31536000, immutable', '/sandbox-vendor/chunks/*\n  Cache-Control: public, max-age=31536000, immutable']);
  });

  it('vercel.json says the same', async () => {
    const vercel = JSON.parse(await readFile(join(dir, 'vercel.json'), 'utf8')) as { headers: { source: string; headers: { key: string; value: string }[] }[] };
    const global = Object.fromEntries(vercel.headers[0]!.headers.map(({ key, value }) => [key, value]));
    expect(vercel.headers[0]!.source).toBe('/(.*)');
    expect(global).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin' });
    expect(global['Content-Security-Policy']).toContain("frame-ancestors 'self'");
    expect(global['Cache-Control']).toBeUndefined();
    expect(vercel.headers.slice(1).map((rule) => rule.source)).toEqual(['/_astro/(.*)', '/sandbox-vendor/chunks/(.*)']);
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
    for (const path of ['/sandbox-vendor/runtime.js', '/sandbox-vendor/importmap.json', '/sandbox-vendor/pkg/hono.js', '/repaso/']) {
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
