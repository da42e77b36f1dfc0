// Keyboard shortcuts of a sandbox and the help dialog (`?`) that lists them. Every chord is
// Alt+Shift+<key>, which neither Monaco nor the browsers bind (Monaco's Alt+Shift chords are F, I, A
// and the arrows), so they also work while typing in the editor without taking a key from it;
// `?` opens the help only when the focus is not in a text field or the editor.
import { openDialog } from './dialog.ts';
import { h } from './dom.ts';

export type ShortcutAction = 'labMode' | 'run' | 'send' | 'checks' | 'paneSteps' | 'paneCode' | 'paneResult' | 'help';

interface Shortcut {
  action: ShortcutAction;
  /** KeyboardEvent.code with Alt+Shift (layout-independent: Alt changes the character on a Mac). */
  code: string;
  keys: string;
  label: string;
}

export const SHORTCUTS: Shortcut[] = [
  { action: 'run', code: 'KeyR', keys: 'Alt+Mayús+R', label: 'Ejecutar el laboratorio (todos sus servicios)' },
  { action: 'send', code: 'Enter', keys: 'Alt+Mayús+Intro', label: 'Enviar la petición del cliente HTTP' },
  { action: 'checks', code: 'KeyC', keys: 'Alt+Mayús+C', label: 'Ejecutar las comprobaciones' },
  { action: 'labMode', code: 'KeyL', keys: 'Alt+Mayús+L', label: 'Entrar en el modo laboratorio o volver a la lección' },
  { action: 'paneSteps', code: 'Digit1', keys: 'Alt+Mayús+1', label: 'Ir a los pasos' },
  { action: 'paneCode', code: 'Digit2', keys: 'Alt+Mayús+2', label: 'Ir al editor' },
  { action: 'paneResult', code: 'Digit3', keys: 'Alt+Mayús+3', label: 'Ir al resultado (cliente HTTP, registros…)' },
  { action: 'help', code: 'Slash', keys: '?', label: 'Mostrar esta ayuda' },
];

/** Keys that are not ours but a reader should know (handled by the editor or the browser). */
const OTHER_KEYS: [string, string][] = [
  ['Ctrl+S (⌘S en Mac)', 'Guardar: aplica los cambios y reinicia el servicio'],
  ['Esc y después Tab', 'Salir del editor o de la terminal con el teclado'],
  ['Flechas en una pestaña', 'Cambiar de pestaña (archivos, paneles)'],
  ['Flechas en un separador', 'Cambiar el ancho de los paneles (Mayús: más deprisa)'],
];

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, .monaco-editor, .xterm') !== null);

/** The action of a keydown, or undefined when it is not one of ours (or belongs to a text field). */
export function actionOf(event: KeyboardEvent): ShortcutAction | undefined {
  if (event.ctrlKey || event.metaKey) return undefined;
  if (event.altKey && event.shiftKey) return SHORTCUTS.find((s) => s.code === event.code && s.action !== 'help')?.action;
  if (!event.altKey && event.key === '?' && !isTextField(event.target)) return 'help';
  return undefined;
}

export function showShortcutsHelp(): Promise<string> {
  const row = (keys: string, label: string) => h('tr', {}, h('th', { scope: 'row' }, h('kbd', {}, keys)), h('td', {}, label));
  const table = h(
    'table',
    { className: 'sbx-shortcuts' },
    h('caption', { className: 'visually-hidden' }, 'Atajos de teclado del laboratorio'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Teclas'), h('th', { scope: 'col' }, 'Acción'))),
    h('tbody', {}, ...SHORTCUTS.map((s) => row(s.keys, s.label)), ...OTHER_KEYS.map(([keys, label]) => row(keys, label))),
  );
  const body = h('div', {}, h('p', {}, 'Los atajos con Alt+Mayús funcionan también mientras escribes en el editor; «?» solo fuera de los campos de texto.'), table);
  return openDialog({ title: 'Atajos de teclado', body, scrollable: true, buttons: [{ label: 'Cerrar', value: 'close', primary: true }] });
}
