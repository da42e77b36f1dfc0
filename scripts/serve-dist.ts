// A static server for dist/ that behaves like the production host: the cross-origin isolation
// headers on every response, 404.html for unknown paths, long caching for hashed assets.
// Used by Playwright, the benchmarks and anyone who wants to try the built site:
//   node scripts/serve-dist.ts [port]
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

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

async function resolveFile(dist: string, pathname: string): Promise<string | undefined> {
  const path = normalize(join(dist, decodeURIComponent(pathname)));
  if (!path.startsWith(dist)) return undefined;
  if (existsSync(path) && (await stat(path)).isDirectory()) {
    const index = join(path, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  return existsSync(path) ? path : undefined;
}

export function serveDist(dist = distDir, port = 4321, host = '127.0.0.1'): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = await resolveFile(dist, url.pathname);
    // Astro builds with trailingSlash 'always': send /temas/x to /temas/x/ like a static host.
    if (!file && !url.pathname.endsWith('/') && !extname(url.pathname) && (await resolveFile(dist, `${url.pathname}/`))) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}`, ...isolationHeaders }).end();
      return;
    }
    const status = file ? 200 : 404;
    const path = file ?? join(dist, '404.html');
    const hashed = path.includes('/_astro/') || path.includes('/sandbox-vendor/');
    res.writeHead(status, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...isolationHeaders,
    });
    res.end(existsSync(path) ? await readFile(path) : 'Not found');
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 4321);
  await serveDist(distDir, port);
  console.log(`dist/ en http://127.0.0.1:${port}/ (con COOP/COEP)`);
}
