// Messages between the sandboxed preview frame (preview/frame.ts) and the page that runs the
// sandbox engine (preview/bridge.ts).
import type { WireResponse } from '../net/wire.ts';

/** Folder of the preview frame's document, built by `npm run sandbox:vendor` (outside sandbox-vendor/: not hashed, revalidated). */
export const PREVIEW_DIR = '__preview__';
export const PREVIEW_FRAME_FILE = 'frame.html';
export const PREVIEW_INIT = 'foodly-preview-init';

/** Page → frame, once: the port to the service and the path of the document to show. */
export interface PreviewInitMessage {
  type: typeof PREVIEW_INIT;
  path: string;
}

/** Frame → page over the port: a request to the previewed service (path and query inside it). */
export interface FramePreviewRequest {
  id: number;
  method: string;
  path: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

/** Page → frame over the port. */
export type FramePreviewReply =
  | { id: number; response: { status: number; statusText: string; headers: [string, string][]; body: ArrayBuffer | null } }
  | { id: number; error: string };

export type { WireResponse };
