// Where the deck is: a slide (1-based, as people count) and how many of its steps are shown
// (0: none). The URL hash `#n.step` stores it, so a reload or a shared link keeps the place.
// Pure functions, shared by the audience deck and the presenter view.

export interface Position {
  slide: number;
  step: number;
}

/** Step counts of the deck's slides, in order (index 0 is slide 1). */
export type StepCounts = readonly number[];

export function clamp({ slide, step }: Position, steps: StepCounts): Position {
  const last = Math.max(steps.length, 1);
  const safeSlide = Math.min(Math.max(Math.trunc(slide) || 1, 1), last);
  const maxStep = steps[safeSlide - 1] ?? 0;
  return { slide: safeSlide, step: Math.min(Math.max(Math.trunc(step) || 0, 0), maxStep) };
}

/** `#3.2` → slide 3, step 2; `#3` → slide 3, step 0; anything else → undefined. */
export function parseHash(hash: string): Position | undefined {
  const match = /^#?(\d+)(?:\.(\d+))?$/.exec(hash.trim());
  if (!match) return undefined;
  return { slide: Number(match[1]), step: Number(match[2] ?? 0) };
}

export const formatHash = ({ slide, step }: Position) => `#${slide}.${step}`;

/** One click forward: the next step, or the next slide with none of its steps shown. */
export function next(position: Position, steps: StepCounts): Position {
  const { slide, step } = clamp(position, steps);
  if (step < (steps[slide - 1] ?? 0)) return { slide, step: step + 1 };
  if (slide < steps.length) return { slide: slide + 1, step: 0 };
  return { slide, step };
}

/** One click back: hide the last shown step, or go to the previous slide with all its steps shown. */
export function previous(position: Position, steps: StepCounts): Position {
  const { slide, step } = clamp(position, steps);
  if (step > 0) return { slide, step: step - 1 };
  if (slide > 1) return { slide: slide - 1, step: steps[slide - 2] ?? 0 };
  return { slide, step };
}

export const first = (): Position => ({ slide: 1, step: 0 });

export const last = (steps: StepCounts): Position => ({ slide: Math.max(steps.length, 1), step: 0 });

export const samePosition = (a: Position, b: Position) => a.slide === b.slide && a.step === b.step;
