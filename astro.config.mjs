// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// WebContainers need cross-origin isolation; the browser engine works with or without it.
// The same headers are emitted for static hosts by src/integrations/static-headers.ts.
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  site: 'https://foodly-curso.example',
  trailingSlash: 'always',
  integrations: [mdx()],
  server: { headers: isolationHeaders },
  vite: {
    preview: { headers: isolationHeaders },
  },
});
