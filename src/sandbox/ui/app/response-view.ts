// An HTTP answer as the reader sees it: status and time, headers, and the pretty body.
import type { SandboxResponse } from '../../contract/index.ts';
import { BODY_PREVIEW_CHARS, prettyBody, statusLine } from '../core/status-text.ts';
import { h } from './dom.ts';

export const isHtml = (response: SandboxResponse) => /text\/html/i.test(headerOf(response, 'content-type'));

export function headerOf(response: SandboxResponse, name: string): string {
  const key = Object.keys(response.headers).find((k) => k.toLowerCase() === name);
  return key ? response.headers[key]! : '';
}

export function renderResponse(response: SandboxResponse, extra?: Node): HTMLElement {
  const tone = response.status >= 500 ? 'error' : response.status >= 400 ? 'warn' : 'ok';
  const body = prettyBody(response.text, headerOf(response, 'content-type'));
  const headers = Object.entries(response.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  return h(
    'div',
    { className: 'sbx-response' },
    h(
      'p',
      { className: 'sbx-response-status' },
      h('strong', { className: `sbx-http sbx-http-${tone}` }, statusLine(response.status, response.statusText)),
      h('span', { className: 'sbx-muted' }, ` · ${Math.round(response.time)} ms`),
    ),
    h('details', {}, h('summary', {}, `Cabeceras (${Object.keys(response.headers).length})`), h('pre', { className: 'sbx-pre' }, headers)),
    response.text === '' ? h('p', { className: 'sbx-muted' }, 'Sin cuerpo.') : h('pre', { className: 'sbx-pre sbx-body', 'aria-label': body.json ? 'Cuerpo JSON de la respuesta' : 'Cuerpo de la respuesta', tabindex: '0' }, body.text),
    body.truncated ? truncationNote(response) : null,
    extra ?? null,
  );
}

/** Says how much is shown and offers the whole body as a download (a Blob: nothing is laid out). */
function truncationNote(response: SandboxResponse): HTMLElement {
  const type = headerOf(response, 'content-type') || 'text/plain';
  // Characters, not bytes: encoding 50 MB just to print its size would cost what we are avoiding.
  const size = response.text.length;
  const link = h('a', { href: '#', className: 'sbx-btn sbx-btn-small', download: /json/i.test(type) ? 'respuesta.json' : /html/i.test(type) ? 'respuesta.html' : 'respuesta.txt' }, 'Descargar completa');
  link.addEventListener('click', () => {
    link.href = URL.createObjectURL(new Blob([response.text], { type }));
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  });
  return h(
    'p',
    { className: 'sbx-muted sbx-truncated' },
    `Respuesta de ${(size / 1024 / 1024).toFixed(1)} MB: se muestran los primeros ${BODY_PREVIEW_CHARS.toLocaleString('es-ES')} caracteres. `,
    link,
  );
}

export function renderFailure(message: string): HTMLElement {
  return h('p', { className: 'sbx-error', role: 'alert' }, message);
}
