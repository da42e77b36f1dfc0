// Static hosts do not read astro.config's server headers: write them where Netlify/Cloudflare
// Pages (`_headers`) and Vercel (`vercel.json`, when deploying dist/) look for them.
import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';

export function staticHeaders(headers: Record<string, string>): AstroIntegration {
  return {
    name: 'static-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const lines = ['/*', ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`), ''];
        await writeFile(new URL('_headers', dir), lines.join('\n'));
        const vercel = {
          headers: [{ source: '/(.*)', headers: Object.entries(headers).map(([key, value]) => ({ key, value })) }],
        };
        await writeFile(new URL('vercel.json', dir), `${JSON.stringify(vercel, null, 2)}\n`);
        logger.info('wrote _headers and vercel.json with the cross-origin isolation headers');
      },
    },
  };
}
