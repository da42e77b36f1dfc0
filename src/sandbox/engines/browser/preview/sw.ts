// Preview Service Worker (bundled to /__sandbox__/preview-sw.js, scope /__sandbox__/).
// An iframe at /__sandbox__/<engine>/<service>/docs is answered by that service: the request goes
// to the page that runs the engine (MessageChannel), which routes it to the service's Worker.
// Subresource requests of a preview document that use absolute paths (Swagger UI fetching
// /openapi.json) are routed to the same service, except the site's /sandbox-vendor/ assets.
import type { WireResponse } from '../net/wire.ts';
import { parsePreviewPath, PREVIEW_SW_FILE } from './messages.ts';
import type { PreviewReply, PreviewRequestMessage } from './messages.ts';

// Typed loosely: the project compiles with the DOM lib, not the webworker one.
interface SwClient {
  url: string;
  postMessage(message: unknown, transfer: Transferable[]): void;
}
interface SwFetchEvent extends Event {
  request: Request;
  clientId: string;
  respondWith(response: Promise<Response> | Response): void;
}
interface SwScope {
  registration: { scope: string };
  location: Location;
  clients: {
    claim(): Promise<void>;
    get(id: string): Promise<SwClient | undefined>;
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<SwClient[]>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install', listener: (event: Event) => void): void;
  addEventListener(type: 'activate', listener: (event: Event & { waitUntil(p: Promise<unknown>): void }) => void): void;
  addEventListener(type: 'fetch', listener: (event: SwFetchEvent) => void): void;
}
declare const self: SwScope;

const scopePath = new URL(self.registration.scope).pathname;
const basePath = scopePath.replace(/__sandbox__\/$/, '');
const vendorPath = `${basePath}sandbox-vendor/`;
const REPLY_TIMEOUT_MS = 30_000;

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  const direct = parsePreviewPath(url.pathname, scopePath);
  if (direct && !url.pathname.endsWith(`/${PREVIEW_SW_FILE}`)) {
    event.respondWith(forward(direct.engineId, direct.service, direct.path + url.search, event.request));
    return;
  }
  if (!event.clientId || url.pathname.startsWith(vendorPath)) return;
  event.respondWith(
    (async () => {
      const client = await self.clients.get(event.clientId);
      const owner = client ? parsePreviewPath(new URL(client.url).pathname, scopePath) : undefined;
      if (!owner) return fetch(event.request);
      return forward(owner.engineId, owner.service, url.pathname + url.search, event.request);
    })(),
  );
});

async function forward(engineId: string, service: string, path: string, request: Request): Promise<Response> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? await request.arrayBuffer() : null;
  const message: PreviewRequestMessage = {
    type: 'sandbox-preview',
    engineId,
    service,
    path,
    request: { method: request.method, headers: [...request.headers], body },
  };
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const replies = pages.map((page) => ask(page, message));
  const reply = await firstAnswer(replies);
  if (!reply) return errorPage(504, `Ninguna página abierta ejecuta este sandbox (${service}). Vuelve a la lección y pulsa Ejecutar.`);
  if ('failure' in reply) {
    const text =
      reply.failure.kind === 'refused'
        ? `El servicio ${service} no está en marcha: pulsa Ejecutar y vuelve a cargar la vista previa.`
        : `El servicio ${service} no respondió: ${reply.failure.message}`;
    return errorPage(502, text);
  }
  return toResponse(reply.response);
}

function ask(page: SwClient, message: PreviewRequestMessage): Promise<PreviewReply> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve({ notMine: true }), REPLY_TIMEOUT_MS);
    channel.port1.onmessage = (event: MessageEvent<PreviewReply>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    // Copy the body per page: a transferred buffer could reach only one of them.
    const copy = { ...message, request: { ...message.request, body: message.request.body?.slice(0) ?? null } };
    page.postMessage(copy, [channel.port2]);
  });
}

async function firstAnswer(replies: Promise<PreviewReply>[]): Promise<Exclude<PreviewReply, { notMine: true }> | undefined> {
  return new Promise((resolve) => {
    let left = replies.length;
    if (left === 0) resolve(undefined);
    for (const reply of replies) {
      void reply.then((value) => {
        if (!('notMine' in value)) resolve(value);
        else if (--left === 0) resolve(undefined);
      });
    }
  });
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

function toResponse(wire: WireResponse): Response {
  const headers = new Headers(wire.headers);
  // The page is cross-origin isolated (COEP require-corp): a nested document must opt in too.
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  headers.delete('content-encoding');
  headers.delete('content-length');
  const body = NULL_BODY_STATUS.has(wire.status) ? null : wire.body;
  return new Response(body, { status: wire.status, statusText: wire.statusText, headers });
}

function errorPage(status: number, text: string): Response {
  const html = `<!doctype html><html lang="es"><meta charset="utf-8"><title>Vista previa</title><body style="font-family:system-ui;padding:1rem"><p>${text.replace(/</g, '&lt;')}</p></body></html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  });
}
