// The two entry points of the sandbox vendor folder have content-hashed names
// (runtime/runtime-<hash>.js, map/importmap-<hash>.json): the build reads them from the manifest
// the vendor build wrote and gives them to the page's code as a compile-time constant
// (__SANDBOX_VENDOR_ENTRIES__, see engines/browser/vendor-entries.ts). Without a vendor build (unit
// tests), the unhashed aliases runtime.js and importmap.json, which revalidate, are used.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface VendorEntries {
  /** Paths inside sandbox-vendor/. */
  runtime: string;
  importmap: string;
}

export const UNHASHED_ENTRIES: VendorEntries = { runtime: 'runtime.js', importmap: 'importmap.json' };

export function readVendorEntries(root = fileURLToPath(new URL('../../../', import.meta.url))): VendorEntries {
  const manifest = `${root.replace(/\/?$/, '/')}public/sandbox-vendor/manifest.json`;
  if (!existsSync(manifest)) return UNHASHED_ENTRIES;
  const { entries } = JSON.parse(readFileSync(manifest, 'utf8')) as { entries?: VendorEntries };
  return entries ?? UNHASHED_ENTRIES;
}

/** Vite's `define` for astro.config. */
export function vendorEntriesDefine(): Record<string, string> {
  return { __SANDBOX_VENDOR_ENTRIES__: JSON.stringify(readVendorEntries()) };
}
