// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { remarkMermaid } from './src/markdown/remark-mermaid.ts';
import { staticHeaders } from './src/integrations/static-headers.ts';
import { searchText } from './src/integrations/search-text.ts';
import { monacoCssAsStrings } from './src/sandbox/ui/build/monaco-css.ts';
import { vendorEntriesDefine } from './src/sandbox/vendor/entries.ts';
import { sandboxChunkGroups } from './src/sandbox/ui/build/chunks.ts';

// WebContainers need cross-origin isolation; the browser engine works with or without it.
// The same headers are emitted for static hosts by src/integrations/static-headers.ts.
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  site: 'https://foodly-curso.example',
  trailingSlash: 'always',
  devToolbar: { enabled: false },
  // staticHeaders last: it hashes the inline scripts of the pages as the other passes leave them.
  integrations: [mdx(), searchText(), staticHeaders(isolationHeaders)],
  // The remark pipeline (rather than Astro 7's default Sätteri) so lessons can use remark plugins
  // such as the mermaid fence transform; MDX inherits it.
  markdown: {
    processor: unified({ remarkPlugins: [remarkMermaid] }),
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } },
  },
  server: { headers: isolationHeaders },
  vite: {
    plugins: [monacoCssAsStrings()],
    // The content-hashed names of the sandbox's runtime and import map (npm run sandbox:vendor).
    define: vendorEntriesDefine(),
    preview: { headers: isolationHeaders },
    // The sandbox's on-demand code in two files rather than ~20 (src/sandbox/ui/build/chunks.ts).
    environments: { client: { build: { rolldownOptions: { output: { codeSplitting: { groups: sandboxChunkGroups } } } } } },
    // Tests materialize lab trees and lesson code blocks inside the project: not site sources.
    server: { watch: { ignored: ['**/sandboxes/.labs/**', '**/.lesson-blocks/**', '**/test-results/**', '**/dist/**'] } },
  },
});
