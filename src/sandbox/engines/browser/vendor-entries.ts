// Where the worker runtime and the import map are inside sandbox-vendor/: content-hashed names
// in the built site (src/sandbox/vendor/entries.ts defines the constant), the unhashed aliases
// elsewhere (unit tests, pages built without the define).
declare const __SANDBOX_VENDOR_ENTRIES__: { runtime: string; importmap: string } | undefined;

export const vendorEntries: { runtime: string; importmap: string } =
  typeof __SANDBOX_VENDOR_ENTRIES__ === 'object' && __SANDBOX_VENDOR_ENTRIES__ !== null ? __SANDBOX_VENDOR_ENTRIES__ : { runtime: 'runtime.js', importmap: 'importmap.json' };
