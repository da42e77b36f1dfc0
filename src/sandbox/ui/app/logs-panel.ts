// Console output of the services, tagged by service, filterable, clearable. Screen readers get a
// polite summary every few seconds instead of every line.
import type { LogEntry } from '../../contract/index.ts';
import { h } from './dom.ts';
import type { LabSession } from './session.ts';

const MAX_LINES = 1000;

export function createLogsPanel(session: LabSession): HTMLElement {
  const filter = h('select', { 'aria-label': 'Filtrar registros por servicio' }, h('option', { value: '' }, 'Todos los servicios'), ...session.services.map((s) => h('option', { value: s.name }, s.name)));
  const output = h('ol', { className: 'sbx-log-lines', 'aria-label': 'Registros', tabindex: '0' });
  const summary = h('p', { className: 'visually-hidden', 'aria-live': 'polite' });
  const clear = h('button', { type: 'button', className: 'sbx-btn' }, 'Limpiar');
  let pending = { lines: 0, errors: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;

  const applyFilter = () => {
    for (const line of output.children as HTMLCollectionOf<HTMLElement>) line.hidden = filter.value !== '' && line.dataset.service !== filter.value;
  };
  filter.addEventListener('change', applyFilter);
  clear.addEventListener('click', () => {
    output.replaceChildren();
    summary.textContent = 'Registros vaciados.';
  });

  const announce = () => {
    timer = undefined;
    const { lines, errors } = pending;
    pending = { lines: 0, errors: 0 };
    summary.textContent = `${lines} ${lines === 1 ? 'línea nueva' : 'líneas nuevas'} en los registros${errors ? `, ${errors} ${errors === 1 ? 'error' : 'errores'}` : ''}.`;
  };

  session.engine.onLog((entry: LogEntry) => {
    const isError = entry.level === 'error';
    const line = h(
      'li',
      { className: `sbx-log sbx-log-${entry.level}`, 'data-service': entry.service, hidden: filter.value !== '' && filter.value !== entry.service },
      h('span', { className: 'sbx-log-tag' }, `[${entry.service}]`),
      ' ',
      isError ? h('span', { className: 'visually-hidden' }, 'Error: ') : null,
      entry.text,
    );
    const atBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 8;
    output.append(line);
    while (output.childElementCount > MAX_LINES) output.firstElementChild!.remove();
    if (atBottom) output.scrollTop = output.scrollHeight;
    pending.lines++;
    if (isError) pending.errors++;
    timer ??= setTimeout(announce, 2000);
  });

  return h('div', { className: 'sbx-logs' }, h('div', { className: 'sbx-panel-bar' }, filter, clear), output, summary);
}
