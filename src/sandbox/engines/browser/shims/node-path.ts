// node:path (posix) for the few path helpers server.ts files use.
export const sep = '/';
export const delimiter = ':';

export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
    } else parts.push(segment);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}
export const join = (...paths: string[]): string => normalize(paths.filter(Boolean).join('/'));
export function resolve(...paths: string[]): string {
  let result = '';
  for (const path of paths) result = path.startsWith('/') ? path : `${result}/${path}`;
  return normalize(result.startsWith('/') ? result : `/${result}`);
}
export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  if (slash === -1) return path.startsWith('/') ? '/' : '.';
  return slash === 0 ? '/' : trimmed.slice(0, slash);
}
export function basename(path: string, ext?: string): string {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
}
export function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}
export const isAbsolute = (path: string): boolean => path.startsWith('/');
export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
const path = { sep, delimiter, normalize, join, resolve, dirname, basename, extname, isAbsolute, relative };
export const posix = path;
export default path;
