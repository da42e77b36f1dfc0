// The presenter view: the only writer of the deck's BroadcastChannel. It moves its two preview
// frames (the audience deck in ?incrustada mode) by replacing their hash, shows the notes of the
// current slide, and keeps a timer that survives a reload (sessionStorage).
import { channelName, type DeckState } from './channel.ts';
import { actionFor, isEditing, JumpBuffer, type KeyAction } from './keys.ts';
import { clamp, first, formatHash, last, next, parseHash, previous, samePosition, type Position } from './position.ts';
import { elapsedMs, formatClock, loadTimer, pause, remainingMs, resume, saveTimer, startTimer } from './timer.ts';

interface SlideInfo {
  title: string;
  steps: number;
}

const root = document.querySelector<HTMLElement>('[data-presenter]')!;
const slides: SlideInfo[] = JSON.parse(root.dataset.deck ?? '[]');
const steps = slides.map((slide) => slide.steps);
const slidesHref = root.dataset.slidesHref!;
const plannedMinutes = Number(root.dataset.planned) || undefined;
const currentFrame = root.querySelector<HTMLIFrameElement>('[data-current-frame]')!;
const nextFrame = root.querySelector<HTMLIFrameElement>('[data-next-frame]')!;
const help = document.querySelector<HTMLDialogElement>('[data-help]');
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName(root.dataset.id ?? '')) : undefined;
const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;

let position: Position = clamp(parseHash(location.hash) ?? first(), steps);
let blackout = false;
const jump = new JumpBuffer();

function moveFrame(frame: HTMLIFrameElement, target: Position): void {
  const url = `${slidesHref}?incrustada${formatHash(target)}`;
  try {
    // Same origin: a fragment navigation, without reloading the deck or adding history entries.
    frame.contentWindow!.location.replace(url);
  } catch {
    frame.src = url;
  }
}

function broadcast(): void {
  const state: DeckState = { type: 'state', ...position, blackout };
  channel?.postMessage(state);
}

function render(): void {
  const upcoming = next(position, steps);
  const atEnd = samePosition(upcoming, position);
  moveFrame(currentFrame, position);
  if (!atEnd) moveFrame(nextFrame, upcoming);
  $('[data-end]').hidden = !atEnd;
  const info = slides[position.slide - 1];
  $('[data-current-title]').textContent = info?.title ?? '';
  $('[data-next-title]').textContent = atEnd ? 'fin' : upcoming.slide === position.slide ? `${info?.title} (paso ${upcoming.step})` : (slides[upcoming.slide - 1]?.title ?? '');
  const stepText = info && info.steps > 0 ? ` · paso ${position.step} de ${info.steps}` : '';
  $('[data-counter]').textContent = `Diapositiva ${position.slide} de ${slides.length}${stepText}`;
  for (const notes of root.querySelectorAll<HTMLElement>('[data-notes-for]')) {
    notes.hidden = Number(notes.dataset.notesFor) !== position.slide;
  }
  history.replaceState(history.state, '', formatHash(position));
}

function go(target: Position): void {
  position = clamp(target, steps);
  render();
  broadcast();
}

function setBlackout(on: boolean): void {
  blackout = on;
  $('[data-go="blackout"]').setAttribute('aria-pressed', String(on));
  broadcast();
}

function perform(action: KeyAction): boolean {
  if (action.type !== 'digit' && action.type !== 'jump') jump.clear();
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
      jump.push(action.digit);
      return true;
    case 'jump': {
      const slide = jump.take();
      if (slide === undefined) return false;
      go({ slide, step: 0 });
      return true;
    }
    case 'blackout':
      setBlackout(!blackout);
      return true;
    case 'fullscreen':
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      return true;
    case 'help':
      help?.showModal();
      return true;
    default:
      return false;
  }
}

addEventListener('keydown', (event) => {
  if (event.defaultPrevented || help?.open || isEditing(event.target)) return;
  const action = actionFor(event);
  if (!action) return;
  const onControl = (event.target as Element | null)?.closest?.('button, a, summary');
  if (onControl && (event.key === ' ' || (event.key === 'Enter' && !jump.pending))) return;
  if (perform(action)) event.preventDefault();
});

root.addEventListener('click', (event) => {
  const button = (event.target as Element).closest<HTMLElement>('[data-go]');
  if (button) perform({ type: button.dataset.go } as KeyAction);
});

$('[data-open-audience]').addEventListener('click', () => {
  window.open(`${slidesHref}${formatHash(position)}`, `diapositivas-${root.dataset.id}`);
});

// Timer: elapsed since the presenter view opened (or was reset), against the planned minutes.
const timerKey = `presentador:${root.dataset.id}:reloj`;
let timer = loadTimer(sessionStorage.getItem(timerKey)) ?? startTimer(Date.now());
const toggle = $<HTMLButtonElement>('[data-timer-toggle]');

function tick(): void {
  const now = Date.now();
  $('[data-elapsed]').textContent = formatClock(elapsedMs(timer, now));
  toggle.textContent = timer.pausedAt === undefined ? 'Pausar' : 'Reanudar';
  if (plannedMinutes === undefined) return;
  const remaining = remainingMs(timer, now, plannedMinutes);
  const box = $('[data-remaining-box]');
  $('[data-remaining-label]').textContent = remaining < 0 ? 'Te pasas' : 'Quedan';
  $('[data-remaining]').textContent = formatClock(Math.abs(remaining));
  box.dataset.state = remaining < 0 ? 'late' : remaining < 5 * 60_000 ? 'soon' : 'ok';
}

function persist(): void {
  sessionStorage.setItem(timerKey, saveTimer(timer));
  tick();
}

toggle.addEventListener('click', () => {
  timer = timer.pausedAt === undefined ? pause(timer, Date.now()) : resume(timer, Date.now());
  persist();
});
$('[data-timer-reset]').addEventListener('click', () => {
  timer = startTimer(Date.now());
  persist();
});
persist();
setInterval(tick, 1000);

addEventListener('hashchange', () => {
  const target = parseHash(location.hash);
  if (target && !samePosition(clamp(target, steps), position)) go(target);
});
currentFrame.addEventListener('load', render, { once: true });
render();
broadcast();
root.dataset.ready = 'true';
