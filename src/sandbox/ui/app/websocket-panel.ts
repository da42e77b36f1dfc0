// The WebSocket client (issue 14): connect to a service with a path, headers (a token at connect)
// and subprotocols; several connections at once, each with its live log of frames (direction, time,
// text), a box to send text, the lab's quick messages, and "Cerrar". lab.yaml `connections` are the
// suggested ones ("▶ Probar" opens one). Loaded only for labs that declare connections, on engines
// with the 'websocket' capability (see sandbox-view.ts).
import type { WebSocketCapability, WebSocketClose, WebSocketConnection, WebSocketFrame } from '../../contract/index.ts';
import { formatHeaders, parseHeaders } from '../core/url-target.ts';
import { h, uid } from './dom.ts';
import type { LabConnectionData } from './lab-data.ts';
import type { LabSession } from './session.ts';

/** Frames kept per connection; older ones leave the log (the count says how many). */
export const MAX_FRAMES = 200;

export interface WebSocketPanel {
  element: HTMLElement;
  /** Fills the form with a suggested connection and opens it. */
  open(connection: LabConnectionData): Promise<void>;
}

export const time = (date: Date) => `${date.toLocaleTimeString('es-ES', { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;

export function describeFrame(frame: WebSocketFrame): string {
  if (!frame.binary) return frame.data as string;
  const bytes = new Uint8Array(frame.data as ArrayBuffer);
  const preview = [...bytes.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `[binario, ${bytes.byteLength} bytes] ${preview}${bytes.byteLength > 16 ? ' …' : ''}`;
}

export function describeClose(close: WebSocketClose): string {
  if (close.code === 1006) return 'Conexión perdida (1006): el servicio se detuvo o se cayó sin cerrar.';
  const reason = close.reason ? ` «${close.reason}»` : '';
  return `Cerrada con el código ${close.code}${reason}${close.wasClean ? '' : ' (sin cierre limpio)'}.`;
}

/**
 * A connection's live log, newest last and bounded (MAX_FRAMES; how many were hidden is said):
 * the panel's connections and the Recorrido's WebSocket steps show frames the same way.
 */
export function frameLog(label: string): { log: HTMLElement; dropped: HTMLElement; add(direction: 'out' | 'in' | 'info', text: string): void } {
  const frames = h('ol', { className: 'sbx-ws-list-frames' });
  // A focusable region, so the keyboard can scroll a long log.
  const log = h('div', { className: 'sbx-ws-frames', role: 'log', 'aria-label': label, tabindex: 0 }, frames);
  const dropped = h('p', { className: 'sbx-muted sbx-ws-dropped', hidden: true });
  let droppedCount = 0;
  const add = (direction: 'out' | 'in' | 'info', text: string) => {
    const arrow = direction === 'out' ? '→' : direction === 'in' ? '←' : '·';
    const who = direction === 'out' ? 'enviado' : direction === 'in' ? 'recibido' : 'aviso';
    frames.append(
      h('li', { className: `sbx-ws-frame sbx-ws-${direction}` },
        h('span', { className: 'sbx-ws-dir', 'aria-hidden': 'true' }, arrow),
        h('span', { className: 'visually-hidden' }, `${who}: `),
        h('time', { className: 'sbx-muted' }, time(new Date())),
        h('span', { className: 'sbx-ws-text' }, text),
      ),
    );
    while (frames.children.length > MAX_FRAMES) {
      frames.firstElementChild!.remove();
      droppedCount++;
    }
    if (droppedCount > 0) {
      dropped.hidden = false;
      dropped.textContent = `Se muestran los últimos ${MAX_FRAMES} mensajes (${droppedCount} más antiguos ocultos).`;
    }
    log.scrollTop = log.scrollHeight;
  };
  return { log, dropped, add };
}

/**
 * One open connection: its state, quick messages, a send box, the live log and Cerrar (then
 * Quitar, which calls `onRemove`). The panel lists several; "▶ Probar" in prose shows one.
 */
export function connectionView(socket: WebSocketConnection, label: string, target: string, quick: string[], onRemove: (section: HTMLElement) => void): HTMLElement {
  const headingId = uid('wsc');
  const state = h('p', { className: 'sbx-ws-state', 'data-state': 'open', role: 'status' }, `Abierta${socket.protocol ? ` · subprotocolo ${socket.protocol}` : ''}.`);
  const { log, dropped, add } = frameLog(`Mensajes de ${label}`);
  socket.onMessage((frame) => add('in', describeFrame(frame)));

  const input = h('input', { type: 'text', spellcheck: 'false', autocomplete: 'off', 'aria-label': `Mensaje para ${label}`, placeholder: '{"tipo":"ping"}' });
  const send = h('button', { type: 'submit', className: 'sbx-btn' }, 'Enviar');
  const close = h('button', { type: 'button', className: 'sbx-btn' }, 'Cerrar', h('span', { className: 'visually-hidden' }, ` ${label}`));
  const remove = h('button', { type: 'button', className: 'sbx-btn sbx-btn-link', hidden: true }, 'Quitar', h('span', { className: 'visually-hidden' }, ` ${label}`));
  const sendText = (text: string) => {
    try {
      socket.send(text);
      add('out', text);
    } catch (error) {
      add('info', error instanceof Error ? error.message : String(error));
    }
  };
  const form = h('form', { className: 'sbx-ws-send', novalidate: true }, input, send);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value === '') return;
    sendText(input.value);
    input.value = '';
  });
  const quickList = quick.length
    ? h('div', { className: 'sbx-ws-quick', role: 'group', 'aria-label': 'Mensajes sugeridos' }, ...quick.map((text) => h('button', { type: 'button', className: 'sbx-btn sbx-btn-small', onclick: () => sendText(text) }, h('code', {}, text))))
    : null;
  close.addEventListener('click', () => {
    socket.close(1000, 'cerrado desde el panel');
    close.disabled = true;
  });
  const section = h('section', { className: 'sbx-ws-conn', 'aria-labelledby': headingId },
    h('div', { className: 'sbx-ws-head' }, h('h5', { id: headingId }, label, label !== target ? h('span', { className: 'sbx-muted' }, ` · ${target}`) : null), close, remove),
    state,
    quickList,
    form,
    dropped,
    log,
  );
  remove.addEventListener('click', () => onRemove(section));
  void socket.closed.then((ended) => {
    state.dataset.state = 'closed';
    state.textContent = describeClose(ended);
    add('info', describeClose(ended));
    input.disabled = true;
    send.disabled = true;
    const hadFocus = section.contains(document.activeElement);
    close.hidden = true;
    remove.hidden = false;
    if (hadFocus) remove.focus();
  });
  return section;
}

export function createWebSocketPanel(session: LabSession, engine: WebSocketCapability): WebSocketPanel {
  const services = session.services;
  const suggested = session.lab.meta.connections ?? [];
  const field = (label: string, control: HTMLElement, hint?: string) => {
    const id = control.id || uid('ws');
    control.id = id;
    const hintId = hint ? uid('wsh') : undefined;
    if (hintId) control.setAttribute('aria-describedby', hintId);
    return h('div', { className: 'sbx-field' }, h('label', { for: id }, label), hint ? h('span', { id: hintId, className: 'sbx-muted sbx-hint' }, hint) : null, control);
  };
  const service = h('select', {}, ...services.map((s) => h('option', { value: s.name }, `${s.name} (:${s.port})`)));
  const path = h('input', { type: 'text', spellcheck: 'false', autocomplete: 'off', value: suggested[0]?.path ?? '/ws' });
  const headers = h('textarea', { rows: 2, spellcheck: 'false', placeholder: 'Authorization: Bearer …' });
  const protocols = h('input', { type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: 'chat.v1, chat.v2' });
  const problem = h('p', { className: 'sbx-error', 'aria-live': 'polite' });
  const connect = h('button', { type: 'submit', className: 'sbx-btn sbx-btn-primary' }, 'Conectar');
  const list = h('div', { className: 'sbx-ws-list' });
  const empty = h('p', { className: 'sbx-muted' }, 'Aún no hay conexiones abiertas.');
  list.append(empty);
  if (suggested[0]) service.value = suggested[0].service;

  let current: { label?: string; messages: string[]; replica?: number } = { messages: [] };

  function fill(connection: LabConnectionData) {
    service.value = connection.service;
    path.value = connection.path;
    headers.value = formatHeaders(connection.headers ?? {});
    protocols.value = (connection.protocols ?? []).join(', ');
    current = { label: connection.label, messages: connection.messages ?? [], ...(connection.replica ? { replica: connection.replica } : {}) };
  }

  async function submit(): Promise<void> {
    const parsed = parseHeaders(headers.value);
    if (!parsed.ok) {
      problem.textContent = parsed.message;
      headers.setAttribute('aria-invalid', 'true');
      headers.focus();
      return;
    }
    headers.removeAttribute('aria-invalid');
    const target = path.value.trim() || '/';
    if (!target.startsWith('/')) {
      problem.textContent = 'La ruta empieza por «/», por ejemplo /ws?sala=cocina.';
      path.setAttribute('aria-invalid', 'true');
      path.focus();
      return;
    }
    path.removeAttribute('aria-invalid');
    problem.textContent = '';
    const offered = protocols.value.split(',').map((p) => p.trim()).filter(Boolean);
    const name = service.value;
    const { label, messages, replica } = current;
    current = { messages: [] };
    connect.disabled = true;
    try {
      if (session.engine.status(name).state !== 'running') await session.start(name);
      const socket = await engine.openWebSocket(name, target, { headers: parsed.headers, protocols: offered, ...(replica ? { replica } : {}) });
      empty.remove();
      const view = connectionView(socket, label ?? `${name} ${target}`, `${name} ${target}`, messages, (section) => {
        const next = section.nextElementSibling ?? section.previousElementSibling;
        section.remove();
        if (!list.querySelector('.sbx-ws-conn')) list.append(empty);
        (next?.querySelector<HTMLElement>('button:not([disabled])') ?? connect).focus();
      });
      list.prepend(view);
      view.querySelector<HTMLInputElement>('input')?.focus();
    } catch (error) {
      problem.textContent = `No se pudo conectar: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      connect.disabled = false;
    }
  }


  const form = h(
    'form',
    { className: 'sbx-ws-form', novalidate: true },
    h('div', { className: 'sbx-ws-line' }, field('Servicio', service), field('Ruta', path, 'Con la consulta si hace falta: /ws?sala=cocina')),
    field('Cabeceras del handshake', headers, 'Una por línea: Nombre: valor (por ejemplo el token)'),
    field('Subprotocolos', protocols, 'Separados por comas; opcional'),
    problem,
    connect,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  const open = async (connection: LabConnectionData) => {
    fill(connection);
    await submit();
  };
  const suggestions = h(
    'ul',
    { className: 'sbx-suggested' },
    ...suggested.map((connection) =>
      h('li', {},
        h('button', { type: 'button', className: 'sbx-btn', onclick: () => void open(connection) }, h('span', { 'aria-hidden': 'true' }, '▶ '), connection.label),
        h('code', { className: 'sbx-muted' }, ` ${connection.service} ${connection.path}`),
      ),
    ),
  );

  const element = h(
    'div',
    { className: 'sbx-http sbx-ws' },
    h('div', { className: 'sbx-http-side' }, h('h4', {}, 'Conexiones sugeridas'), suggestions),
    h('div', { className: 'sbx-http-main' }, form, h('h4', { className: 'sbx-ws-title' }, 'Conexiones'), list),
  );
  return { element, open };
}
