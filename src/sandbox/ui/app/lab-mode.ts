// Lab mode: the same live view (same session, same running services, same editor), laid out full
// width over the lesson with the lab's steps, the code and the results side by side. Its URL is the
// lesson's with `#lab=<id>`: it can be linked, reloaded and opened in a second window, and since
// the sandbox never unmounts, entering and leaving keeps files, tabs, history and running services.
// Below 1100 px the three panes become one at a time, chosen with buttons.
import { LIMITS, normalizeLayout, readLayout, saveLayout, type PaneLayout } from '../core/lab-layout.ts';
import { h, uid } from './dom.ts';

export type PaneId = 'steps' | 'code' | 'result';

export interface LabModeParts {
  labId: string;
  title: string;
  root: HTMLElement;
  body: HTMLElement;
  panes: Record<PaneId, HTMLElement>;
  /** Where the focus goes when a pane is chosen with the keyboard. */
  focusPane(pane: PaneId): void;
  onChange?(on: boolean): void;
}

export interface LabMode {
  readonly on: boolean;
  readonly toggle: HTMLButtonElement;
  readonly head: HTMLElement;
  readonly paneSwitch: HTMLElement;
  enter(): void;
  exit(): void;
  showPane(pane: PaneId, focus?: boolean): void;
  readonly splitters: HTMLElement[];
  /** Folds the file tree away (or back); remembered with the pane widths. */
  readonly treeToggle: HTMLButtonElement;
}

export const labHash = (labId: string) => `#lab=${encodeURIComponent(labId)}`;
export const WIDE = '(min-width: 1100px)';
const PANE_LABELS: Record<PaneId, string> = { steps: 'Pasos', code: 'Código', result: 'Resultado' };

/** Builds a step list with a checkbox per step (remembered per lab) from the lesson's rendered steps. */
export function createStepsPane(labId: string, rendered: Element | null, summaryHtml: string | undefined): HTMLElement {
  const key = `foodly-sandbox-steps:${labId}`;
  let done: boolean[] = [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    done = Array.isArray(parsed) ? parsed.map((value) => value === true) : [];
  } catch {
    done = [];
  }
  const list = h('ol', { className: 'sbx-steps' });
  const items = rendered ? [...rendered.querySelectorAll('li')] : [];
  items.forEach((item, index) => {
    const id = uid('step');
    const box = h('input', { type: 'checkbox', id, className: 'sbx-step-check' });
    box.checked = done[index] === true;
    const text = h('label', { for: id, className: 'sbx-step-text' });
    text.innerHTML = item.innerHTML; // built at compile time by the lessons' Markdown pipeline
    const li = h('li', { className: 'sbx-step', 'data-done': String(box.checked) }, box, text);
    box.addEventListener('change', () => {
      done[index] = box.checked;
      li.dataset.done = String(box.checked);
      try {
        localStorage.setItem(key, JSON.stringify(items.map((_, i) => done[i] === true)));
      } catch {
        // Storage unavailable: the ticks last for this page.
      }
    });
    list.append(li);
  });
  const summary = h('div', { className: 'sbx-steps-summary' });
  if (summaryHtml) summary.innerHTML = summaryHtml;
  return h('section', { className: 'sbx-pane sbx-steps-pane', 'aria-label': 'Pasos del laboratorio', tabindex: '-1' },
    h('h2', { className: 'sbx-pane-title' }, 'Pasos'),
    summary,
    items.length > 0 ? list : h('p', { className: 'sbx-muted' }, 'Este laboratorio no tiene pasos escritos: sigue el texto de la lección.'),
  );
}

export function createLabMode(parts: LabModeParts): LabMode {
  const { root, body, panes, labId } = parts;
  let on = false;
  let layout: PaneLayout = readLayout();
  let current: PaneId = 'code';
  let restoreInert: (() => void) | undefined;
  let returnFocus: HTMLElement | null = null;
  let scrollBefore = 0;

  const toggle = h('button', { type: 'button', className: 'sbx-btn', 'aria-pressed': 'false', 'aria-keyshortcuts': 'Alt+Shift+L', title: 'Alt+Mayús+L' }, '⤢ Modo laboratorio');
  const stepsToggle = h('button', { type: 'button', className: 'sbx-btn sbx-btn-small', 'aria-expanded': 'true' }, 'Ocultar pasos');
  const treeToggle = h('button', { type: 'button', className: 'sbx-btn sbx-btn-small sbx-tree-toggle', 'aria-expanded': 'true' }, 'Ocultar archivos');
  const newWindow = h('a', { className: 'sbx-btn sbx-btn-small', href: labHash(labId), target: '_blank', rel: 'noopener' }, 'Abrir en otra ventana');
  const head = h('div', { className: 'sbx-lab-head' }, h('p', { className: 'sbx-lab-title' }, h('span', { className: 'sbx-muted' }, 'Laboratorio · '), parts.title), stepsToggle, newWindow);

  // Narrow screens: one pane at a time.
  const paneButtons = new Map<PaneId, HTMLButtonElement>();
  const paneSwitch = h('div', { className: 'sbx-pane-switch', role: 'group', 'aria-label': 'Panel visible' });
  for (const pane of ['steps', 'code', 'result'] as PaneId[]) {
    const button = h('button', { type: 'button', className: 'sbx-btn sbx-btn-small', 'aria-pressed': 'false', onclick: () => showPane(pane, false) }, PANE_LABELS[pane]);
    paneButtons.set(pane, button);
    paneSwitch.append(button);
  }

  const applyLayout = () => {
    layout = normalizeLayout(layout);
    root.style.setProperty('--sbx-steps-w', layout.stepsHidden ? '0px' : `${(layout.steps * 100).toFixed(2)}%`);
    root.style.setProperty('--sbx-result-w', `${(layout.result * 100).toFixed(2)}%`);
    root.toggleAttribute('data-steps-hidden', layout.stepsHidden);
    stepsToggle.textContent = layout.stepsHidden ? 'Mostrar pasos' : 'Ocultar pasos';
    stepsToggle.setAttribute('aria-expanded', String(!layout.stepsHidden));
    root.toggleAttribute('data-tree-hidden', layout.treeHidden);
    treeToggle.textContent = layout.treeHidden ? 'Archivos' : 'Ocultar archivos';
    treeToggle.title = layout.treeHidden ? 'Mostrar el árbol de archivos' : 'Ocultar el árbol de archivos: el editor gana su ancho';
    treeToggle.setAttribute('aria-expanded', String(!layout.treeHidden));
    for (const splitter of splitters) splitter.dispatchEvent(new Event('sbx-layout'));
  };
  treeToggle.addEventListener('click', () => {
    layout = { ...layout, treeHidden: !layout.treeHidden };
    saveLayout(layout);
    applyLayout();
  });
  stepsToggle.addEventListener('click', () => {
    layout = { ...layout, stepsHidden: !layout.stepsHidden };
    saveLayout(layout);
    applyLayout();
  });

  /** A draggable, keyboard-operable separator that sets one pane's width. */
  const splitter = (which: 'steps' | 'result', label: string, controls: HTMLElement) => {
    controls.id ||= uid('pane');
    const element = h('div', { className: 'sbx-splitter', role: 'separator', tabindex: '0', 'aria-orientation': 'vertical', 'aria-label': label, 'aria-controls': controls.id, 'aria-valuemin': String(LIMITS[which][0] * 100), 'aria-valuemax': String(LIMITS[which][1] * 100) });
    const show = () => {
      element.setAttribute('aria-valuenow', String(Math.round(layout[which] * 100)));
      element.hidden = which === 'steps' && layout.stepsHidden;
    };
    element.addEventListener('sbx-layout', show);
    const set = (fraction: number) => {
      layout = normalizeLayout({ ...layout, [which]: fraction });
      applyLayout();
    };
    element.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      element.setPointerCapture(event.pointerId);
      const rect = body.getBoundingClientRect();
      const move = (e: PointerEvent) => set(which === 'steps' ? (e.clientX - rect.left) / rect.width : (rect.right - e.clientX) / rect.width);
      const up = () => {
        element.removeEventListener('pointermove', move);
        element.removeEventListener('pointerup', up);
        element.removeEventListener('pointercancel', up);
        saveLayout(layout);
      };
      element.addEventListener('pointermove', move);
      element.addEventListener('pointerup', up);
      element.addEventListener('pointercancel', up);
    });
    element.addEventListener('keydown', (event) => {
      const grow = which === 'steps' ? 1 : -1;
      const step = event.shiftKey ? 0.1 : 0.02;
      const next = { ArrowRight: layout[which] + grow * step, ArrowLeft: layout[which] - grow * step, Home: LIMITS[which][0], End: LIMITS[which][1] }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      set(next);
      saveLayout(layout);
    });
    return element;
  };
  const splitters = [splitter('steps', 'Ancho de los pasos', panes.steps), splitter('result', 'Ancho del resultado', panes.result)];

  function showPane(pane: PaneId, focus = true) {
    current = pane;
    root.dataset.pane = pane;
    for (const [id, button] of paneButtons) button.setAttribute('aria-pressed', String(id === pane));
    if (pane === 'steps' && layout.stepsHidden && matchMedia(WIDE).matches) {
      layout = { ...layout, stepsHidden: false };
      applyLayout();
    }
    if (focus) parts.focusPane(pane);
  }

  /** Everything on the page but the lab is inert while lab mode covers it. */
  function makeRestInert(): () => void {
    const changed: HTMLElement[] = [];
    let node: HTMLElement | null = root;
    while (node && node !== document.body) {
      const parent: HTMLElement | null = node.parentElement;
      for (const sibling of parent ? [...parent.children] : []) {
        if (sibling === node || !(sibling instanceof HTMLElement) || sibling.inert || sibling.tagName === 'SCRIPT' || sibling.tagName === 'DIALOG') continue;
        sibling.inert = true;
        changed.push(sibling);
      }
      node = parent;
    }
    return () => {
      for (const element of changed) element.inert = false;
    };
  }

  function render(next: boolean) {
    if (next === on) return;
    on = next;
    toggle.setAttribute('aria-pressed', String(on));
    toggle.textContent = on ? '⤡ Volver a la lección' : '⤢ Modo laboratorio';
    if (on) {
      scrollBefore = scrollY;
      returnFocus = document.activeElement instanceof HTMLElement && !root.contains(document.activeElement) ? document.activeElement : null;
      root.dataset.labMode = 'true';
      document.documentElement.classList.add('sbx-lab-mode-open');
      restoreInert = makeRestInert();
      applyLayout();
      showPane(current, false);
    } else {
      delete root.dataset.labMode;
      document.documentElement.classList.remove('sbx-lab-mode-open');
      restoreInert?.();
      restoreInert = undefined;
      scrollTo({ top: scrollBefore });
      (returnFocus ?? toggle).focus({ preventScroll: true });
    }
    parts.onChange?.(on);
  }

  const wanted = () => location.hash === labHash(labId);
  const sync = () => render(wanted());
  addEventListener('hashchange', sync);
  addEventListener('popstate', sync);

  function enter() {
    if (!wanted()) history.pushState({ sbxLab: labId }, '', labHash(labId));
    render(true);
    toggle.focus({ preventScroll: true });
  }
  function exit() {
    if (wanted()) {
      // Back to the entry we pushed (so Back in the browser behaves), or drop the hash of a link.
      if ((history.state as { sbxLab?: string } | null)?.sbxLab === labId) history.back();
      else history.replaceState(null, '', location.pathname + location.search);
    }
    render(false);
  }
  toggle.addEventListener('click', () => (on ? exit() : enter()));

  // Phone ⇄ wide: the pane buttons decide only on narrow screens (CSS), nothing to redo here.
  applyLayout();
  queueMicrotask(sync);
  return {
    get on() {
      return on;
    },
    toggle,
    head,
    paneSwitch,
    enter,
    exit,
    showPane,
    splitters,
    treeToggle,
  };
}
