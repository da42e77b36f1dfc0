// Messages between the preview Service Worker and the page that runs the sandbox engine.
import type { WireFailure, WireRequest, WireResponse } from '../net/wire.ts';

export const PREVIEW_DIR = '__sandbox__';
export const PREVIEW_SW_FILE = 'preview-sw.js';

export interface PreviewRequestMessage {
  type: 'sandbox-preview';
  engineId: string;
  service: string;
  /** Path and query inside the service, e.g. `/docs?x=1`. */
  path: string;
  request: Omit<WireRequest, 'url'>;
}

export type PreviewReply = { response: WireResponse } | { failure: WireFailure } | { notMine: true };

/** `/<base>__sandbox__/<engineId>/<service>/<rest>` → its parts, or undefined. */
export function parsePreviewPath(pathname: string, scopePath: string): { engineId: string; service: string; path: string } | undefined {
  if (!pathname.startsWith(scopePath)) return undefined;
  const [engineId, service, ...rest] = pathname.slice(scopePath.length).split('/');
  if (!engineId || !service) return undefined;
  return { engineId, service: decodeURIComponent(service), path: `/${rest.join('/')}` };
}
