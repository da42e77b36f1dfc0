// Static hosts do not read astro.config's server headers: write them where Netlify/Cloudflare
// Pages (`_headers`) and Vercel (`vercel.json`, when deploying dist/) look for them.
// scripts/serve-dist.ts serves dist/ with the rules of the `_headers` file written here, so tests
// see what readers get.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Headers for every response, besides the cross-origin isolation ones:
 * - nosniff: a learner's text served as text is never run as a script or stylesheet;
 * - Referrer-Policy: other sites see the origin, not the lesson or the reader's path.
 * The Content-Security-Policy is built from the pages (pageCsp).
 */
export const securityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/**
 * The site's policy, one for every response:
 * - script-src: the site's own files, the hashes of every inline script the build emitted (no
 *   'unsafe-inline': an injected <script> or onclick= does not run), blob: (modules the sandbox
 *   builds from the learner's code; only code already running here can mint one) and
 *   'wasm-unsafe-eval' (Pagefind's search, es-module-lexer and PGlite compile WebAssembly);
 * - frame-ancestors 'self': no other site can frame the course (clickjacking the "Borrar" button
 *   of /repaso/); 'self' and not 'none' because the presenter view frames the slides;
 * - base-uri / object-src / form-action close the injection paths that need no script.
 */
export function pageCsp(scriptHashes: string[]): string {
  return [
    `script-src 'self' blob: 'wasm-unsafe-eval'${scriptHashes.map((hash) => ` '${hash}'`).join('')}`,
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Folder of the sandboxed preview frame (src/sandbox/engines/browser/preview/). */
export const PREVIEW_FRAME_DIR = '/__preview__/';

/**
 * The preview frame's own policy, on top of the site's: it runs at an opaque origin (sandbox without
 * allow-same-origin) and reaches its service only through the page's MessagePort. Scripts: its
 * bootstrap (by hash) and the blob: URLs it makes itself; no network at all (connect-src 'none':
 * fetch to another origin fails), no forms sent anywhere, nothing embedded.
 */
export function previewFrameCsp(frameScriptHashes: string[]): string {
  return [
    "default-src 'none'",
    `script-src blob:${frameScriptHashes.map((hash) => ` '${hash}'`).join('')}`,
    "style-src 'unsafe-inline' blob:",
    'img-src blob: data:',
    'font-src blob: data:',
    'media-src blob: data:',
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** The Worker runtime that runs the learner's services (runtime.js and its hashed copy). */
export const WORKER_RUNTIME_PATHS = ['/sandbox-vendor/runtime/', '/sandbox-vendor/runtime.js'];

/**
 * The service workers' own policy, on top of the site's (a dedicated worker gets the CSP of its
 * script's response). The virtual network (fetch('http://localhost:<port>')) travels by
 * postMessage and needs no connect-src; the runtime fetches only the site's files (Swagger UI's
 * assets). So fetch, XHR, WebSocket and EventSource to any other origin are refused by the browser.
 */
export const WORKER_CSP = ["default-src 'none'", "script-src 'self' blob:", "connect-src 'self'"].join('; ');

/**
 * Folders whose file names carry a content hash: safe to cache for a year. Everything else
 * revalidates (ETag). The sandbox-vendor ones are written by src/sandbox/vendor/build.ts.
 */
export const hashedFolders = [
  '/_astro/',
  '/sandbox-vendor/chunks/',
  '/sandbox-vendor/pkg/',
  '/sandbox-vendor/shims/',
  '/sandbox-vendor/runtime/',
  '/sandbox-vendor/map/',
];
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export const cacheControlFor = (pathname: string): string => (hashedFolders.some((folder) => pathname.startsWith(folder)) ? IMMUTABLE : REVALIDATE);

/** One rule of the header files: `path` is exact, or a prefix when it ends in `*`. */
export interface HeaderRule {
  path: string;
  headers: Record<string, string>;
}

/**
 * The rules, most general first. A more specific rule repeats the whole value of a header it
 * changes (the CSP of the frame and of the worker runtime = the site's policy, then its own, as
 * two policies both enforced): Netlify lets the later rule win, Cloudflare joins the values with a
 * comma, and both give the same policies.
 */
export function headerRules(headers: Record<string, string>, scriptHashes: string[], frameScriptHashes: string[] = []): HeaderRule[] {
  const page = pageCsp(scriptHashes);
  return [
    { path: '/*', headers: { ...headers, ...securityHeaders, 'Content-Security-Policy': page } },
    { path: `${PREVIEW_FRAME_DIR}*`, headers: { 'Content-Security-Policy': `${page}, ${previewFrameCsp(frameScriptHashes)}` } },
    ...WORKER_RUNTIME_PATHS.map((path) => ({ path: path.endsWith('/') ? `${path}*` : path, headers: { 'Content-Security-Policy': `${page}, ${WORKER_CSP}` } })),
    // No Cache-Control on /*: the hosts' default (revalidate) is right for unhashed files.
    ...hashedFolders.map((folder) => ({ path: `${folder}*`, headers: { 'Cache-Control': IMMUTABLE } })),
  ];
}

export function headersFiles(rules: HeaderRule[]): { netlify: string; vercel: string } {
  const block = ({ path, headers }: HeaderRule) => [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  const netlify = [...rules.map(block), ''].join('\n');
  const source = (path: string) => (path.endsWith('*') ? `${path.slice(0, -1)}(.*)` : path);
  const vercel = { headers: rules.map((rule) => ({ source: source(rule.path), headers: Object.entries(rule.headers).map(([key, value]) => ({ key, value })) })) };
  return { netlify, vercel: `${JSON.stringify(vercel, null, 2)}\n` };
}

/** Reads a `_headers` file back (what serve-dist applies). */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: {} });
    else {
      const colon = line.indexOf(':');
      rules.at(-1)!.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}

/** The headers `rules` give `pathname`: every matching rule in order, a later one overriding a header (Netlify's semantics). */
export function headersForPath(rules: HeaderRule[], pathname: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const rule of rules) {
    const matches = rule.path.endsWith('*') ? pathname.startsWith(rule.path.slice(0, -1)) : pathname === rule.path;
    if (matches) Object.assign(result, rule.headers);
  }
  return result;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** The inline scripts of an HTML page (their text exactly as the browser hashes it). */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const match of html.matchAll(SCRIPT)) {
    const attributes = match[1]!;
    if (/\bsrc\s*=/i.test(attributes)) continue;
    // Data blocks are never run, so the CSP does not apply to them.
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && /json$/.test(type) && type !== 'importmap') continue;
    scripts.push(match[2]!);
  }
  return scripts;
}

export const scriptHash = (source: string): string => `sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}`;

/** Every HTML file under `dir` (relative paths). */
export async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name).slice(dir.length).replace(/^[\\/]/, ''));
}

/** The sorted, distinct hashes of every inline script in the HTML under `dir` (or only under `subdir` of it). */
export async function siteScriptHashes(dir: string, subdir = ''): Promise<string[]> {
  const hashes = new Set<string>();
  const prefix = subdir.replace(/^\//, '');
  for (const file of await htmlFiles(dir)) {
    if (!file.split('\\').join('/').startsWith(prefix)) continue;
    for (const script of inlineScripts(await readFile(join(dir, file), 'utf8'))) hashes.add(scriptHash(script));
  }
  return [...hashes].sort();
}

export function staticHeaders(headers: Record<string, string>): AstroIntegration {
  return {
    name: 'static-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const hashes = await siteScriptHashes(root);
        const files = headersFiles(headerRules(headers, hashes, await siteScriptHashes(root, PREVIEW_FRAME_DIR)));
        await writeFile(new URL('_headers', dir), files.netlify);
        await writeFile(new URL('vercel.json', dir), files.vercel);
        logger.info(`wrote _headers and vercel.json (isolation, security and cache headers; CSP with ${hashes.length} inline script hashes)`);
      },
    },
  };
}
