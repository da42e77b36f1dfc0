// Page side of the preview. A service's HTML answer (Swagger UI at /docs) opens in an iframe
// sandboxed WITHOUT allow-same-origin: /__preview__/frame.html (preview/frame.ts), at an opaque
// origin, with its own CSP. Such a frame cannot read the site's storage, navigate the top page or
// reach the network, and a Service Worker does not control it; so this page hands it a MessagePort
// and answers its requests (the document, its scripts and styles, fetch/XHR) from one service of
// the engine that opened the preview. The frame can reach nothing else.
import type { WireRequest, WireResponse } from '../net/wire.ts';
import { PREVIEW_DIR, PREVIEW_FRAME_FILE, PREVIEW_INIT } from './messages.ts';
import type { FramePreviewReply, FramePreviewRequest, PreviewInitMessage } from './messages.ts';

export type PreviewHandler = (service: string, path: string, request: Omit<WireRequest, 'url'>) => Promise<WireResponse>;

const handlers = new Map<string, PreviewHandler>();

/** The sandbox flags of a bridged preview: scripts and forms (Swagger UI's dialogs), never allow-same-origin. */
export const PREVIEW_SANDBOX = 'allow-scripts allow-forms';

export function previewUrl(base: string, engineId: string, service: string, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  return `${base}${PREVIEW_DIR}/${PREVIEW_FRAME_FILE}#${engineId}/${encodeURIComponent(service)}${clean}`;
}

/** `…/__preview__/frame.html#<engine>/<service>/<path>` → its parts, or undefined for any other URL. */
export function parsePreviewUrl(url: string): { engineId: string; service: string; path: string } | undefined {
  const parsed = new URL(url, location.href);
  if (parsed.origin !== location.origin || !parsed.pathname.endsWith(`/${PREVIEW_DIR}/${PREVIEW_FRAME_FILE}`)) return undefined;
  const match = /^#([^/]+)\/([^/]+)(\/.*)?$/.exec(parsed.hash);
  if (!match) return undefined;
  return { engineId: match[1]!, service: decodeURIComponent(match[2]!), path: match[3] ?? '/' };
}

export function addPreviewHandler(engineId: string, handler: PreviewHandler): () => void {
  handlers.set(engineId, handler);
  return () => handlers.delete(engineId);
}

/**
 * Sandboxes `frame` and, once its document has loaded, gives it the port to the service its URL
 * names. Only the first load gets a port: a frame that navigates away (or reloads) is on its own.
 */
export function connectPreviewFrame(frame: HTMLIFrameElement, url: string): void {
  const target = parsePreviewUrl(url);
  if (!target) throw new Error(`No es una vista previa del sandbox: ${url}`);
  frame.setAttribute('sandbox', PREVIEW_SANDBOX);
  frame.addEventListener(
    'load',
    () => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = (event: MessageEvent<FramePreviewRequest>) => void answer(port1, target.engineId, target.service, event.data);
      const init: PreviewInitMessage = { type: PREVIEW_INIT, path: target.path };
      // An opaque origin can only be addressed as '*'; the port, not the origin, is the capability.
      frame.contentWindow?.postMessage(init, '*', [port2]);
    },
    { once: true },
  );
  if (frame.getAttribute('src') !== url) frame.src = url;
}

async function answer(port: MessagePort, engineId: string, service: string, request: FramePreviewRequest): Promise<void> {
  const reply = (message: FramePreviewReply, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  const handler = handlers.get(engineId);
  if (!handler) return reply({ id: request.id, error: `El sandbox de esta vista previa ya no está abierto (${service}).` });
  if (typeof request.path !== 'string' || !request.path.startsWith('/')) return reply({ id: request.id, error: 'Ruta no válida.' });
  try {
    const response = await handler(service, request.path, { method: String(request.method), headers: request.headers, body: request.body });
    const headers = response.headers.filter(([name]) => !/^(content-encoding|content-length)$/i.test(name));
    reply({ id: request.id, response: { status: response.status, statusText: response.statusText, headers, body: response.body } }, response.body ? [response.body] : []);
  } catch (error) {
    const kind = (error as { kind?: string })?.kind;
    reply({
      id: request.id,
      error: kind === 'refused' ? `El servicio ${service} no está en marcha: pulsa Ejecutar y vuelve a abrir la vista previa.` : `El servicio ${service} no respondió: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
