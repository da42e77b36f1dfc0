// Resolution of relative import specifiers inside a lab's file tree (posix paths, no leading slash).
import type { FileTree } from '../../../contract/index.ts';

/** Files the engine loads as modules and type-strips (JSON is imported as is). */
export function isCode(path: string): boolean {
  return /\.(ts|mts|js|mjs)$/.test(path);
}

export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Joins and normalises `.`/`..` segments; returns undefined when the path climbs above the root. */
export function joinPath(base: string, relative: string): string | undefined {
  const parts = base === '' ? [] : base.split('/');
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.join('/');
}

/**
 * Finds the file a relative specifier names, the way Node + TypeScript's bundler resolution would:
 * the exact file, then `.ts`/`.js` swaps and additions, then `index` files of a folder.
 */
export function resolveRelative(tree: FileTree, importer: string, specifier: string): string | undefined {
  const target = joinPath(dirname(importer), specifier);
  if (target === undefined) return undefined;
  const candidates = [target];
  if (target.endsWith('.js')) candidates.push(target.slice(0, -3) + '.ts');
  if (target.endsWith('.mjs')) candidates.push(target.slice(0, -4) + '.mts');
  candidates.push(`${target}.ts`, `${target}.js`, `${target}/index.ts`, `${target}/index.js`);
  return candidates.find((candidate) => candidate !== '' && Object.hasOwn(tree, candidate));
}

/** 1-based line and column of a character offset. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
