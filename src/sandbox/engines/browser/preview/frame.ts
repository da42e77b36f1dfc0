// Runs inside the preview iframe (inlined into /__preview__/frame.html by the vendor build). The
// frame is sandboxed without allow-same-origin: its origin is opaque, so the HTML a service
// answers cannot read the site's localStorage or IndexedDB, cannot navigate the top page, and its
// CSP (connect-src 'none') keeps it off the network. Its only way out is the MessagePort the page
// hands over (preview/bridge.ts), which reaches one service of the sandbox:
// - the document itself and its sub-resources (scripts, stylesheets, images) are fetched through
//   the port and turned into blob: URLs (inline scripts too, so the CSP needs no 'unsafe-inline');
// - fetch() and XMLHttpRequest to the site's origin (Swagger UI's /openapi.json and "Try it out")
//   go through the port as well; other origins are refused with a message that says why;
// - links to other paths of the service load through the port instead of navigating the frame.
import type { FramePreviewReply, FramePreviewRequest, PreviewInitMessage } from './messages.ts';
import { PREVIEW_INIT } from './messages.ts';

type Reply = Extract<FramePreviewReply, { response: unknown }>['response'];

const siteOrigin = new URL(location.href).origin;
let port: MessagePort | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
/** The URL the previewed document pretends to live at (relative URLs resolve against it). */
let documentUrl = location.href;

window.addEventListener('message', (event: MessageEvent<PreviewInitMessage>) => {
  if (port || event.source !== window.parent || event.data?.type !== PREVIEW_INIT || !event.ports[0]) return;
  port = event.ports[0];
  port.onmessage = (reply: MessageEvent<FramePreviewReply>) => {
    const waiting = pending.get(reply.data.id);
    if (!waiting) return;
    pending.delete(reply.data.id);
    if ('response' in reply.data) waiting.resolve(reply.data.response);
    else waiting.reject(new TypeError(reply.data.error));
  };
  installNetwork();
  void load(event.data.path);
});

function ask(method: string, path: string, headers: [string, string][], body: ArrayBuffer | null): Promise<Reply> {
  if (!port) return Promise.reject(new TypeError('La vista previa aún no está conectada.'));
  const id = nextId++;
  const message: FramePreviewRequest = { id, method, path, headers, body };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    port!.postMessage(message, body ? [body] : []);
  });
}

/** Path and query inside the service for a URL of the site's origin, or undefined for other origins. */
function servicePath(url: URL): string | undefined {
  return url.origin === siteOrigin ? url.pathname + url.search : undefined;
}

const refused = (url: string) =>
  new TypeError(`La vista previa solo puede llamar a su servicio: se bloqueó la petición a ${url} (otro origen).`);

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

async function bridgedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const resolved = input instanceof Request ? input.url : new URL(String(input), documentUrl).href;
  const request = new Request(resolved, init ?? (input instanceof Request ? input : undefined));
  const path = servicePath(new URL(request.url));
  if (path === undefined) throw refused(request.url);
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
  const reply = await ask(request.method, path, [...request.headers], body);
  return new Response(NULL_BODY.has(reply.status) ? null : reply.body, { status: reply.status, statusText: reply.statusText, headers: reply.headers });
}

function installNetwork(): void {
  Object.defineProperty(window, 'fetch', { value: bridgedFetch, writable: true, configurable: true });
  Object.defineProperty(window, 'XMLHttpRequest', { value: BridgedXhr, writable: true, configurable: true });
}

/** XMLHttpRequest over bridgedFetch: enough for libraries that still use it (readyState, events, responseType). */
class BridgedXhr extends EventTarget {
  static readonly UNSENT = 0;
  static readonly OPENED = 1;
  static readonly HEADERS_RECEIVED = 2;
  static readonly LOADING = 3;
  static readonly DONE = 4;
  readyState = 0;
  status = 0;
  statusText = '';
  responseType: XMLHttpRequestResponseType = '';
  response: unknown = '';
  responseText = '';
  responseURL = '';
  timeout = 0;
  withCredentials = false;
  upload = new EventTarget();
  onreadystatechange: ((event: Event) => void) | null = null;
  onload: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onloadend: ((event: Event) => void) | null = null;
  onabort: ((event: Event) => void) | null = null;
  ontimeout: ((event: Event) => void) | null = null;
  #method = 'GET';
  #url = '';
  #headers: [string, string][] = [];
  #responseHeaders = new Headers();
  #controller: AbortController | undefined;

  open(method: string, url: string): void {
    this.#method = method.toUpperCase();
    this.#url = new URL(url, documentUrl).href;
    this.#headers = [];
    this.#set(1);
  }
  setRequestHeader(name: string, value: string): void {
    this.#headers.push([name, value]);
  }
  getResponseHeader(name: string): string | null {
    return this.#responseHeaders.get(name);
  }
  getAllResponseHeaders(): string {
    return [...this.#responseHeaders].map(([name, value]) => `${name}: ${value}\r\n`).join('');
  }
  overrideMimeType(): void {}
  abort(): void {
    this.#controller?.abort();
  }
  send(body?: BodyInit | null): void {
    this.#controller = new AbortController();
    const signal = this.#controller.signal;
    const timer = this.timeout > 0 ? setTimeout(() => this.#controller?.abort(new DOMException('timeout', 'TimeoutError')), this.timeout) : undefined;
    bridgedFetch(this.#url, { method: this.#method, headers: this.#headers, body: body ?? null, signal })
      .then(async (response) => {
        this.status = response.status;
        this.statusText = response.statusText;
        this.responseURL = this.#url;
        this.#responseHeaders = response.headers;
        this.#set(2);
        this.#set(3);
        const type = this.responseType;
        if (type === 'arraybuffer') this.response = await response.arrayBuffer();
        else if (type === 'blob') this.response = await response.blob();
        else {
          this.responseText = await response.text();
          this.response = type === 'json' ? safeJson(this.responseText) : this.responseText;
        }
        this.#set(4);
        this.#fire('load');
      })
      .catch((error: unknown) => {
        this.#set(4);
        this.#fire(signal.aborted ? ((signal.reason as DOMException)?.name === 'TimeoutError' ? 'timeout' : 'abort') : 'error');
        if (!signal.aborted) console.error(error);
      })
      .finally(() => {
        clearTimeout(timer);
        this.#fire('loadend');
      });
  }
  #set(state: number): void {
    this.readyState = state;
    this.#fire('readystatechange');
  }
  #fire(type: string): void {
    const event = new Event(type);
    this.dispatchEvent(event);
    const handler = (this as unknown as Record<string, unknown>)[`on${type}`];
    if (typeof handler === 'function') handler.call(this, event);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const decoder = new TextDecoder();

/** Loads `path` of the service as this frame's document. */
async function load(path: string): Promise<void> {
  documentUrl = new URL(path, siteOrigin).href;
  let reply: Reply;
  try {
    reply = await ask('GET', path, [['accept', 'text/html,*/*;q=0.8']], null);
  } catch (error) {
    return show(`No se pudo abrir la vista previa: ${(error as Error).message}`);
  }
  const type = new Headers(reply.headers).get('content-type') ?? '';
  const text = reply.body ? decoder.decode(reply.body) : '';
  if (!/html/i.test(type)) return show(`${reply.status} ${reply.statusText} (${type || 'sin content-type'})\n\n${text}`);
  const parsed = new DOMParser().parseFromString(text, 'text/html');
  await Promise.all([
    ...[...parsed.querySelectorAll('script')].map(inlineScript),
    ...[...parsed.querySelectorAll<HTMLLinkElement>('link[href]')].map((link) => toBlobAttribute(link, 'href')),
    ...[...parsed.querySelectorAll<HTMLElement>('img[src]')].map((img) => toBlobAttribute(img, 'src')),
  ]);
  // The address bar of the preview shows the service's path (best effort: opaque origins may refuse).
  try {
    history.replaceState(null, '', path);
  } catch {
    /* the document keeps the frame's URL; relative URLs still resolve against documentUrl */
  }
  document.open();
  document.write(`<!doctype html>${parsed.documentElement.outerHTML}`);
  document.close();
  // document.open() removed this window's listeners: intercept links again.
  document.addEventListener('click', onLinkClick);
}

/** A script of the service's document as a blob: URL (CSP: script-src blob:, no 'unsafe-inline'). */
async function inlineScript(script: HTMLScriptElement): Promise<void> {
  const kind = script.type.trim().toLowerCase();
  const runnable = kind === '' || kind === 'module' || /javascript|ecmascript/.test(kind);
  if (!runnable) return;
  const source = script.getAttribute('src');
  if (source === null) {
    script.src = URL.createObjectURL(new Blob([script.textContent ?? ''], { type: 'text/javascript' }));
    script.textContent = '';
    return;
  }
  await toBlobAttribute(script, 'src', 'text/javascript');
}

async function toBlobAttribute(element: Element, attribute: 'src' | 'href', forcedType?: string): Promise<void> {
  const value = element.getAttribute(attribute);
  if (!value || /^(data|blob):/i.test(value)) return;
  const url = new URL(value, documentUrl);
  const path = servicePath(url);
  if (path === undefined) return; // Another origin: the CSP refuses it, as the network rules say.
  try {
    const reply = await ask('GET', path, [], null);
    if (reply.status >= 400 || !reply.body) return;
    const type = forcedType ?? new Headers(reply.headers).get('content-type') ?? 'application/octet-stream';
    element.setAttribute(attribute, URL.createObjectURL(new Blob([reply.body], { type })));
  } catch {
    /* left as is: the browser reports the failed load */
  }
}

function onLinkClick(event: MouseEvent): void {
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('#') || /^(javascript|data|blob|mailto):/i.test(href)) return;
  const url = new URL(href, documentUrl);
  const path = servicePath(url);
  event.preventDefault();
  if (path === undefined) return show(`La vista previa no abre otros sitios: ${url.href}`);
  void load(path);
}

function show(text: string): void {
  document.open();
  document.write('<!doctype html><html lang="es"><meta charset="utf-8"><title>Vista previa</title><body style="font-family:system-ui;padding:1rem"><pre style="white-space:pre-wrap"></pre></body></html>');
  document.close();
  document.querySelector('pre')!.textContent = text;
}
