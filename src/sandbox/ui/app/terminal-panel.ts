// A jsh shell in the WebContainer (npm test, curl, node…), shown with xterm.js. Loaded only when
// the reader opens the panel. Esc then Tab leaves the terminal, as in the editor.
import type { TerminalCapability } from '../../contract/index.ts';
import { h } from './dom.ts';

export function createTerminalPanel(engine: TerminalCapability): { element: HTMLElement; start(): Promise<void> } {
  const screen = h('div', { className: 'sbx-terminal' });
  const element = h('div', {},
    h('p', { className: 'sbx-hint sbx-muted' }, 'Terminal del contenedor (jsh): prueba npm test, node o curl. Ctrl+C interrumpe; Esc y después Tab sale de la terminal.'),
    screen,
  );
  let started: Promise<void> | undefined;
  const start = () => (started ??= open());

  async function open() {
    const [{ Terminal }, { FitAddon }, { default: css }] = await Promise.all([
      import('@xterm/xterm'),
      import('@xterm/addon-fit'),
      import('@xterm/xterm/css/xterm.css?inline'),
    ]);
    if (!document.querySelector('style[data-xterm]')) {
      document.head.append(Object.assign(document.createElement('style'), { textContent: css }));
      document.head.lastElementChild!.setAttribute('data-xterm', '');
    }
    const terminal = new Terminal({ convertEol: true, cursorBlink: true, screenReaderMode: true, fontFamily: 'ui-monospace, monospace', fontSize: 13 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(screen);
    fit.fit();
    let escaped = false;
    terminal.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown') return true;
      if (event.key === 'Tab' && escaped) return false; // let the browser move focus
      escaped = event.key === 'Escape';
      return true;
    });
    const shell = await engine.spawnShell({ cols: terminal.cols, rows: terminal.rows });
    void shell.output.pipeTo(new WritableStream({ write: (data) => terminal.write(data) }));
    const input = shell.input.getWriter();
    terminal.onData((data) => void input.write(data));
    new ResizeObserver(() => {
      fit.fit();
      shell.resize({ cols: terminal.cols, rows: terminal.rows });
    }).observe(screen);
    terminal.focus();
  }

  return { element, start };
}
