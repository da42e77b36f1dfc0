// Vite plugin: Monaco's own `import './x.css'` statements become strings collected in
// `globalThis.__monacoCss` instead of CSS files. Vite would otherwise hoist them into the CSS of the
// chunk that loads Monaco, and Astro links that CSS on every page whose island can reach the editor
// (withastro/astro#9495): ~30 KiB gzip on every topic page. `monaco-setup.ts` injects the strings
// in a <style> when the editor loads. `?inline` keeps Vite's url() handling (the codicon font).
// In `astro dev` Vite's dependency optimizer pre-bundles Monaco with its CSS the usual way (checked:
// the editor is styled), so the plugin matters for the build only and the dev <style> stays empty.
import type { Plugin } from 'vite';

const PREFIX = '\0monaco-css:';
export const MONACO_CSS_GLOBAL = '__monacoCss';

export function monacoCssAsStrings(): Plugin {
  return {
    name: 'monaco-css-as-strings',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !/[\\/]monaco-editor[\\/]esm[\\/]/.test(importer) || !/\.css$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // Not ending in .css, or Vite's CSS plugin would take this JS module for a stylesheet.
      return resolved ? `${PREFIX}${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `(globalThis.${MONACO_CSS_GLOBAL} ??= []).push(css);`,
      ].join('\n');
    },
  };
}
