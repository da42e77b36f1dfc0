// The audience deck: shows one slide (and its revealed steps) at a time, scaled to the window,
// keeps the place in the URL hash, and follows the presenter window over BroadcastChannel.
// With ?incrustada it is the presenter's preview: no keys, no chrome, driven by the hash only.
import { channelName, isDeckState, type DeckState } from './channel.ts';
import { fit } from './fit.ts';
import { actionFor, isEditing, JumpBuffer, type KeyAction } from './keys.ts';
import { clamp, first, formatHash, last, next, parseHash, previous, samePosition, type Position } from './position.ts';

const STAGE_WIDTH = 1280;
const STAGE_HEIGHT = 720;

const deck = document.querySelector<HTMLElement>('[data-deck]')!;
const viewport = deck.querySelector<HTMLElement>('[data-viewport]')!;
const frames = [...deck.querySelectorAll<HTMLElement>('[data-frame]')];
const steps: number[] = JSON.parse(deck.dataset.steps ?? '[]');
const live = deck.querySelector<HTMLElement>('[data-live]')!;
const counter = deck.querySelector<HTMLElement>('[data-counter]');
const jumpHint = deck.querySelector<HTMLElement>('[data-jump]');
const blackoutScreen = deck.querySelector<HTMLElement>('[data-blackout-screen]')!;
const help = document.querySelector<HTMLDialogElement>('[data-help]');
const params = new URLSearchParams(location.search);
const embedded = params.has('incrustada');

let position: Position = first();
let overview = false;
let blackout = false;
const jump = new JumpBuffer();

const slideOf = (frame: HTMLElement) => frame.querySelector<HTMLElement>('[data-slide]')!;

function rescale(): void {
  const scale = Math.min(viewport.clientWidth / STAGE_WIDTH, viewport.clientHeight / STAGE_HEIGHT);
  deck.style.setProperty('--scale', String(scale > 0 ? scale : 1));
}

function fitFrame(frame: HTMLElement): void {
  const box = frame.querySelector<HTMLElement>('[data-slide-box]');
  const content = frame.querySelector<HTMLElement>('[data-slide-content]');
  if (!box || !content) return;
  if (frame.hasAttribute('data-native')) content.style.removeProperty('zoom');
  else fit(box, content);
  // A slide still too tall after zooming out scrolls; keyboard users reach it with Tab or ↓.
  if (box.scrollHeight > box.clientHeight + 1) box.tabIndex = 0;
  else box.removeAttribute('tabindex');
}

/** ↓ / ↑ scroll a slide that overflows before moving to the next or previous one. */
function scrollActive(key: string): boolean {
  if (overview || (key !== 'ArrowDown' && key !== 'ArrowUp')) return false;
  const box = frames[position.slide - 1]?.querySelector<HTMLElement>('[data-slide-box]');
  if (!box || box.scrollHeight <= box.clientHeight + 1) return false;
  const down = key === 'ArrowDown';
  const room = down ? box.scrollHeight - box.clientHeight - box.scrollTop : box.scrollTop;
  if (room <= 1) return false;
  box.scrollBy({ top: (down ? 1 : -1) * box.clientHeight * 0.8 });
  return true;
}

// Diagrams, sandboxes and lazily drawn content change a slide's height after it is shown.
const resizes = new ResizeObserver(() => {
  const frame = frames[position.slide - 1];
  if (frame && !overview) fitFrame(frame);
});

function renderDiagrams(frame: HTMLElement): void {
  if (!frame.querySelector('[data-mermaid]:not([data-rendered])')) return;
  void import('../components/mermaid-render.ts').then((module) => module.renderAll());
}

function show(target: Position, { focus = false, announce = true } = {}): void {
  const previousSlide = position.slide;
  position = clamp(target, steps);
  frames.forEach((frame, index) => {
    const active = index === position.slide - 1;
    frame.toggleAttribute('data-active', active);
    slideOf(frame).inert = overview || !active;
  });
  const frame = frames[position.slide - 1];
  if (!frame) return;
  // A live sandbox (Monaco, panels) needs real pixels: its slide fills the window unscaled.
  frame.toggleAttribute('data-native', Boolean(frame.querySelector('[data-sandbox]')));
  for (const element of frame.querySelectorAll<HTMLElement>('[data-step]')) {
    element.toggleAttribute('data-future', Number(element.dataset.step) > position.step);
  }
  if (counter) counter.textContent = `${position.slide} / ${frames.length}`;
  deck.style.setProperty('--progress', String(frames.length > 1 ? (position.slide - 1) / (frames.length - 1) : 1));
  history.replaceState(history.state, '', formatHash(position));
  renderDiagrams(frame);
  resizes.disconnect();
  const content = frame.querySelector<HTMLElement>('[data-slide-content]');
  if (content) resizes.observe(content);
  fitFrame(frame);
  if (position.slide !== previousSlide || !deck.dataset.ready) {
    const slide = slideOf(frame);
    frame.querySelector('[data-slide-box]')?.scrollTo({ top: 0 });
    if (announce && !embedded) live.textContent = slide.getAttribute('aria-label') ?? '';
    if (focus) (slide.querySelector<HTMLElement>('[data-slide-heading]') ?? slide).focus({ preventScroll: true });
  }
}

function go(target: Position): void {
  if (!samePosition(target, position) || overview) setOverview(false);
  show(target, { focus: true });
}

function setOverview(on: boolean): void {
  if (overview === on) return;
  overview = on;
  deck.classList.toggle('is-overview', on);
  deck.querySelector('[data-action="overview"]')?.setAttribute('aria-pressed', String(on));
  for (const [index, frame] of frames.entries()) {
    const pick = frame.querySelector<HTMLButtonElement>('[data-pick]')!;
    pick.hidden = !on;
    pick.toggleAttribute('aria-current', on && index === position.slide - 1);
    slideOf(frame).inert = on || index !== position.slide - 1;
  }
  if (on) {
    live.textContent = 'Vista general: elige una diapositiva';
    frames[position.slide - 1]?.querySelector<HTMLElement>('[data-pick]')?.focus();
  } else {
    show(position, { focus: true, announce: false });
  }
}

function setBlackout(on: boolean): void {
  blackout = on;
  blackoutScreen.hidden = !on;
  deck.querySelector('[data-action="blackout"]')?.setAttribute('aria-pressed', String(on));
  if (!embedded) live.textContent = on ? 'Pantalla en negro' : '';
}

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

function openPresenter(): void {
  window.open(`${deck.dataset.presenterHref}${formatHash(position)}`, `presentador-${deck.dataset.id}`);
}

/** Arrow keys move between thumbnails in the overview grid. */
function moveInOverview(action: KeyAction['type'], key: string): boolean {
  const picks = frames.map((frame) => frame.querySelector<HTMLButtonElement>('[data-pick]')!);
  const current = picks.indexOf(document.activeElement as HTMLButtonElement);
  const columns = Math.max(1, picks.filter((pick) => pick.offsetTop === picks[0]!.offsetTop).length);
  const delta = key === 'ArrowDown' ? columns : key === 'ArrowUp' ? -columns : action === 'next' ? 1 : action === 'previous' ? -1 : 0;
  if (action === 'first' || action === 'last') {
    picks[action === 'first' ? 0 : picks.length - 1]!.focus();
    return true;
  }
  if (delta === 0) return false;
  picks[Math.min(Math.max((current < 0 ? position.slide - 1 : current) + delta, 0), picks.length - 1)]!.focus();
  return true;
}

function perform(action: KeyAction, key = ''): boolean {
  if (action.type !== 'digit' && action.type !== 'jump') {
    jump.clear();
    if (jumpHint) jumpHint.hidden = true;
  }
  if (overview && action.type !== 'overview' && action.type !== 'cancel' && action.type !== 'help' && action.type !== 'jump') {
    if (moveInOverview(action.type, key)) return true;
  }
  switch (action.type) {
    case 'next':
      go(next(position, steps));
      return true;
    case 'previous':
      go(previous(position, steps));
      return true;
    case 'first':
      go(first());
      return true;
    case 'last':
      go(last(steps));
      return true;
    case 'digit':
      if (jumpHint) {
        jumpHint.hidden = false;
        jumpHint.textContent = `Ir a la diapositiva ${jump.push(action.digit)}…`;
      } else {
        jump.push(action.digit);
      }
      return true;
    case 'jump': {
      const slide = jump.take();
      if (jumpHint) jumpHint.hidden = true;
      if (slide === undefined) return false;
      go({ slide, step: 0 });
      return true;
    }
    case 'cancel':
      if (overview) setOverview(false);
      else if (blackout) setBlackout(false);
      return true;
    case 'overview':
      setOverview(!overview);
      return true;
    case 'fullscreen':
      toggleFullscreen();
      return true;
    case 'blackout':
      setBlackout(!blackout);
      return true;
    case 'presenter':
      openPresenter();
      return true;
    case 'help':
      help?.showModal();
      return true;
  }
}

function onKey(event: KeyboardEvent): void {
  if (event.defaultPrevented || help?.open || isEditing(event.target)) return;
  const action = actionFor(event);
  if (!action) return;
  // Space and Enter keep their meaning on a focused button or link (Enter still ends a jump).
  const onControl = (event.target as Element | null)?.closest?.('button, a, summary');
  if (onControl && (event.key === ' ' || (event.key === 'Enter' && !jump.pending))) return;
  if (scrollActive(event.key) || perform(action, event.key)) event.preventDefault();
}

function positionFromHash(): Position | undefined {
  const parsed = parseHash(location.hash);
  if (parsed) return parsed;
  // A heading id (#si-vienes-de-fastapi) opens the slide that holds it.
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  const index = target ? frames.findIndex((frame) => frame.contains(target)) : -1;
  return index >= 0 ? { slide: index + 1, step: 0 } : undefined;
}

function wireControls(): void {
  deck.querySelector('[data-controls]')?.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLElement>('[data-action]');
    const action = button?.dataset.action as KeyAction['type'] | undefined;
    if (action) perform({ type: action } as KeyAction);
  });
  viewport.addEventListener('click', (event) => {
    const pick = (event.target as Element).closest<HTMLElement>('[data-pick]');
    if (pick) go({ slide: Number(pick.dataset.pick), step: 0 });
  });
  const printNotes = help?.querySelector<HTMLInputElement>('[data-print-notes]');
  const setPrintNotes = (on: boolean) => document.documentElement.toggleAttribute('data-print-notes', on);
  if (printNotes) {
    printNotes.checked = params.get('notas') === '1';
    setPrintNotes(printNotes.checked);
    printNotes.addEventListener('change', () => setPrintNotes(printNotes.checked));
  }
  help?.querySelector('[data-print]')?.addEventListener('click', () => {
    help.close();
    print();
  });
}

function listenToPresenter(): void {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel(channelName(deck.dataset.id ?? ''));
  channel.addEventListener('message', (event: MessageEvent<DeckState>) => {
    if (!isDeckState(event.data)) return;
    if (event.data.blackout !== blackout) setBlackout(event.data.blackout);
    if (!samePosition(event.data, position)) {
      setOverview(false);
      show(event.data);
    }
  });
}

// Printing shows every slide with all its steps: fit each one at that size first.
function fitAllForPrint(): void {
  deck.classList.add('is-measuring');
  for (const frame of frames) fitFrame(frame);
  deck.classList.remove('is-measuring');
}

// The viewport changes size with the window, fullscreen, and the controls bar (absent when embedded).
new ResizeObserver(() => {
  rescale();
  const frame = frames[position.slide - 1];
  if (frame && !overview) fitFrame(frame);
}).observe(viewport);
addEventListener('beforeprint', fitAllForPrint);
addEventListener('afterprint', () => show(position, { announce: false }));
addEventListener('hashchange', () => {
  const target = positionFromHash();
  if (target && !samePosition(clamp(target, steps), position)) show(target, { focus: !embedded });
});
if (embedded) {
  deck.classList.add('is-embedded');
  deck.inert = true;
} else {
  addEventListener('keydown', onKey);
  wireControls();
  listenToPresenter();
}
rescale();
show(positionFromHash() ?? first(), { announce: false });
deck.dataset.ready = 'true';
