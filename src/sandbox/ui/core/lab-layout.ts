// What lab mode remembers per reader (localStorage, one key for every lab): the width of the
// steps and result panes as fractions of the window, whether the steps and the file tree are hidden, and per lab
// the open file tabs. Anything stored is validated: damaged or out-of-range values fall back to
// the defaults instead of laying out an unusable workspace.

export interface PaneLayout {
  /** Width of the steps pane, fraction of the lab-mode body. */
  steps: number;
  /** Width of the result pane (HTTP client, logs…), fraction of the body. */
  result: number;
  stepsHidden: boolean;
  /** The file tree folded away: the editor takes its width (its tabs still switch files). */
  treeHidden: boolean;
}

export const DEFAULT_LAYOUT: PaneLayout = { steps: 0.18, result: 0.36, stepsHidden: false, treeHidden: false };
export const LIMITS = { steps: [0.12, 0.4], result: [0.25, 0.6], code: 0.25 } as const;

const LAYOUT_KEY = 'foodly-sandbox-layout';
const tabsKey = (lab: string) => `foodly-sandbox-tabs:${lab}`;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

const clamp = (value: number, [min, max]: readonly [number, number]) => Math.min(max, Math.max(min, value));

/** Keeps both panes in range and at least LIMITS.code of the width for the code. */
export function normalizeLayout(layout: PaneLayout): PaneLayout {
  const steps = clamp(layout.steps, LIMITS.steps);
  let result = clamp(layout.result, LIMITS.result);
  const room = 1 - LIMITS.code - (layout.stepsHidden ? 0 : steps);
  if (result > room) result = Math.max(LIMITS.result[0], room);
  return { steps, result, stepsHidden: layout.stepsHidden, treeHidden: layout.treeHidden === true };
}

export function parseLayout(raw: string | null | undefined): PaneLayout {
  if (!raw) return { ...DEFAULT_LAYOUT };
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof PaneLayout, unknown>>;
    // A value out of its range was not written by this code: the default, not the nearest limit.
    const valid = (x: unknown, [min, max]: readonly [number, number]): x is number => typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max;
    const steps = valid(value.steps, LIMITS.steps) ? value.steps : DEFAULT_LAYOUT.steps;
    const result = valid(value.result, LIMITS.result) ? value.result : DEFAULT_LAYOUT.result;
    const stepsHidden = typeof value.stepsHidden === 'boolean' ? value.stepsHidden : false;
    const treeHidden = typeof value.treeHidden === 'boolean' ? value.treeHidden : false;
    return normalizeLayout({ steps, result, stepsHidden, treeHidden });
  } catch {
    return { ...DEFAULT_LAYOUT };
  }
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function readLayout(store: Storage | undefined = storage()): PaneLayout {
  try {
    return parseLayout(store?.getItem(LAYOUT_KEY));
  } catch {
    return { ...DEFAULT_LAYOUT };
  }
}

export function saveLayout(layout: PaneLayout, store: Storage | undefined = storage()): void {
  try {
    store?.setItem(LAYOUT_KEY, JSON.stringify(normalizeLayout(layout)));
  } catch {
    // Full or forbidden storage: the layout lasts for this page only.
  }
}

export interface OpenTabs {
  open: string[];
  selected?: string;
}

/** The file tabs a reader had open in a lab, keeping only files the lab still has. */
export function parseOpenTabs(raw: string | null | undefined, files: ReadonlySet<string>): OpenTabs | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as { open?: unknown; selected?: unknown };
    if (!Array.isArray(value.open)) return undefined;
    const open = [...new Set(value.open.filter((path): path is string => typeof path === 'string' && files.has(path)))].slice(0, 30);
    if (open.length === 0) return undefined;
    const selected = typeof value.selected === 'string' && open.includes(value.selected) ? value.selected : open[0];
    return { open, selected };
  } catch {
    return undefined;
  }
}

export function readOpenTabs(lab: string, files: ReadonlySet<string>, store: Storage | undefined = storage()): OpenTabs | undefined {
  try {
    return parseOpenTabs(store?.getItem(tabsKey(lab)), files);
  } catch {
    return undefined;
  }
}

export function saveOpenTabs(lab: string, tabs: OpenTabs, store: Storage | undefined = storage()): void {
  try {
    store?.setItem(tabsKey(lab), JSON.stringify(tabs));
  } catch {
    // As above.
  }
}
