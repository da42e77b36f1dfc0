// The live sandbox over a lesson's <Sandbox>: toolbar, services, file tree + tabs + editor, and the
// Registros / Cliente HTTP / Vista previa / Comprobaciones panels. The same view becomes the
// full-width lab mode (lab-mode.ts): steps | code | results side by side, nothing remounted.
import type { CodeEditor } from '../editor/code-editor.ts';
import { createChecksPanel } from './checks-panel.ts';
import { openDialog } from './dialog.ts';
import { h, outOfSight, revealSideways, uid } from './dom.ts';
import { createFileTree } from './file-tree.ts';
import { createHandinControls } from './handin-controls.ts';
import { checkNewFilePath } from '../core/new-file.ts';
import { createHttpPanel } from './http-panel.ts';
import { createLogsPanel } from './logs-panel.ts';
import { createPreviewPanel } from './preview-panel.ts';
import { createRunBar } from './run-bar.ts';
import { createEngineBar } from './engine-bar.ts';
import { createTerminalPanel } from './terminal-panel.ts';
import { hasTerminal, hasTests, hasWebSocket, testFilesOf } from '../../contract/index.ts';
import { addInfrastructurePanel } from './infra-panel-hook.ts';
import { createTestsPanel, type TestsPanel } from './tests-panel.ts';
import type { LabSession } from './session.ts';
import { showSolution } from './solution-dialog.ts';
import { Tabs } from './tabs.ts';
import { createLabMode, createStepsPane, type PaneId } from './lab-mode.ts';
import { actionOf, showShortcutsHelp } from './shortcuts.ts';
import { readOpenTabs, saveOpenTabs } from '../core/lab-layout.ts';
import { statusText } from '../core/status-text.ts';

export interface SandboxView {
  root: HTMLElement;
  focusRun(): void;
  /** 'infra' exists only for labs with servers or replicas (infra-panel-hook.ts), 'tests' for labs with test files, 'scenario' for labs with a Recorrido. */
  showPanel(id: 'logs' | 'http' | 'preview' | 'checks' | 'infra' | 'tests' | 'scenario'): void;
  /** Full-width lab mode (entered with the toolbar button, Alt+Shift+L or the URL's #lab=<id>). */
  labMode: { readonly on: boolean; enter(): void; exit(): void };
}

export interface SandboxViewOptions {
  /** Load Monaco only after this settles (e.g. the services the reader just started): both compete for the CPU. */
  editorAfter?: Promise<unknown>;
}

/** After a Run, how long Monaco waits before loading unless the reader reaches for the editor. */
const EDITOR_AFTER_RUN_MS = 1000;

/**
 * When Monaco may load. Evaluating it holds the main thread for 100-200 ms on a 2-core machine
 * (measured: the first request's answer, sent right after a cold Run, showed ~200 ms late behind
 * it). With services running, it waits EDITOR_AFTER_RUN_MS for the first request to go, or less if
 * the reader clicks or tabs into the editor's area; with none running, it loads at once.
 */
function editorTurn(session: LabSession, editorHost: HTMLElement): Promise<void> {
  const running = session.services.some((service) => session.engine.status(service.name).state === 'running');
  if (!running) return Promise.resolve();
  return new Promise((resolve) => {
    const go = () => {
      clearTimeout(timer);
      editorHost.removeEventListener('pointerdown', go);
      editorHost.removeEventListener('focusin', go);
      resolve();
    };
    const timer = setTimeout(go, EDITOR_AFTER_RUN_MS);
    editorHost.addEventListener('pointerdown', go);
    editorHost.addEventListener('focusin', go);
  });
}

export function createSandboxView(session: LabSession, host: HTMLElement, base: string, options: SandboxViewOptions = {}): SandboxView {
  const root = h('div', { className: 'sbx-root' });
  const message = h('p', { className: 'sbx-message', role: 'status' });
  const say = (text: string) => (message.textContent = text);
  const fail = (text: string) => say(`Error: ${text}`);
  const guard = (action: () => Promise<unknown>) => () => void action().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

  // Toolbar.
  const runAll = h('button', { type: 'button', className: 'sbx-btn sbx-btn-primary', 'aria-keyshortcuts': 'Alt+Shift+R', title: 'Alt+Mayús+R', onclick: guard(() => session.startAll()) }, '▶ Ejecutar', h('span', { className: 'visually-hidden' }, ' todos los servicios'));
  const stopAll = h('button', { type: 'button', className: 'sbx-btn', onclick: guard(() => session.stopAll()) }, 'Detener todo');
  const solution = h('button', { type: 'button', className: 'sbx-btn' }, 'Ver solución');
  const reset = h('button', { type: 'button', className: 'sbx-btn' }, 'Reiniciar al inicio');
  const undo = h('button', { type: 'button', className: 'sbx-btn', hidden: !session.hasUndo }, 'Deshacer');
  const help = h('button', { type: 'button', className: 'sbx-btn', 'aria-keyshortcuts': '?', title: '?', onclick: () => void showShortcutsHelp() }, 'Atajos', h('span', { className: 'visually-hidden' }, ' de teclado'));
  const toolbar = h('div', { className: 'sbx-toolbar', role: 'group', 'aria-label': 'Acciones del laboratorio' }, runAll, stopAll, solution, reset, undo, help);

  // Editor area: tree, tabs of open files, one Monaco editor.
  const editorHost = h('div', { className: 'sbx-editor' });
  const editorPanel = h('div', { className: 'sbx-editor-panel' }, editorHost);
  const fileTabs = new Tabs('Archivos abiertos');
  const closeTab = h('button', { type: 'button', className: 'sbx-btn sbx-btn-small', 'aria-label': 'Cerrar la pestaña del archivo actual' }, '×');
  const hint = h('p', { className: 'sbx-hint sbx-muted' }, 'Ctrl+S (⌘S en Mac) aplica los cambios y reinicia el servicio. Para salir del editor con el teclado: Esc y después Tab.');
  const saveState = h('span', { className: 'sbx-muted sbx-save-state', 'aria-live': 'polite' });
  const paths = Object.keys(session.tree);
  const newFile = h('button', { type: 'button', className: 'sbx-btn sbx-btn-small', 'aria-haspopup': 'dialog' }, '+ Nuevo archivo');
  const tree = createFileTree(paths, (path) => openFile(path, true), session.services.map((service) => service.dir), [newFile]);

  // Monaco is the heaviest piece: it loads on its own while the services can already run.
  editorHost.append(h('p', { className: 'sbx-muted sbx-editor-loading', role: 'status' }, 'Cargando el editor…'));
  // On a small machine, compiling Monaco would slow down services that are starting: they go first.
  // After a Run, the reader's first request goes first too (see editorTurn).
  const editorReady: Promise<CodeEditor> = Promise.resolve(options.editorAfter)
    .catch(() => undefined)
    // A task later: a sandbox woken by scrolling gets its view before the «Ejecutar» pressed in the
    // same moment calls startAll(); the editor must then wait for that Run too.
    .then(() => new Promise((resolve) => setTimeout(resolve)))
    .then(() => session.untilNoneStarting())
    .then(() => editorTurn(session, editorHost))
    .then(() => (performance.mark('sandbox:ui:editor-loading'), import('../editor/code-editor.ts')))
    .then(async ({ CodeEditor }) => {
    editorHost.replaceChildren();
    const created = await CodeEditor.create({
      base,
      container: editorHost,
      onChange(path, content) {
        session.edit(path, content);
        saveState.textContent = 'Cambios sin aplicar (Ctrl+S)';
      },
      onSave: guard(async () => {
        const { files, restarted } = await session.apply();
        saveState.textContent = '';
        tests?.saved();
        say(files.length === 0 ? 'No hay cambios que aplicar.' : restarted.length > 0 ? `Cambios aplicados; reiniciado: ${restarted.join(', ')}.` : 'Cambios aplicados. Pulsa Ejecutar para arrancar el servicio.');
      }),
    });
    created.preload(session.tree);
    if (fileTabs.selected) created.open(fileTabs.selected, session.tree[fileTabs.selected] ?? '');
    root.dataset.editorReady = 'true';
    performance.mark('sandbox:ui:editor-ready');
    return created;
  });
  editorReady.catch((error: unknown) => {
    editorHost.replaceChildren(h('p', { className: 'sbx-error' }, `No se pudo cargar el editor: ${error instanceof Error ? error.message : String(error)}`));
  });
  const withEditor = (action: (editor: CodeEditor) => void) => void editorReady.then(action, () => undefined);
  let tests: TestsPanel | undefined;

  function openFile(path: string, focus = false) {
    if (!fileTabs.has(path)) fileTabs.add({ id: path, label: path.split('/').pop()!, panel: editorPanel }).title = path;
    fileTabs.select(path);
    if (focus) withEditor((editor) => editor.focus());
  }
  // The open tabs are remembered per lab (a reload or another window finds them as they were).
  const openPaths: string[] = [];
  let tabsRestored = false;
  const rememberTabs = () => {
    if (tabsRestored) saveOpenTabs(session.lab.id, { open: openPaths.filter((path) => fileTabs.has(path)), ...(fileTabs.selected ? { selected: fileTabs.selected } : {}) });
  };
  fileTabs.onChange = (path) => {
    withEditor((editor) => editor.open(path, session.tree[path] ?? ''));
    tree.setCurrent(path);
    const tab = fileTabs.list.querySelector('[aria-selected="true"]');
    // The selected tab comes into sight (with the editor under it), unless the sandbox is out of the
    // reader's sight (waking above them): then only the row of tabs scrolls, never the page.
    if (outOfSight(fileTabs.list)) revealSideways(fileTabs.list, tab);
    else tab?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (!openPaths.includes(path)) openPaths.push(path);
    rememberTabs();
  };
  closeTab.addEventListener('click', () => {
    if (!fileTabs.selected) return;
    const closed = fileTabs.selected;
    fileTabs.remove(closed);
    openPaths.splice(openPaths.indexOf(closed), 1);
    rememberTabs();
  });
  const saved = readOpenTabs(session.lab.id, new Set(paths));
  const openList = saved?.open ?? session.lab.meta.open.filter((path) => session.tree[path] !== undefined);
  for (const path of openList) {
    if (!fileTabs.has(path)) fileTabs.add({ id: path, label: path.split('/').pop()!, panel: editorPanel }).title = path;
    openPaths.push(path);
  }

  const goTo = (file: string, line?: number, column?: number) => {
    openFile(file);
    withEditor((editor) => (line ? editor.reveal(line, column) : editor.focus()));
  };

  // Bottom panels.
  const preview = createPreviewPanel(session);
  const checks = createChecksPanel(session);
  const http = createHttpPanel(session, (service, path) => void openPreviewPanel(service, path));
  const panels = {
    logs: h('div', { className: 'sbx-panel' }, createLogsPanel(session)),
    http: h('div', { className: 'sbx-panel' }, http.element),
    preview: h('div', { className: 'sbx-panel' }, preview.element),
    checks: h('div', { className: 'sbx-panel' }, checks.element),
  };
  const panelTabs = new Tabs('Paneles del laboratorio', [
    { id: 'http', label: 'Cliente HTTP', panel: panels.http },
    { id: 'logs', label: 'Registros', panel: panels.logs },
    { id: 'preview', label: 'Vista previa', panel: panels.preview },
    { id: 'checks', label: 'Comprobaciones', panel: panels.checks },
  ]);
  // Only an engine with a shell (WebContainer's jsh) gets the terminal panel.
  const extraPanels: HTMLElement[] = [];
  if (hasTerminal(session.engine)) {
    const terminal = createTerminalPanel(session.engine);
    const panel = h('div', { className: 'sbx-panel' }, terminal.element);
    panelTabs.add({ id: 'terminal', label: 'Terminal', panel });
    extraPanels.push(panel);
    const previous = panelTabs.onChange;
    panelTabs.onChange = (id) => {
      previous(id);
      if (id === 'terminal') void terminal.start();
    };
  }
  // The WebSocket panel: only for labs that suggest connections, on engines that can open them.
  if (hasWebSocket(session.engine) && (session.lab.meta.connections?.length ?? 0) > 0) {
    const engine = session.engine;
    const panel = h('div', { className: 'sbx-panel' }, h('p', { className: 'sbx-muted', role: 'status' }, 'Cargando el cliente WebSocket…'));
    panelTabs.add({ id: 'websocket', label: 'WebSocket', panel });
    extraPanels.push(panel);
    void import('./websocket-panel.ts').then(({ createWebSocketPanel }) => panel.replaceChildren(createWebSocketPanel(session, engine).element));
  }
  // "Recorrido": the lab's guided scenario (lab.yaml `scenario`), loaded with its tab.
  const scenario = session.lab.meta.scenario;
  if (scenario) {
    const panel = h('div', { className: 'sbx-panel' }, h('p', { className: 'sbx-muted', role: 'status' }, 'Cargando el recorrido…'));
    panelTabs.add({ id: 'scenario', label: 'Recorrido', panel });
    extraPanels.push(panel);
    void import('./scenario-panel.ts').then(
      ({ createScenarioPanel }) => panel.replaceChildren(createScenarioPanel(session, scenario).element),
      (error: unknown) => panel.replaceChildren(h('p', { className: 'sbx-error' }, `No se pudo cargar el recorrido: ${error instanceof Error ? error.message : String(error)}`)),
    );
  }
  // "Infraestructura": only for labs with servers or replicas; its code loads when the tab opens.
  const infraPanel = addInfrastructurePanel(session, panelTabs);
  if (infraPanel) extraPanels.push(infraPanel);
  // The Tests tab, for labs that ship test files (lab 8 on) and engines that run them (capabilities.ts).
  if (hasTests(session.engine) && testFilesOf(session.tree).length > 0) {
    tests = createTestsPanel(session, session.engine, goTo);
    const panel = h('div', { className: 'sbx-panel' }, tests.element);
    panelTabs.add({ id: 'tests', label: 'Tests', panel });
    extraPanels.push(panel);
  }
  const openPreviewPanel = async (service: string, path: string) => {
    panelTabs.select('preview');
    await preview.open(service, path);
  };

  // «Nuevo archivo»: the path is checked first (core/new-file.ts); the dialog says why until it is right.
  newFile.addEventListener(
    'click',
    guard(async () => {
      let typed = '';
      let problem = '';
      for (;;) {
        const id = uid('new-file');
        const field = h('input', { type: 'text', id, value: typed, spellcheck: 'false', autocomplete: 'off', placeholder: `${session.services[0]?.dir ?? 'servicio'}/src/…/Archivo.ts`, ...(problem ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {}) });
        const body = h('div', { className: 'sbx-field sbx-new-file' }, h('label', { for: id }, 'Ruta del archivo, desde la raíz del laboratorio'), field, problem ? h('p', { id: `${id}-error`, className: 'sbx-error' }, problem) : null);
        field.addEventListener('keydown', (event) => {
          if (event.key !== 'Enter') return;
          // Without this, the same Enter would click «+ Nuevo archivo» again once the focus is back on it.
          event.preventDefault();
          (field.closest('dialog') as HTMLDialogElement | null)?.close('create');
        });
        const opened = openDialog({ title: 'Nuevo archivo', body, buttons: [{ label: 'Crear', value: 'create', primary: true }, { label: 'Cancelar', value: 'cancel' }] });
        field.focus();
        const choice = await opened;
        if (choice !== 'create') return;
        typed = field.value;
        const checked = checkNewFilePath(typed, Object.keys(session.tree));
        if ('error' in checked) {
          problem = checked.error;
          continue;
        }
        session.createFile(checked.path);
        tree.update(Object.keys(session.tree));
        openFile(checked.path, true);
        say(`Creado ${checked.path}. Se guarda al escribir; Ctrl+S lo aplica.`);
        return;
      }
    }),
  );

  // Solution, reset, undo and import keep the reader's code recoverable; files may come and go.
  session.onTreeReplaced(() => {
    withEditor((editor) => {
      editor.setFiles(session.tree);
      editor.preload(session.tree);
    });
    tree.update(Object.keys(session.tree));
    for (const path of [...openPaths]) {
      if (session.tree[path] !== undefined || !fileTabs.has(path)) continue;
      fileTabs.remove(path);
      openPaths.splice(openPaths.indexOf(path), 1);
    }
    rememberTabs();
    undo.hidden = !session.hasUndo;
  });
  solution.addEventListener(
    'click',
    guard(async () => {
      if (!(await showSolution(session))) return;
      await session.applySolution();
      say('Solución aplicada. «Deshacer» vuelve a tu código.');
      undo.focus();
    }),
  );
  reset.addEventListener(
    'click',
    guard(async () => {
      const choice = await openDialog({
        title: '¿Reiniciar al inicio?',
        body: 'Tus archivos volverán al código de inicio del laboratorio. Guardamos una copia: podrás recuperarla con «Deshacer».',
        buttons: [
          { label: 'Reiniciar', value: 'reset', primary: true },
          { label: 'Cancelar', value: 'cancel' },
        ],
      });
      if (choice !== 'reset') return;
      await session.resetToStart();
      say('Código de inicio restaurado. «Deshacer» recupera tu versión.');
      undo.focus();
    }),
  );
  undo.addEventListener(
    'click',
    guard(async () => {
      if (await session.undo()) say('Has recuperado tu código.');
      undo.hidden = true;
      runAll.focus();
    }),
  );

  // Stored data that could not be used, edits recovered from the journal, other tabs' changes.
  if (session.notices.length > 0) say(session.notices.join(' '));
  session.onNotice(say);

  addEventListener('pagehide', () => void session.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void session.flush();
  });

  // Crashes and syntax errors where the eyes are: a marker in the editor at file:line:column and a
  // line above the code that says it and jumps there.
  const errorBanner = h('div', { className: 'sbx-code-error', role: 'alert', hidden: true });
  const crashes = new Map<string, { file: string; line: number; column?: number; text: string }>();
  const showCrashes = () => {
    const first = [...crashes.entries()][0];
    errorBanner.hidden = !first;
    if (!first) return errorBanner.replaceChildren();
    const [name, crash] = first;
    const where = `${crash.file}:${crash.line}${crash.column ? `:${crash.column}` : ''}`;
    errorBanner.replaceChildren(
      h('span', { className: 'sbx-code-error-text' }, h('strong', {}, `${name} · ${where}`), ` ${crash.text}`),
      h('button', { type: 'button', className: 'sbx-btn sbx-btn-small', onclick: () => goTo(crash.file, crash.line, crash.column) }, 'Ir al error', h('span', { className: 'visually-hidden' }, ` de ${name}`)),
    );
  };
  const onStatus = (name: string, status: ReturnType<typeof session.engine.status>) => {
    if (status.state === 'crashed' && status.file && status.line && session.tree[status.file] !== undefined) {
      const text = statusText(status).replace(/^Falló: /, '');
      crashes.set(name, { file: status.file, line: status.line, ...(status.column ? { column: status.column } : {}), text });
      withEditor((editor) => editor.markError(name, { path: status.file!, content: session.tree[status.file!] ?? '', line: status.line!, ...(status.column ? { column: status.column } : {}), message: text }));
    } else if (crashes.delete(name)) {
      withEditor((editor) => editor.markError(name, undefined));
    }
    showCrashes();
  };
  for (const service of session.services) onStatus(service.name, session.engine.status(service.name));
  session.engine.onStatus(onStatus);

  // Layout: the panes lab mode puts side by side (inline, they stack as before).
  const workspace = h('div', { className: 'sbx-workspace' }, tree.element, h('div', { className: 'sbx-editor-area' }, h('div', { className: 'sbx-tabs-row' }, fileTabs.list, closeTab), editorPanel, h('div', { className: 'sbx-editor-foot' }, hint, saveState)));
  const panelsElement = h('div', { className: 'sbx-panels' }, panelTabs.list, ...Object.values(panels), ...extraPanels);
  const section = host.closest<HTMLElement>('[data-sandbox]');
  const summaryHtml = section?.querySelector('.sandbox-header > p:not(.eyebrow)')?.innerHTML;
  const stepsPane = createStepsPane(session.lab.id, section?.querySelector('[data-sandbox-steps] ol') ?? null, summaryHtml);
  const codePane = h('div', { className: 'sbx-pane sbx-code-pane', tabindex: '-1', 'aria-label': 'Código' }, errorBanner, workspace);
  // The services' bar: above the code in the lesson, atop the result pane in lab mode (moved, so
  // the focus order always follows what the reader sees).
  const runBar = createRunBar(session, fail, goTo);
  const resultPane = h('div', { className: 'sbx-pane sbx-result-pane', tabindex: '-1', 'aria-label': 'Resultado' }, panelsElement);
  const body = h('div', { className: 'sbx-body' });
  const focusPane = (pane: PaneId) => {
    if (pane === 'code') {
      if (root.dataset.editorReady) withEditor((editor) => editor.focus());
      else codePane.focus();
    } else if (pane === 'result') panelTabs.select(panelTabs.selected ?? 'http', true);
    else stepsPane.focus();
  };
  const engineBar = createEngineBar(session);
  const labMode = createLabMode({
    labId: session.lab.id,
    title: session.lab.meta.title,
    root,
    body,
    panes: { steps: stepsPane, code: codePane, result: resultPane },
    focusPane,
    // In lab mode the engine choice sits under the steps: the rows above the code stay few.
    onChange: (on) => {
      if (on) {
        stepsPane.append(engineBar);
        resultPane.prepend(runBar);
      } else {
        message.before(engineBar);
        codePane.before(runBar);
      }
    },
  });
  body.append(stepsPane, labMode.splitters[0]!, runBar, codePane, labMode.splitters[1]!, resultPane);
  // The tree can fold away so the editor takes its width (inline and in lab mode).
  labMode.treeToggle.setAttribute('aria-controls', (tree.element.id ||= uid('tree')));
  workspace.querySelector('.sbx-tabs-row')?.prepend(labMode.treeToggle);
  toolbar.prepend(labMode.toggle);

  // Keyboard shortcuts (shortcuts.ts): for this sandbox when it is in lab mode or holds the focus.
  const mine = (target: EventTarget | null) => labMode.on || (target instanceof Node && (section ?? root).contains(target));
  document.addEventListener(
    'keydown',
    (event) => {
      const action = actionOf(event);
      if (!action || !mine(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      event.stopPropagation();
      const panes: Record<string, PaneId> = { paneSteps: 'steps', paneCode: 'code', paneResult: 'result' };
      if (action === 'help') void showShortcutsHelp();
      else if (action === 'labMode') labMode.on ? labMode.exit() : labMode.enter();
      else if (action === 'run') guard(() => session.startAll())();
      else if (action === 'send') {
        panelTabs.select('http');
        if (labMode.on) labMode.showPane('result', false);
        http.send();
      } else if (action === 'checks') {
        panelTabs.select('checks');
        if (labMode.on) labMode.showPane('result', false);
        void checks.run();
      } else if (panes[action]) {
        if (labMode.on) labMode.showPane(panes[action]);
        else focusPane(panes[action]);
      }
    },
    true,
  );

  // The hand-in (issue 19) belongs to lab mode: its head is shown only there.
  labMode.head.append(createHandinControls(session, say, () => undo.focus()));

  root.append(labMode.head, toolbar, labMode.paneSwitch, engineBar, message, body);
  host.replaceChildren(root);
  const first = saved?.selected ?? openList[0];
  if (first) openFile(first);
  tabsRestored = true;
  return {
    root,
    focusRun: () => runAll.focus(),
    showPanel: (id) => panelTabs.select(id),
    labMode,
  };
}
