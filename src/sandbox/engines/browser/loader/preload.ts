// Which vendor files a service will load, guessed from its sources before they are type-stripped,
// so its worker can fetch and compile them while the page builds the module graph. A guess is
// enough: a missed module still loads when the service imports it, an extra one only costs time.
import type { FileTree } from '../../../contract/index.ts';
import { isCode } from './resolve.ts';

export interface VendorMap {
  /** Bare specifier → absolute URL of its module. */
  imports: Record<string, string>;
  /** Bare specifier → absolute URLs of its module and its static import closure. */
  preload: Record<string, string[]>;
}

const BARE_IMPORT =
  /(?:^|[\n;])\s*(?:import|export)(?!\s+type[\s{])(?:[^'"`;]*?\sfrom)?\s*['"]([^'"./][^'"]*)['"]|\bimport\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g;

/** Bare specifiers a source imports at run time (type-only imports excluded). */
export function bareImportsOf(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(BARE_IMPORT)) found.add((match[1] ?? match[2])!);
  return [...found];
}

/** Import-map key of the workers' WebSocket layer (runtime/sockets-install.ts), not importable by labs. */
export const WEBSOCKET_LAYER = '#sandbox/websocket';
const USES_WEBSOCKETS = /\bWebSocket\b|@hono\/node-ws/;

/**
 * URLs to preload for the service in `dir`: the closures of the bare imports of its files, and the
 * WebSocket layer when its sources mention WebSockets (a service without it cannot use them).
 */
export function preloadUrls(tree: FileTree, dir: string, vendor: VendorMap): string[] {
  const prefix = dir === '' || dir === '.' ? '' : `${dir.replace(/\/$/, '')}/`;
  const urls = new Set<string>();
  for (const [path, source] of Object.entries(tree)) {
    if (!path.startsWith(prefix) || !isCode(path) || /\.test\.ts$/.test(path)) continue;
    for (const specifier of bareImportsOf(source)) {
      for (const url of vendor.preload[specifier] ?? []) urls.add(url);
    }
    if (USES_WEBSOCKETS.test(source)) for (const url of vendor.preload[WEBSOCKET_LAYER] ?? []) urls.add(url);
  }
  return [...urls];
}
