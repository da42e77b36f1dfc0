// "Recorrido" (issue 19): the lab's guided scenario (lab.yaml `scenario`) run step by step. Each
// step shows the request it sends (method, service, path, the headers it carries, the body, with
// the values captured before already in place) and what came back (status, time, body) or, for the
// WebSocket steps, the frames received. "Siguiente paso" runs one, "Ejecutar todo" the rest; a
// failed step stops the run and says what it expected. Requests go through the session (the same
// path as the HTTP client), the connection through the engine's WebSocket capability, and the
// logic without DOM (placeholders, captures, expectations) is core/scenario.ts.
import type { SandboxResponse, WebSocketCapability, WebSocketConnection } from '../../contract/index.ts';
import { hasWebSocket } from '../../contract/index.ts';
import { resolveInstance } from '../../contract/replicas.ts';
import { captureFrom, checkResponse, frameMatches, frameTimeoutMessage, substitute, substitutePath, type Captured } from '../core/scenario.ts';
import { prettyBody } from '../core/status-text.ts';
import { formatHeaders } from '../core/url-target.ts';
import { h, uid } from './dom.ts';
import type { ScenarioData, ScenarioStepData } from './lab-data.ts';
import { renderResponse } from './response-view.ts';
import type { LabSession } from './session.ts';
import { describeClose, describeFrame, frameLog, MAX_FRAMES } from './websocket-panel.ts';

const PANEL_CSS = `
.sbx-scenario { display: grid; gap: 0.6rem; min-width: 0; }
.sbx-scenario-summary { margin: 0; }
.sbx-scenario-steps { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.6rem; counter-reset: none; }
.sbx-scenario-step { border: 1px solid var(--border); border-radius: 8px; padding: 0.5rem 0.65rem; min-width: 0; }
.sbx-scenario-step[aria-current='step'] { border-color: var(--accent); box-shadow: inset 3px 0 0 var(--accent); }
.sbx-scenario-step h4 { margin: 0; font-size: 0.95rem; display: flex; flex-wrap: wrap; gap: 0.2rem 0.5rem; align-items: baseline; }
.sbx-scenario-state { font-size: 0.75rem; font-weight: 700; border-radius: 999px; padding: 0 0.5rem; border: 1px solid var(--border); white-space: nowrap; }
.sbx-scenario-step[data-state='ok'] .sbx-scenario-state { color: var(--ok); border-color: var(--ok); background: var(--ok-soft); }
.sbx-scenario-step[data-state='failed'] .sbx-scenario-state { color: var(--danger); border-color: var(--danger); }
.sbx-scenario-step[data-state='running'] .sbx-scenario-state { color: var(--warn); border-color: var(--warn); }
.sbx-scenario-note { margin: 0.25rem 0 0; font-size: 0.85rem; }
.sbx-scenario-step h5 { margin: 0.5rem 0 0.15rem; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--text-muted); }
.sbx-scenario-line { margin: 0; font-family: var(--font-mono); font-size: 0.85rem; overflow-wrap: anywhere; }
.sbx-scenario-step .sbx-pre { max-height: 12rem; }
.sbx-scenario-step .sbx-error { margin: 0.4rem 0 0; }
`;

export interface ScenarioPanel {
  element: HTMLElement;
}

type StepState = 'pending' | 'running' | 'ok' | 'failed';
const STATE_TEXT: Record<StepState, string> = { pending: 'Pendiente', running: 'En curso…', ok: 'Correcto', failed: 'Falló' };

/** The scenario's WebSocket: every frame kept (bounded) so a later `waitFor` sees one that came early. */
interface LiveConnection {
  socket: WebSocketConnection;
  frames: string[];
  listeners: Set<(text: string) => void>;
  closed: boolean;
}

class StepFailure extends Error {}

export function createScenarioPanel(session: LabSession, scenario: ScenarioData): ScenarioPanel {
  if (!document.querySelector('style[data-sandbox-scenario]')) {
    document.head.append(Object.assign(document.createElement('style'), { textContent: PANEL_CSS }));
    document.head.lastElementChild!.setAttribute('data-sandbox-scenario', '');
  }
  const steps = scenario.steps;
  const next = h('button', { type: 'button', className: 'sbx-btn sbx-btn-primary' }, 'Siguiente paso');
  // Its accessible name says "el recorrido": «▶ Ejecutar todos los servicios» is on the same page.
  const runAll = h('button', { type: 'button', className: 'sbx-btn' }, 'Ejecutar todo', h('span', { className: 'visually-hidden' }, ' el recorrido'));
  const restart = h('button', { type: 'button', className: 'sbx-btn' }, 'Reiniciar el recorrido');
  const progress = h('span', { className: 'sbx-muted' });
  const message = h('p', { className: 'sbx-scenario-message', role: 'status' });
  const list = h('ol', { className: 'sbx-scenario-steps', 'aria-label': 'Pasos del recorrido' });

  let captured: Record<string, string> = {};
  let position = 0;
  let busy = false;
  let live: LiveConnection | undefined;

  const views = steps.map((step, index) => stepView(step, index));
  list.append(...views.map((view) => view.item));

  function stepView(step: ScenarioStepData, index: number) {
    const headingId = uid('scn');
    const state = h('span', { className: 'sbx-scenario-state' });
    const request = h('div', {});
    const result = h('div', {});
    const problem = h('div', {});
    const item = h(
      'li',
      { className: 'sbx-scenario-step', 'aria-labelledby': headingId },
      h('h4', { id: headingId }, h('span', {}, `${index + 1}. ${step.label}`), state),
      step.note ? h('p', { className: 'sbx-scenario-note sbx-muted' }, step.note) : null,
      request,
      result,
      problem,
    );
    const setState = (value: StepState) => {
      item.dataset.state = value;
      state.textContent = STATE_TEXT[value];
      item.setAttribute('aria-busy', String(value === 'running'));
    };
    const reset = () => {
      setState('pending');
      request.replaceChildren(...describeStep(step));
      result.replaceChildren();
      problem.replaceChildren();
    };
    reset();
    return { item, request, result, problem, setState, reset };
  }

  /** What a step sends, as written in lab.yaml (with {{name}}) or, once run, with the values in place. */
  function describeStep(step: ScenarioStepData, values?: Captured): HTMLElement[] {
    const fill = <T>(value: T): T => (values ? substitute(value, values) : value);
    if (step.request) {
      const { service, method, path, headers, body } = step.request;
      const shownPath = values ? substitutePath(path, values) : path;
      const shownHeaders = fill(headers ?? {});
      const parts: Array<HTMLElement | null> = [
        h('h5', {}, 'Petición'),
        h('p', { className: 'sbx-scenario-line' }, `${method} ${service} ${shownPath}`),
        Object.keys(shownHeaders).length > 0 ? h('pre', { className: 'sbx-pre', 'aria-label': 'Cabeceras de la petición', tabindex: '0' }, formatHeaders(shownHeaders)) : null,
        body !== undefined ? h('pre', { className: 'sbx-pre', 'aria-label': 'Cuerpo de la petición', tabindex: '0' }, typeof body === 'string' ? fill(body) : JSON.stringify(fill(body), null, 2)) : null,
      ];
      return parts.filter((node) => node !== null);
    }
    if (step.connect) {
      const shownPath = values ? substitutePath(step.connect.path, values) : step.connect.path;
      const headers = fill(step.connect.headers ?? {});
      const parts: Array<HTMLElement | null> = [
        h('h5', {}, 'Conexión WebSocket'),
        h('p', { className: 'sbx-scenario-line' }, `WS ${step.connect.service} ${shownPath}`),
        Object.keys(headers).length > 0 ? h('pre', { className: 'sbx-pre', 'aria-label': 'Cabeceras del handshake', tabindex: '0' }, formatHeaders(headers)) : null,
        step.expect?.contains?.length ? h('p', { className: 'sbx-muted sbx-scenario-note' }, `Espera un mensaje con ${fill(step.expect.contains).map((text) => `«${text}»`).join(' y ')}.`) : null,
      ];
      return parts.filter((node) => node !== null);
    }
    const contains = fill(step.waitFor?.contains ?? []);
    return [h('h5', {}, 'Espera en el WebSocket'), h('p', { className: 'sbx-scenario-note' }, `Un mensaje con ${contains.map((text) => `«${text}»`).join(' y ')} (hasta ${Math.round((step.waitFor?.timeoutMs ?? 10_000) / 1000)} s).`)];
  }

  function update(): void {
    const done = position >= steps.length;
    next.disabled = busy || done;
    runAll.disabled = busy || done;
    restart.disabled = busy;
    progress.textContent = `${Math.min(position, steps.length)} de ${steps.length} pasos hechos`;
    views.forEach((view, index) => {
      if (index === position && !done) view.item.setAttribute('aria-current', 'step');
      else view.item.removeAttribute('aria-current');
    });
  }

  /** Every service must be running; starts those that are not (as ▶ Ejecutar does). */
  async function ensureRunning(): Promise<void> {
    if (session.services.every((service) => session.engine.status(service.name).state === 'running')) return;
    message.textContent = 'Arrancando los servicios del laboratorio…';
    await session.startAll();
    const down = session.services.filter((service) => session.engine.status(service.name).state !== 'running');
    if (down.length > 0) throw new StepFailure(`No arrancaron ${down.map((service) => service.name).join(', ')}: mira sus registros y pulsa ▶ Ejecutar.`);
  }

  async function runRequest(step: ScenarioStepData, view: ReturnType<typeof stepView>): Promise<void> {
    const spec = step.request!;
    const service = resolveInstance(session.services, spec.service, spec.replica) ?? spec.service;
    const path = substitutePath(spec.path, captured);
    const headers = substitute(spec.headers ?? {}, captured);
    const body = spec.body === undefined ? undefined : substitute(spec.body, captured);
    const expected = step.expect && substitute(step.expect, captured);
    // With `withinMs` the request is sent again until its answer matches (eventual consistency).
    const deadline = performance.now() + (expected?.withinMs ?? 0);
    let response: SandboxResponse;
    for (;;) {
      try {
        response = await session.request({ service, method: spec.method, path, headers, body });
      } catch (error) {
        throw new StepFailure(`La petición no llegó a responder: ${error instanceof Error ? error.message : String(error)}`);
      }
      view.result.replaceChildren(h('h5', {}, 'Respuesta'), renderResponse(response));
      const wrong = checkResponse(expected, response);
      if (!wrong) break;
      if (performance.now() >= deadline) throw new StepFailure(expected?.withinMs ? `${wrong} (reintentado durante ${expected.withinMs / 1000} s)` : wrong);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const taken = captureFrom(response.text, step.capture ?? {});
    if (!taken.ok) throw new StepFailure(taken.message);
    captured = { ...captured, ...taken.values };
  }

  async function runConnect(step: ScenarioStepData, view: ReturnType<typeof stepView>): Promise<void> {
    const engine = session.engine;
    if (!hasWebSocket(engine)) throw new StepFailure('Este motor no abre conexiones WebSocket: cambia al motor del navegador para este paso.');
    const spec = step.connect!;
    closeLive();
    const path = substitutePath(spec.path, captured);
    let socket: WebSocketConnection;
    try {
      socket = await (engine as WebSocketCapability).openWebSocket(spec.service, path, { headers: substitute(spec.headers ?? {}, captured), protocols: spec.protocols ?? [], ...(spec.replica ? { replica: spec.replica } : {}) });
    } catch (error) {
      throw new StepFailure(`Se esperaba abrir el WebSocket y no se pudo: ${error instanceof Error ? error.message : String(error)}`);
    }
    const connection: LiveConnection = { socket, frames: [], listeners: new Set(), closed: false };
    live = connection;
    const { log, dropped, add } = frameLog(`Mensajes recibidos en el paso ${steps.indexOf(step) + 1}`);
    const state = h('p', { className: 'sbx-ws-state', 'data-state': 'open' }, 'Abierta.');
    socket.onMessage((frame) => {
      const text = describeFrame(frame);
      connection.frames.push(text);
      if (connection.frames.length > MAX_FRAMES) connection.frames.shift();
      add('in', text);
      for (const listener of connection.listeners) listener(text);
    });
    void socket.closed.then((close) => {
      connection.closed = true;
      state.dataset.state = 'closed';
      const closedText = describeClose(close);
      state.textContent = closedText;
      add('info', closedText);
      for (const listener of connection.listeners) listener('');
    });
    view.result.replaceChildren(h('h5', {}, 'Mensajes recibidos'), state, dropped, log);
    const contains = substitute(step.expect?.contains ?? [], captured);
    if (contains.length > 0) await waitForFrame(connection, contains, 10_000);
  }

  async function runWait(step: ScenarioStepData, view: ReturnType<typeof stepView>): Promise<void> {
    const connection = live;
    if (!connection || connection.closed) throw new StepFailure('Se esperaba un WebSocket abierto por un paso anterior, y no lo hay: reinicia el recorrido.');
    const contains = substitute(step.waitFor!.contains, captured);
    const early = connection.frames.some((frame) => frameMatches(frame, contains));
    const started = performance.now();
    const text = await waitForFrame(connection, contains, step.waitFor!.timeoutMs);
    view.result.replaceChildren(
      h('h5', {}, 'Mensaje recibido'),
      h('p', { className: 'sbx-muted sbx-scenario-note' }, early ? 'Ya había llegado por el WebSocket antes de este paso (mientras se hacían los anteriores).' : `Llegó por el WebSocket tras ${Math.round(performance.now() - started)} ms de espera.`),
      h('pre', { className: 'sbx-pre', 'aria-label': 'Mensaje recibido por el WebSocket', tabindex: '0' }, prettyBody(text).text),
    );
  }

  function waitForFrame(connection: LiveConnection, contains: string[], timeoutMs: number): Promise<string> {
    const early = connection.frames.find((text) => frameMatches(text, contains));
    if (early !== undefined) return Promise.resolve(early);
    return new Promise((resolve, reject) => {
      const done = (action: () => void) => {
        clearTimeout(timer);
        connection.listeners.delete(listener);
        action();
      };
      const listener = (text: string) => {
        if (connection.closed) done(() => reject(new StepFailure(`Se esperaba un mensaje con ${contains.map((piece) => `«${piece}»`).join(' y ')}, y el WebSocket se cerró antes.`)));
        else if (frameMatches(text, contains)) done(() => resolve(text));
      };
      const timer = setTimeout(() => done(() => reject(new StepFailure(frameTimeoutMessage(contains, timeoutMs, connection.frames.length)))), timeoutMs);
      connection.listeners.add(listener);
    });
  }

  /** Runs the step at `position`; true when it passed (then `position` moves on). */
  async function runStep(): Promise<boolean> {
    const index = position;
    const step = steps[index]!;
    const view = views[index]!;
    view.setState('running');
    view.result.replaceChildren();
    view.problem.replaceChildren();
    message.textContent = `Paso ${index + 1} de ${steps.length}: ${step.label}…`;
    try {
      await ensureRunning();
      view.request.replaceChildren(...describeStep(step, captured));
      if (step.request) await runRequest(step, view);
      else if (step.connect) await runConnect(step, view);
      else await runWait(step, view);
      view.setState('ok');
      position++;
      message.textContent = position >= steps.length ? `Recorrido completo: ${steps.length} de ${steps.length} pasos correctos.` : `Paso ${index + 1} correcto: ${step.label}.`;
      return true;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      view.setState('failed');
      view.problem.replaceChildren(h('p', { className: 'sbx-error', role: 'alert' }, text));
      message.textContent = `El recorrido se detuvo en el paso ${index + 1} («${step.label}»): ${text} «Siguiente paso» lo repite.`;
      view.item.scrollIntoView({ block: 'nearest' });
      return false;
    }
  }

  async function run(all: boolean): Promise<void> {
    if (busy) return;
    busy = true;
    update();
    try {
      while (position < steps.length && (await runStep()) && all);
    } finally {
      busy = false;
      update();
    }
  }

  function closeLive(): void {
    if (live && !live.closed) live.socket.close(1000, 'recorrido reiniciado');
    live = undefined;
  }

  next.addEventListener('click', () => void run(false));
  runAll.addEventListener('click', () => void run(true));
  restart.addEventListener('click', () => {
    closeLive();
    captured = {};
    position = 0;
    for (const view of views) view.reset();
    message.textContent = 'Recorrido reiniciado: empieza por el paso 1.';
    update();
    next.focus();
  });
  update();

  const element = h(
    'div',
    { className: 'sbx-scenario' },
    scenario.summary ? h('p', { className: 'sbx-scenario-summary' }, scenario.summary) : null,
    h('div', { className: 'sbx-panel-bar', role: 'group', 'aria-label': 'Controles del recorrido' }, next, runAll, restart, progress),
    message,
    list,
  );
  return { element };
}
