// Console output of the services, tagged by service, filterable, clearable. Screen readers get a
// polite summary every few seconds instead of every line.
//
// Virtualised: lines live in an array and only the rows in view are in the DOM, redrawn at most
// once per frame. Appending one <li> per line made a layout per line: a service logging a million
// lines froze the page for minutes.
import type { LogEntry } from '../../contract/index.ts';
import { hasAnsi, parseAnsi } from '../core/ansi.ts';
import { h } from './dom.ts';
import type { LabSession } from './session.ts';

/** Lines kept (older ones are dropped in blocks, so a flood costs no per-line shifting). */
export const MAX_LINES = 5000;
/** Height of one line in px: rows do not wrap (long lines scroll sideways), so the math is exact. */
const ROW_HEIGHT = 20;
/** Rows drawn above and below the visible ones, so scrolling shows no blank gap. */
const OVERSCAN = 10;

export function createLogsPanel(session: LabSession): HTMLElement {
  const filter = h('select', { 'aria-label': 'Filtrar registros por servicio' }, h('option', { value: '' }, 'Todos los servicios'), ...session.services.map((s) => h('option', { value: s.name }, s.name)));
  const rows = h('ol', { className: 'sbx-log-lines', 'aria-label': 'Registros' });
  const spacer = h('div', { className: 'sbx-log-spacer' }, rows);
  const viewport = h('div', { className: 'sbx-log-view', tabindex: '0', role: 'region', 'aria-label': 'Registros de los servicios' }, spacer);
  const summary = h('p', { className: 'visually-hidden', 'aria-live': 'polite' });
  const clear = h('button', { type: 'button', className: 'sbx-btn' }, 'Limpiar');
  let pending = { lines: 0, errors: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let all: LogRow[] = [];
  let shown: LogRow[] = [];
  let frame: number | undefined;
  let stickToBottom = true;

  const matches = (entry: LogRow) => filter.value === '' || filter.value === entry.service;

  const draw = () => {
    frame = undefined;
    spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
    if (stickToBottom) viewport.scrollTop = viewport.scrollHeight;
    const height = viewport.clientHeight || 14 * 16;
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(shown.length, Math.ceil((viewport.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    rows.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    rows.replaceChildren(...shown.slice(first, last).map(renderLine));
  };
  const schedule = () => {
    frame ??= requestAnimationFrame(draw);
  };

  // A hidden panel (another tab selected) has no size: draw again when it is shown.
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => schedule()).observe(viewport);
  viewport.addEventListener('scroll', () => {
    stickToBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - ROW_HEIGHT;
    schedule();
  });
  filter.addEventListener('change', () => {
    shown = all.filter(matches);
    stickToBottom = true;
    schedule();
  });
  clear.addEventListener('click', () => {
    all = [];
    shown = [];
    schedule();
    summary.textContent = 'Registros vaciados.';
  });

  const announce = () => {
    timer = undefined;
    const { lines, errors } = pending;
    pending = { lines: 0, errors: 0 };
    summary.textContent = `${lines} ${lines === 1 ? 'línea nueva' : 'líneas nuevas'} en los registros${errors ? `, ${errors} ${errors === 1 ? 'error' : 'errores'}` : ''}.`;
  };

  session.engine.onLog((entry: LogEntry) => {
    for (const row of toRows(entry)) {
      all.push(row);
      if (matches(row)) shown.push(row);
    }
    if (all.length > MAX_LINES + MAX_LINES / 10) {
      all = all.slice(-MAX_LINES);
      shown = all.filter(matches);
    }
    pending.lines++;
    if (entry.level === 'error') pending.errors++;
    timer ??= setTimeout(announce, 2000);
    schedule();
  });

  return h('div', { className: 'sbx-logs' }, h('div', { className: 'sbx-panel-bar' }, filter, clear), viewport, summary);
}

/** One row of the panel: a line of an entry (a stack trace is several rows). */
interface LogRow {
  service: string;
  level: LogEntry['level'];
  text: string;
  /** False for the second and later lines of an entry (drawn without the service tag). */
  first: boolean;
}

/** Lines of one entry shown; more (a huge multi-line value) are summarised. */
const MAX_ROWS_PER_ENTRY = 60;

function toRows(entry: LogEntry): LogRow[] {
  const lines = entry.text.split('\n');
  const rows = lines.slice(0, MAX_ROWS_PER_ENTRY).map((text, index) => ({ service: entry.service, level: entry.level, text, first: index === 0 }));
  if (lines.length > MAX_ROWS_PER_ENTRY) rows.push({ service: entry.service, level: entry.level, text: `… (${lines.length - MAX_ROWS_PER_ENTRY} líneas más)`, first: false });
  return rows;
}

function renderLine(row: LogRow): HTMLElement {
  return h(
    'li',
    { className: `sbx-log sbx-log-${row.level}${row.first ? '' : ' sbx-log-more'}`, 'data-service': row.service },
    row.first ? h('span', { className: 'sbx-log-tag' }, `[${row.service}]`) : null,
    row.first ? ' ' : null,
    row.first && row.level === 'error' ? h('span', { className: 'visually-hidden' }, 'Error: ') : null,
    ...(hasAnsi(row.text) ? parseAnsi(row.text).map((run) => (run.color || run.bold ? h('span', { className: `sbx-ansi${run.color ? ` sbx-ansi-${run.color}` : ''}${run.bold ? ' sbx-ansi-bold' : ''}` }, run.text) : run.text)) : [row.text]),
  );
}
