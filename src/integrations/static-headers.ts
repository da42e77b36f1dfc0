// Static hosts do not read astro.config's server headers: write them where Netlify/Cloudflare
// Pages (`_headers`) and Vercel (`vercel.json`, when deploying dist/) look for them.
// scripts/serve-dist.ts serves dist/ with the same headers, so tests see what readers get.
import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';

/**
 * Headers for every response, besides the cross-origin isolation ones:
 * - nosniff: a learner's text served as text is never run as a script or stylesheet;
 * - Referrer-Policy: other sites see the origin, not the lesson or the reader's path;
 * - CSP frame-ancestors 'self': no other site can frame the course (clickjacking the "Borrar"
 *   button of /repaso/); 'self' and not 'none' because the presenter view frames the slides.
 *   base-uri / object-src / form-action close the injection paths that need no script.
 *   (A script-src with hashes is not set yet: see docs/ARCHITECTURE.md, "Security headers".)
 */
export const securityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Content-Security-Policy': "frame-ancestors 'self'; base-uri 'self'; object-src 'none'; form-action 'self'",
};

/** Folders whose file names carry a content hash: safe to cache for a year. Everything else revalidates. */
export const hashedFolders = ['/_astro/', '/sandbox-vendor/chunks/'];
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export const cacheControlFor = (pathname: string): string => (hashedFolders.some((folder) => pathname.startsWith(folder)) ? IMMUTABLE : REVALIDATE);

export function headersFiles(headers: Record<string, string>): { netlify: string; vercel: string } {
  const all = { ...headers, ...securityHeaders };
  const block = (path: string, values: Record<string, string>) => [path, ...Object.entries(values).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  // No Cache-Control on /*: hosts combine the headers of every matching rule, and their default
  // (revalidate) is right for unhashed files.
  const netlify = [block('/*', all), ...hashedFolders.map((folder) => block(`${folder}*`, { 'Cache-Control': IMMUTABLE })), ''].join('\n');
  const vercel = {
    headers: [
      { source: '/(.*)', headers: Object.entries(all).map(([key, value]) => ({ key, value })) },
      ...hashedFolders.map((folder) => ({ source: `${folder}(.*)`, headers: [{ key: 'Cache-Control', value: IMMUTABLE }] })),
    ],
  };
  return { netlify, vercel: `${JSON.stringify(vercel, null, 2)}\n` };
}

export function staticHeaders(headers: Record<string, string>): AstroIntegration {
  return {
    name: 'static-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const files = headersFiles(headers);
        await writeFile(new URL('_headers', dir), files.netlify);
        await writeFile(new URL('vercel.json', dir), files.vercel);
        logger.info('wrote _headers and vercel.json (isolation, security and cache headers)');
      },
    },
  };
}
