// The vendor folder built by `npm run sandbox:vendor`: its import map (bare specifier → bundle) and
// each specifier's preload closure, with absolute URLs; and warming the HTTP cache with bundles.
import type { VendorMap } from './loader/preload.ts';
import { vendorEntries } from './vendor-entries.ts';

/** Loads the import map (`<vendorBase>map/importmap-<hash>.json`) once; a failed load is tried again on the next call. */
export function createVendorMapLoader(vendorBase: string): () => Promise<VendorMap> {
  let loading: Promise<VendorMap> | undefined;
  return () => {
    loading ??= fetch(`${vendorBase}${vendorEntries.importmap}`).then(async (response) => {
      if (!response.ok) throw new Error(`No se encontraron las dependencias del sandbox (${response.status}): ejecuta npm run sandbox:vendor.`);
      const map = (await response.json()) as { imports: Record<string, string>; preload?: Record<string, string[]> };
      const absolute = (path: string) => new URL(path, vendorBase).href;
      return {
        imports: Object.fromEntries(Object.entries(map.imports).map(([key, value]) => [key, absolute(value)])),
        preload: Object.fromEntries(Object.entries(map.preload ?? {}).map(([key, paths]) => [key, paths.map(absolute)])),
      };
    });
    loading.catch(() => (loading = undefined));
    return loading;
  };
}

/** Vendor URLs already fetched into the HTTP cache by this page (shared by its engines). */
const warmed = new Set<string>();

/**
 * Downloads the dependencies from this page into the HTTP cache (the vendor files are cacheable):
 * the page is free before the worker has started, so the worker's imports then find them there.
 */
export function warmHttpCache(urls: string[]): void {
  for (const url of urls) {
    if (warmed.has(url)) continue;
    warmed.add(url);
    fetch(url, { priority: 'high' } as RequestInit)
      .then((response) => response.arrayBuffer())
      .catch(() => warmed.delete(url));
  }
}
