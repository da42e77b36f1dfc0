// The presenter's clock: elapsed time with pause/resume, and what remains of the planned minutes.
// Plain data, so it can be kept in sessionStorage and survive a reload of the presenter view.

export interface TimerState {
  /** When the clock (re)started, in ms since the epoch. */
  startedAt: number;
  /** Total time spent paused before the current run. */
  pausedMs: number;
  /** Set while paused. */
  pausedAt?: number;
}

export const startTimer = (now: number): TimerState => ({ startedAt: now, pausedMs: 0 });

export function elapsedMs(timer: TimerState, now: number): number {
  const end = timer.pausedAt ?? now;
  return Math.max(0, end - timer.startedAt - timer.pausedMs);
}

export const pause = (timer: TimerState, now: number): TimerState => (timer.pausedAt === undefined ? { ...timer, pausedAt: now } : timer);

export function resume(timer: TimerState, now: number): TimerState {
  if (timer.pausedAt === undefined) return timer;
  return { startedAt: timer.startedAt, pausedMs: timer.pausedMs + (now - timer.pausedAt) };
}

/** Negative when the class runs over the plan. */
export const remainingMs = (timer: TimerState, now: number, plannedMinutes: number) => plannedMinutes * 60_000 - elapsedMs(timer, now);

/** 75 s → "01:15"; 3725 s → "1:02:05". */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

export const saveTimer = (timer: TimerState) => JSON.stringify(timer);

export function loadTimer(text: string | null): TimerState | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<TimerState>;
    if (typeof value.startedAt !== 'number' || typeof value.pausedMs !== 'number') return undefined;
    return { startedAt: value.startedAt, pausedMs: value.pausedMs, ...(typeof value.pausedAt === 'number' ? { pausedAt: value.pausedAt } : {}) };
  } catch {
    return undefined;
  }
}
