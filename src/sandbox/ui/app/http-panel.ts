// The HTTP client: method, URL with a service picker, headers, JSON body (validated before
// sending), "Enviar"; the lab's suggested requests one click away and a per-lab history.
import type { SandboxResponse } from '../../contract/index.ts';
import { resolveInstance } from '../../contract/replicas.ts';
import { checkJsonBody } from '../core/json-body.ts';
import { HISTORY_BODY_LIMIT, type SavedRequest } from '../core/lab-store.ts';
import { formatHeaders, parseHeaders, resolveUrl, serviceBaseUrl, withService } from '../core/url-target.ts';
import { h, uid } from './dom.ts';
import type { LabRequestData } from './lab-data.ts';
import { isHtml, renderFailure, renderResponse } from './response-view.ts';
import type { LabSession } from './session.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export interface HttpPanel {
  element: HTMLElement;
  fill(request: LabRequestData): void;
  /** Sends what the form holds (the last request sent, or the one chosen). */
  send(): void;
}

export function createHttpPanel(session: LabSession, openPreview: (service: string, path: string) => void): HttpPanel {
  const services = session.services;
  const field = (label: string, control: HTMLElement, hint?: string) => {
    const id = control.id || uid('f');
    control.id = id;
    return h('div', { className: 'sbx-field' }, h('label', { for: id }, label), hint ? h('span', { className: 'sbx-muted sbx-hint' }, hint) : null, control);
  };
  const method = h('select', {}, ...METHODS.map((m) => h('option', { value: m }, m)));
  const service = h('select', {}, ...services.map((s) => h('option', { value: s.name }, `${s.name} (:${s.port})`)));
  // Prefilled below with the lab's first suggested request (no lab has a /health route).
  const url = h('input', { type: 'text', spellcheck: 'false', autocomplete: 'off', value: `${serviceBaseUrl(services[0]!)}/` });
  const headers = h('textarea', { className: 'sbx-headers-input', rows: 2, spellcheck: 'false', placeholder: 'Authorization: Bearer …' });
  const body = h('textarea', { className: 'sbx-body-input', rows: 5, spellcheck: 'false', placeholder: '{ "email": "ana@foodly.test" }' });
  const problemId = uid('problem');
  const problem = h('p', { id: problemId, className: 'sbx-error', 'aria-live': 'polite' });
  const send = h('button', { type: 'submit', className: 'sbx-btn sbx-btn-primary', 'aria-keyshortcuts': 'Alt+Shift+Enter', title: 'Alt+Mayús+Intro' }, 'Enviar');
  const result = h('section', { className: 'sbx-result', 'aria-label': 'Respuesta', 'aria-live': 'polite', 'aria-busy': 'false' });
  const historyList = h('ul', { className: 'sbx-history' });

  service.addEventListener('change', () => {
    const chosen = services.find((s) => s.name === service.value)!;
    url.value = withService(url.value, chosen, services);
  });
  url.addEventListener('change', () => {
    const target = resolveUrl(url.value, services, service.value);
    if (target.ok) service.value = target.service;
  });
  body.addEventListener('input', () => {
    const check = checkJsonBody(body.value);
    setProblem(body, check.ok ? '' : check.message);
  });

  function setProblem(control: HTMLElement | null, message: string) {
    problem.textContent = message;
    for (const c of [url, headers, body]) {
      const invalid = c === control && message !== '';
      c.toggleAttribute('aria-invalid', invalid);
      if (invalid) c.setAttribute('aria-describedby', problemId);
      else c.removeAttribute('aria-describedby');
    }
  }

  function fill(request: LabRequestData | SavedRequest) {
    method.value = request.method;
    const instance = resolveInstance(services, request.service, 'replica' in request ? request.replica : undefined);
    const spec = services.find((s) => s.name === instance) ?? services[0]!;
    service.value = spec.name;
    url.value = `${serviceBaseUrl(spec)}${request.path}`;
    headers.value = formatHeaders(request.headers ?? {});
    const raw = (request as SavedRequest).at !== undefined ? (request as SavedRequest).body : (request as LabRequestData).body;
    body.value = raw === undefined ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw, null, 2);
    const truncated = (request as SavedRequest).truncated;
    setProblem(truncated ? body : null, truncated ? `El historial guarda solo los primeros ${Math.round(HISTORY_BODY_LIMIT / 1024)} KB del cuerpo (tenía ${Math.round(truncated / 1024)} KB): pega el cuerpo completo antes de enviar.` : '');
  }

  async function submit() {
    const target = resolveUrl(url.value, services, service.value);
    if (!target.ok) return setProblem(url, target.message), url.focus();
    const parsedHeaders = parseHeaders(headers.value);
    if (!parsedHeaders.ok) return setProblem(headers, parsedHeaders.message), headers.focus();
    const json = checkJsonBody(body.value);
    if (!json.ok) return setProblem(body, json.message), body.focus();
    setProblem(null, '');
    const requestHeaders = { ...parsedHeaders.headers };
    const hasBody = !json.empty && method.value !== 'GET' && method.value !== 'HEAD';
    if (hasBody && !Object.keys(requestHeaders).some((k) => k.toLowerCase() === 'content-type')) requestHeaders['content-type'] = 'application/json';
    result.setAttribute('aria-busy', 'true');
    send.disabled = true;
    performance.mark('sandbox:ui:request-sent');
    let response: SandboxResponse | undefined;
    try {
      if (session.engine.status(target.service).state !== 'running') await session.start(target.service);
      response = await session.request({ service: target.service, method: method.value, path: target.path, headers: requestHeaders, body: hasBody ? body.value : undefined });
      const preview = isHtml(response) ? h('button', { type: 'button', className: 'sbx-btn', onclick: () => openPreview(target.service, target.path) }, 'Abrir en la vista previa') : undefined;
      result.replaceChildren(renderResponse(response, preview));
      performance.mark('sandbox:ui:response-shown');
    } catch (error) {
      result.replaceChildren(renderFailure(error instanceof Error ? error.message : String(error)));
    } finally {
      result.setAttribute('aria-busy', 'false');
      send.disabled = false;
    }
    const saved: SavedRequest = { service: target.service, method: method.value, path: target.path, headers: parsedHeaders.headers, body: hasBody ? body.value : '', status: response?.status, at: Date.now() };
    renderHistory(await session.store.remember(saved).catch(() => [saved]));
  }

  function renderHistory(items: SavedRequest[]) {
    historyList.replaceChildren(
      ...items.map((item) =>
        h('li', {}, h('button', { type: 'button', className: 'sbx-btn sbx-btn-link', onclick: () => fill(item) }, `${item.method} ${item.path}`, h('span', { className: 'sbx-muted' }, ` · ${item.service}${item.status ? ` · ${item.status}` : ''}`))),
      ),
    );
    if (items.length === 0) historyList.append(h('li', { className: 'sbx-muted' }, 'Aún no has enviado peticiones.'));
  }
  void session.store.history().then(renderHistory);

  // The same suggestions as a compact picker (lab mode shows it instead of the list, to keep the
  // response in view next to the code): choosing one fills the form without sending.
  const picker = h('select', { className: 'sbx-suggested-picker' }, ...session.lab.meta.requests.map((request, index) => h('option', { value: String(index) }, `${request.label} · ${request.method} ${request.path}`)));
  picker.addEventListener('change', () => {
    const chosen = session.lab.meta.requests[Number(picker.value)];
    if (chosen) fill(chosen);
  });
  const form = h(
    'form',
    { className: 'sbx-http-form', novalidate: true },
    session.lab.meta.requests.length > 0 ? h('div', { className: 'sbx-picker-field' }, field('Petición sugerida', picker)) : null,
    h('div', { className: 'sbx-http-line' }, field('Método', method), field('Servicio', service), field('URL', url)),
    field('Cabeceras', headers, 'Una por línea: Nombre: valor'),
    field('Cuerpo (JSON)', body),
    problem,
    send,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  const suggestions = h(
    'ul',
    { className: 'sbx-suggested' },
    ...session.lab.meta.requests.map((request) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            className: 'sbx-btn',
            onclick: () => {
              fill(request);
              void submit();
            },
          },
          request.label,
        ),
        h('code', { className: 'sbx-muted' }, ` ${request.method} ${request.path}`),
      ),
    ),
  );

  const element = h(
    'div',
    { className: 'sbx-http' },
    h('div', { className: 'sbx-http-side' }, h('h4', {}, 'Peticiones sugeridas'), suggestions, h('details', {}, h('summary', {}, 'Historial'), historyList)),
    h('div', { className: 'sbx-http-main' }, form, result),
  );
  const first = session.lab.meta.requests[0];
  if (first) fill(first);
  return { element, fill, send: () => form.requestSubmit() };
}
