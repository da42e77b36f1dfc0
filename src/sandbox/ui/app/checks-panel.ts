// "Comprobar": runs the lab's checks against the running services and lists each result.
import { h } from './dom.ts';
import type { LabSession } from './session.ts';

export function createChecksPanel(session: LabSession): { element: HTMLElement; run(): Promise<void> } {
  const button = h('button', { type: 'button', className: 'sbx-btn sbx-btn-primary' }, 'Comprobar');
  const summary = h('p', { className: 'sbx-checks-summary', role: 'status' }, 'Pulsa Comprobar para ejecutar las comprobaciones del laboratorio.');
  const list = h('ul', { className: 'sbx-checks' });

  async function run() {
    button.disabled = true;
    summary.textContent = 'Comprobando…';
    list.replaceChildren();
    try {
      const { results, passed } = await session.runChecks();
      const ok = results.filter((r) => r.ok).length;
      summary.textContent = passed ? `¡Todo correcto! ${ok} de ${results.length} comprobaciones superadas.` : `${ok} de ${results.length} comprobaciones superadas.`;
      summary.dataset.passed = String(passed);
      list.replaceChildren(
        ...results.map((result) =>
          h(
            'li',
            { className: result.ok ? 'sbx-check-ok' : 'sbx-check-fail' },
            h('span', { 'aria-hidden': 'true' }, result.ok ? '✓ ' : '✗ '),
            h('span', { className: 'visually-hidden' }, result.ok ? 'Superada: ' : 'No superada: '),
            h('strong', {}, result.name),
            result.message && !result.ok ? h('span', { className: 'sbx-check-message' }, result.message) : null,
          ),
        ),
      );
    } catch (error) {
      summary.textContent = `No se pudieron ejecutar las comprobaciones: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.disabled = false;
    }
  }
  button.addEventListener('click', () => void run());
  return { element: h('div', { className: 'sbx-checks-panel' }, h('div', { className: 'sbx-panel-bar' }, button), summary, list), run };
}
