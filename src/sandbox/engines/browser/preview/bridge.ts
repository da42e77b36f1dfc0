// Page side of the preview: registers the preview Service Worker once and answers its requests for
// the engines living in this page.
import type { WireFailure, WireRequest, WireResponse } from '../net/wire.ts';
import { PREVIEW_DIR, PREVIEW_SW_FILE } from './messages.ts';
import type { PreviewReply, PreviewRequestMessage } from './messages.ts';

export type PreviewHandler = (service: string, path: string, request: Omit<WireRequest, 'url'>) => Promise<WireResponse>;

const handlers = new Map<string, PreviewHandler>();
let registration: Promise<void> | undefined;

export function previewUrl(base: string, engineId: string, service: string, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  return `${base}${PREVIEW_DIR}/${engineId}/${encodeURIComponent(service)}${clean}`;
}

export function addPreviewHandler(engineId: string, handler: PreviewHandler): () => void {
  handlers.set(engineId, handler);
  return () => handlers.delete(engineId);
}

/** Registers the Service Worker (once per page) and waits until it is active. */
export function ensurePreviewWorker(base: string): Promise<void> {
  registration ??= register(base);
  return registration;
}

async function register(base: string): Promise<void> {
  if (!('serviceWorker' in navigator)) {
    throw new Error('Este navegador no permite Service Workers aquí (¿modo privado?): la vista previa no está disponible.');
  }
  navigator.serviceWorker.addEventListener('message', onMessage);
  navigator.serviceWorker.startMessages();
  const reg = await navigator.serviceWorker.register(`${base}${PREVIEW_DIR}/${PREVIEW_SW_FILE}`, { scope: `${base}${PREVIEW_DIR}/` });
  const worker = reg.active ?? reg.waiting ?? reg.installing;
  if (!worker) throw new Error('No se pudo activar la vista previa.');
  if (worker.state === 'activated') return;
  // `navigator.serviceWorker.ready` never settles here: this page is outside the worker's scope.
  await new Promise<void>((resolve, reject) => {
    const onChange = () => {
      if (worker.state === 'activated') resolve();
      else if (worker.state === 'redundant') reject(new Error('No se pudo activar la vista previa.'));
    };
    worker.addEventListener('statechange', onChange);
    onChange();
  });
}

function onMessage(event: MessageEvent): void {
  const data = event.data as PreviewRequestMessage | undefined;
  const port = event.ports[0];
  if (data?.type !== 'sandbox-preview' || !port) return;
  const reply = (message: PreviewReply, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  const handler = handlers.get(data.engineId);
  if (!handler) return reply({ notMine: true });
  handler(data.service, data.path, data.request).then(
    (response) => reply({ response }, response.body ? [response.body] : []),
    (error: unknown) => {
      const failure: WireFailure = {
        kind: (error as { kind?: WireFailure['kind'] })?.kind ?? 'error',
        message: error instanceof Error ? error.message : String(error),
      };
      reply({ failure });
    },
  );
}
