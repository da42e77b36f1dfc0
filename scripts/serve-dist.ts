// A static server for dist/ that behaves like the production host: the rules of dist/_headers
// (written by the build: cross-origin isolation, security headers, the CSPs, immutable caching for
// hashed names) applied as Netlify does, 404.html for unknown paths, long caching only for
// content-hashed files (others revalidate by ETag), gzip/brotli like a CDN (so `npm run bench` and
// Lighthouse measure what readers download), and 400 for a malformed URL instead of a crash.
// Used by Playwright, the benchmarks and anyone who wants to try the built site:
//   node scripts/serve-dist.ts [port]
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { headerRules, headersForPath, parseHeadersFile, REVALIDATE, type HeaderRule } from '../src/integrations/static-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export const distDir = fileURLToPath(new URL('../dist', import.meta.url));

/** Types worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|wasm)|image\/svg)/;

class BadRequest extends Error {}

async function resolveFile(dist: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new BadRequest(pathname);
  }
  const path = normalize(join(dist, decoded));
  if (path !== dist && !path.startsWith(dist.endsWith(sep) ? dist : `${dist}${sep}`)) return undefined;
  if (existsSync(path) && (await stat(path)).isDirectory()) {
    const index = join(path, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  return existsSync(path) ? path : undefined;
}

/** Compressed bodies, by file, modification time and encoding (dist/ does not change while served). */
const compressed = new Map<string, Buffer>();

function encode(body: Buffer, encoding: 'br' | 'gzip', key: string): Buffer {
  const cacheKey = `${key}:${encoding}`;
  let result = compressed.get(cacheKey);
  if (!result) {
    result = encoding === 'br' ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : gzipSync(body, { level: 6 });
    compressed.set(cacheKey, result);
  }
  return result;
}

/** The header rules of `dist`: its _headers file, or (a dist/ built without it) the same rules without script hashes. */
export function rulesOf(dist: string): HeaderRule[] {
  const file = join(dist, '_headers');
  return existsSync(file) ? parseHeadersFile(readFileSync(file, 'utf8')) : headerRules(isolationHeaders, []);
}

export function serveDist(dist = distDir, port = 4321, host = '127.0.0.1'): Promise<Server> {
  const rules = rulesOf(dist);
  const server = createServer(async (req, res) => {
    let common = headersForPath(rules, '/');
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      common = headersForPath(rules, url.pathname);
      const file = await resolveFile(dist, url.pathname);
      // Astro builds with trailingSlash 'always': send /temas/x to /temas/x/ like a static host.
      if (!file && !url.pathname.endsWith('/') && !extname(url.pathname) && (await resolveFile(dist, `${url.pathname}/`))) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}`, ...headersForPath(rules, '/') }).end();
        return;
      }
      const status = file ? 200 : 404;
      const path = file ?? join(dist, '404.html');
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      const info = existsSync(path) ? await stat(path) : undefined;
      const etag = info ? `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"` : undefined;
      const headers: Record<string, string> = {
        'Content-Type': type,
        Vary: 'Accept-Encoding',
        ...(status === 200 ? common : headersForPath(rules, '/404.html')),
      };
      headers['Cache-Control'] ??= REVALIDATE;
      if (etag) headers.ETag = etag;
      if (status === 200 && etag && req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      let body: Buffer = info ? await readFile(path) : Buffer.from('Not found');
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : undefined;
      if (encoding && COMPRESSIBLE.test(type) && body.length > 1024) {
        body = encode(body, encoding, `${path}:${info?.mtimeMs}`);
        headers['Content-Encoding'] = encoding;
      }
      headers['Content-Length'] = String(body.length);
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const bad = error instanceof BadRequest;
      if (!res.headersSent) res.writeHead(bad ? 400 : 500, { 'Content-Type': 'text/plain; charset=utf-8', ...common });
      res.end(bad ? 'Bad Request: malformed URL' : 'Internal Server Error');
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 4321);
  await serveDist(distDir, port);
  console.log(`dist/ en http://127.0.0.1:${port}/ (con COOP/COEP, gzip/brotli)`);
}
