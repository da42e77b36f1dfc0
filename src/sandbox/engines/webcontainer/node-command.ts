// How to run a TypeScript entry on the container's Node: natively where Node strips types by
// default (22.18+, 23.6+), with the flag where it exists (22.6+), and otherwise through a loader
// hook that strips types with sucrase (shipped in the mounted node_modules).
export const STRIP_TYPES_HOOK = '.sandbox/strip-types-hook.mjs';

export function nodeArgsFor(version: string, entry: string): string[] {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const native = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
  if (native) return [entry];
  if (major === 23 || (major === 22 && minor >= 6)) return ['--experimental-strip-types', '--no-warnings', entry];
  return ['--import', `./${STRIP_TYPES_HOOK}`, entry];
}

/** module.register() hook for older Node: .ts files are type-stripped with sucrase on load. */
export const stripTypesHookSource = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
  import { transform } from 'sucrase';
  import { readFile } from 'node:fs/promises';
  export async function load(url, context, next) {
    if (!url.endsWith('.ts')) return next(url, context);
    const source = await readFile(new URL(url), 'utf8');
    const { code } = transform(source, { transforms: ['typescript'], disableESTransforms: true, filePath: url });
    return { format: 'module', source: code, shortCircuit: true };
  }
\`), import.meta.url);
`;
