// Start / Stop / Restart per service with its status ("Iniciando…", "En marcha en :3101", "Falló: …").
// Their words differ from the toolbar's "▶ Ejecutar" / "Detener todo" (the lab as a whole), so a
// row never repeats the main button's word; the service name is read to screen readers only.
import type { ServiceStatus } from '../../contract/index.ts';
import { statusText } from '../core/status-text.ts';
import { h } from './dom.ts';
import type { LabSession } from './session.ts';

export function createRunBar(session: LabSession, onError: (message: string) => void, goTo: (file: string, line?: number, column?: number) => void): HTMLElement {
  const rows = new Map<string, { status: HTMLElement; run: HTMLButtonElement; stop: HTMLButtonElement; restart: HTMLButtonElement; jump: HTMLButtonElement }>();
  const guard = (action: () => Promise<unknown>) => () => void action().catch((error: unknown) => onError(error instanceof Error ? error.message : String(error)));

  const list = h('ul', { className: 'sbx-services', 'aria-label': 'Servicios del laboratorio' });
  for (const service of session.services) {
    const name = service.name;
    const status = h('span', { className: 'sbx-status', 'data-state': 'stopped' }, 'Detenido');
    const hidden = (text: string) => h('span', { className: 'visually-hidden' }, ` ${text}`);
    // In lab mode's narrow result pane the word gives way to its symbol (the accessible name and
    // the tooltip keep the word), so six services fit one line each instead of two.
    const control = (word: string, icon: string, action: () => Promise<unknown>) =>
      h('button', { type: 'button', className: 'sbx-btn sbx-service-btn', title: `${word} ${name}`, onclick: guard(action) },
        h('span', { className: 'sbx-btn-icon', 'aria-hidden': 'true' }, icon), h('span', { className: 'sbx-btn-word' }, word), hidden(name));
    const run = control('Arrancar', '▶', () => session.start(name));
    const stop = control('Parar', '■', () => session.stop(name));
    const restart = control('Reiniciar', '↻', () => session.start(name));
    const jump = h('button', { type: 'button', className: 'sbx-btn sbx-btn-link', hidden: true }, 'Ir al error', hidden(name));
    rows.set(name, { status, run, stop, restart, jump });
    list.append(
      h(
        'li',
        { className: service.replicas > 1 ? 'sbx-service sbx-replica' : 'sbx-service', ...(service.replicas > 1 ? { 'data-replica-of': service.service } : {}) },
        h(
          'span',
          { className: 'sbx-service-name' },
          name,
          h('span', { className: 'sbx-port' }, ` :${service.port}`),
          // A replica says so: same code, its own worker/process, port and REPLICA_ID.
          service.replicas > 1 ? h('span', { className: 'sbx-replica-tag' }, ` réplica ${service.replica} de ${service.replicas}`) : '',
        ),
        status, h('span', { className: 'sbx-service-actions' }, run, stop, restart, jump)),
    );
  }

  const render = (name: string, state: ServiceStatus) => {
    const row = rows.get(name);
    if (!row) return;
    row.status.textContent = statusText(state);
    row.status.title = row.status.textContent;
    row.status.dataset.state = state.state;
    row.run.hidden = state.state === 'running' || state.state === 'starting';
    row.stop.hidden = state.state === 'stopped';
    row.restart.hidden = state.state !== 'running';
    row.jump.hidden = !(state.state === 'crashed' && state.file && session.tree[state.file] !== undefined);
    row.jump.onclick = state.state === 'crashed' && state.file ? () => goTo(state.file!, state.line, state.column) : null;
  };
  for (const service of session.services) render(service.name, session.engine.status(service.name));
  session.engine.onStatus(render);
  return list;
}
