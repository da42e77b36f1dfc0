// node:url in the browser engine: the WHATWG URL plus the file-URL helpers. Paths are those of the
// lab's file system (root = the lab folder).
export const URL = globalThis.URL;
export const URLSearchParams = globalThis.URLSearchParams;

export function fileURLToPath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new globalThis.URL(url) : url;
  if (parsed.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
  return decodeURIComponent(parsed.pathname);
}

export function pathToFileURL(path: string): URL {
  const absolute = path.startsWith('/') ? path : `/${path}`;
  return new globalThis.URL(`file://${absolute.split('/').map(encodeURIComponent).join('/')}`);
}

export default { URL, URLSearchParams, fileURLToPath, pathToFileURL };
