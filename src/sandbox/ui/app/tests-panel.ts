// "Tests": runs the lab's own test files (`*.test.ts`, Vitest's API) in the engine and lists each
// test with its result, duration and, for a failure, Vitest's diff and the file:line to jump to.
// Nothing loads until the reader runs tests: the engine fetches its runner on the first run.
import type { TestFailure, TestFileResult, TestRunResult, TestsCapability } from '../../contract/index.ts';
import { testFilesOf } from '../../contract/index.ts';
import { h } from './dom.ts';
import type { LabSession } from './session.ts';

export interface TestsPanel {
  element: HTMLElement;
  /** Runs every test file (or `files`). */
  run(files?: string[]): Promise<void>;
  /** After the reader saved (Ctrl+S): runs again if "al guardar" is on. */
  saved(): void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const ms = (value: number) => (value < 1 ? '<1 ms' : `${Math.round(value)} ms`);

export function createTestsPanel(
  session: LabSession,
  engine: TestsCapability,
  goTo: (file: string, line?: number, column?: number) => void,
): TestsPanel {
  const files = () => testFilesOf(session.tree);
  const runAll = h('button', { type: 'button', className: 'sbx-btn sbx-btn-primary' }, 'Ejecutar todos los tests');
  const fileSelect = h('select', { 'aria-label': 'Archivo de tests' });
  const runOne = h('button', { type: 'button', className: 'sbx-btn' }, 'Ejecutar este archivo');
  const watch = h('input', { type: 'checkbox', className: 'sbx-tests-watch' });
  const watchLabel = h('label', { className: 'sbx-tests-watch-label' }, watch, ' Volver a ejecutar al guardar');
  const summary = h('p', { className: 'sbx-tests-summary', role: 'status' });
  const list = h('div', { className: 'sbx-tests' });

  const fillFiles = () => {
    const current = fileSelect.value;
    const found = files();
    fileSelect.replaceChildren(...found.map((file) => h('option', { value: file }, file)));
    if (found.includes(current)) fileSelect.value = current;
    const none = found.length === 0;
    runAll.disabled = none;
    runOne.disabled = none;
    fileSelect.disabled = none;
    if (none) summary.textContent = 'Este laboratorio no tiene archivos de tests (*.test.ts).';
    else if (!summary.dataset.state) summary.textContent = `${plural(found.length, 'archivo de tests', 'archivos de tests')}. Pulsa «Ejecutar todos los tests».`;
  };
  fillFiles();
  session.onTreeReplaced(fillFiles);

  let running: Promise<void> | undefined;
  let again: string[] | undefined | null = null;

  async function run(only?: string[]): Promise<void> {
    if (running) {
      // One run at a time: the latest request runs after the current one.
      again = only;
      return running;
    }
    runAll.disabled = true;
    runOne.disabled = true;
    summary.dataset.state = 'running';
    const pending = session.pendingFiles().length > 0 ? ' Hay cambios sin aplicar: se prueban los archivos guardados (Ctrl+S aplica).' : '';
    summary.textContent = `Ejecutando ${only?.length === 1 ? only[0] : 'los tests'}…${pending}`;
    list.setAttribute('aria-busy', 'true');
    running = (async () => {
      try {
        const result = await engine.runTests(only);
        render(result, pending);
      } catch (error) {
        summary.dataset.state = 'error';
        summary.textContent = `No se pudieron ejecutar los tests: ${error instanceof Error ? error.message : String(error)}`;
      } finally {
        list.removeAttribute('aria-busy');
        running = undefined;
        fillFiles();
      }
    })();
    await running;
    if (again !== null) {
      const next = again;
      again = null;
      await run(next);
    }
  }

  function render(result: TestRunResult, pending: string) {
    const passed = result.failed === 0;
    summary.dataset.state = passed ? 'passed' : 'failed';
    const counts = [plural(result.passed, 'superado', 'superados'), plural(result.failed, 'fallido', 'fallidos'), result.skipped ? plural(result.skipped, 'omitido', 'omitidos') : '']
      .filter(Boolean)
      .join(', ');
    summary.textContent = `${passed ? 'Todos los tests pasan: ' : ''}${counts} en ${ms(result.durationMs)}.${pending}`;
    list.replaceChildren(...result.files.map(renderFile));
  }

  function renderFile(file: TestFileResult): HTMLElement {
    const heading = h(
      'h4',
      { className: `sbx-tests-file sbx-tests-${file.state}` },
      h('span', { 'aria-hidden': 'true' }, file.state === 'pass' ? '✓ ' : file.state === 'fail' ? '✗ ' : '○ '),
      file.file,
      h('span', { className: 'sbx-muted' }, ` · ${ms(file.durationMs)}`),
    );
    const section = h('section', { className: 'sbx-tests-section', 'aria-label': file.file }, heading);
    if (file.error) section.append(renderFailure(file.error, 'No se pudo ejecutar el archivo'));
    if (file.tests.length > 0) {
      section.append(
        h(
          'ul',
          { className: 'sbx-tests-list' },
          ...file.tests.map((test) =>
            h(
              'li',
              { className: `sbx-test sbx-tests-${test.state}` },
              h('span', { 'aria-hidden': 'true' }, test.state === 'pass' ? '✓' : test.state === 'fail' ? '✗' : '○'),
              h('span', { className: 'visually-hidden' }, test.state === 'pass' ? 'Superado: ' : test.state === 'fail' ? 'Fallido: ' : 'Omitido: '),
              h('span', { className: 'sbx-test-name' }, [...test.suite, test.name].join(' › ')),
              h('span', { className: 'sbx-muted sbx-test-time' }, ms(test.durationMs)),
              test.failure ? renderFailure(test.failure) : null,
            ),
          ),
        ),
      );
    }
    return section;
  }

  function renderFailure(failure: TestFailure, title?: string): HTMLElement {
    const box = h('div', { className: 'sbx-test-failure' });
    if (title) box.append(h('p', {}, h('strong', {}, title)));
    box.append(h('pre', { className: 'sbx-test-message' }, failure.message));
    if (failure.diff) {
      box.append(
        h(
          'pre',
          { className: 'sbx-test-diff', 'aria-label': 'Diferencias entre lo esperado y lo recibido' },
          ...failure.diff.split('\n').map((line) =>
            h('span', { className: /^(-|Expected)/.test(line) ? 'sbx-diff-removed' : /^(\+|Received)/.test(line) ? 'sbx-diff-added' : 'sbx-diff-same' }, line || ' '),
          ),
        ),
      );
    } else if (failure.expected !== undefined && failure.actual !== undefined) {
      box.append(h('pre', { className: 'sbx-test-diff' }, h('span', { className: 'sbx-diff-removed' }, `- Esperado: ${failure.expected}`), h('span', { className: 'sbx-diff-added' }, `+ Recibido: ${failure.actual}`)));
    }
    const location = failure.location;
    if (location) {
      const where = `${location.file}:${location.line}:${location.column}`;
      box.append(
        h(
          'button',
          { type: 'button', className: 'sbx-btn sbx-btn-link sbx-btn-small sbx-test-location', title: 'Abrir en el editor', onclick: () => goTo(location.file, location.line, location.column) },
          h('span', { className: 'visually-hidden' }, 'Ir a '),
          where,
        ),
      );
    }
    return box;
  }

  runAll.addEventListener('click', () => void run());
  runOne.addEventListener('click', () => void run(fileSelect.value ? [fileSelect.value] : undefined));

  return {
    element: h(
      'div',
      { className: 'sbx-tests-panel' },
      h('div', { className: 'sbx-panel-bar', role: 'group', 'aria-label': 'Ejecutar tests' }, runAll, fileSelect, runOne, watchLabel),
      summary,
      list,
    ),
    run,
    saved: () => {
      if (watch.checked) void run();
    },
  };
}
