// A tiny element builder: the sandbox UI is plain DOM (no framework to download).
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (name === 'className') element.className = String(value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

let counter = 0;
/** A page-unique id for aria-labelledby / aria-controls pairs. */
export const uid = (prefix: string): string => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;

/** Elements the keyboard can reach inside `root`, in document order. */
export function focusables(root: ParentNode = document): HTMLElement[] {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), iframe, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
  return [...root.querySelectorAll<HTMLElement>(selector)].filter((el) => !el.closest('[hidden], [inert]') && el.getClientRects().length > 0);
}

/**
 * Scrolls a horizontally scrolling row (the open-file tabs) so `child` is in view, and nothing else.
 * `scrollIntoView({ block: 'nearest' })` also scrolls the page: a sandbox waking above the reader
 * (an anchored link lands below it) pulled the page 1,358 px up to show its restored tab.
 */
export function revealSideways(row: HTMLElement, child: Element | null): void {
  if (!child) return;
  const rowBox = row.getBoundingClientRect();
  const childBox = child.getBoundingClientRect();
  if (childBox.left < rowBox.left) row.scrollLeft -= rowBox.left - childBox.left;
  else if (childBox.right > rowBox.right) row.scrollLeft += childBox.right - rowBox.right;
}

/** Whether `element` is wholly above the reader's view (the sticky header's band counts as above) or below it. */
export function outOfSight(element: Element): boolean {
  const box = element.getBoundingClientRect();
  const covered = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  return box.bottom <= covered || box.top >= innerHeight;
}
