// Build-time slide splitter: takes the HTML a lesson renders to (the same <Content/> as the
// reading page) and groups its top-level nodes into slides. A slide starts at every h2 (also an
// h2 inside a component's markup) and at every top-level <hr> (the MDX `---`). Speaker notes
// (<Notas>, marked data-notas) leave the slide and travel next to it; <Paso> steps
// (data-paso) are numbered in document order so the runtime can reveal them one by one.
// Working on the rendered HTML rather than in a remark/rehype plugin keeps the reading page's
// markdown pipeline untouched and sees the output of components too.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

export interface Slide {
  /** Plain text of the slide's heading (or the title it continues, or the deck's fallback). */
  title: string;
  /** The slide's HTML, notes removed, steps numbered with data-step="1…". */
  html: string;
  /** The speaker notes' HTML (empty when the slide has none). */
  notes: string;
  /** How many click-by-click steps the slide has (0: none). */
  steps: number;
}

export interface SplitOptions {
  /** Title of a slide that has no heading and continues nothing (e.g. the lesson's intro). */
  fallbackTitle: string;
}

/** Attribute of an <hr> that separates parts of the deck without carrying the title over. */
export const BOUNDARY_ATTRIBUTE = 'data-deck-boundary';

const isElement = (node: RootContent | ElementContent | Root): node is Element => node.type === 'element';

function hasProperty(node: Element, name: string): boolean {
  const value = node.properties[name];
  return value !== undefined && value !== null && value !== false;
}

/** Depth-first walk over elements, skipping <template> contents (mermaid sources live there). */
function* elements(node: Root | Element): Generator<Element> {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    yield child;
    if (child.tagName !== 'template') yield* elements(child);
  }
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  return node.children.map(textOf).join('');
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

function containsH2(node: Element): boolean {
  if (node.tagName === 'h2') return true;
  for (const element of elements(node)) if (element.tagName === 'h2') return true;
  return false;
}

/** Nodes that are not visible content: whitespace, comments, scripts, styles, notes. */
function isContent(node: RootContent): boolean {
  if (node.type === 'text') return node.value.trim().length > 0;
  if (!isElement(node)) return false;
  return !['script', 'style', 'link', 'template'].includes(node.tagName) && !hasProperty(node, 'dataNotas');
}

interface Draft {
  nodes: RootContent[];
  /** Title carried over from the slide this one continues (after a plain `---`). */
  continues?: string;
}

function group(children: RootContent[]): Draft[] {
  const drafts: Draft[] = [{ nodes: [] }];
  let current = drafts[0]!;
  const start = (continues: boolean) => {
    const previous = titleOf(current.nodes) ?? current.continues;
    current = { nodes: [], continues: continues ? previous : undefined };
    drafts.push(current);
  };
  for (const node of children) {
    if (isElement(node) && node.tagName === 'hr') {
      start(!hasProperty(node, 'dataDeckBoundary'));
      continue;
    }
    if (isElement(node) && containsH2(node) && current.nodes.some(isContent)) start(false);
    current.nodes.push(node);
  }
  return mergeEmpty(drafts);
}

/** A draft without visible content (two `---` in a row, scripts only) joins its neighbour. */
function mergeEmpty(drafts: Draft[]): Draft[] {
  const result: Draft[] = [];
  let carry: RootContent[] = [];
  for (const draft of drafts) {
    if (draft.nodes.some(isContent)) {
      result.push({ ...draft, nodes: [...carry, ...draft.nodes] });
      carry = [];
    } else {
      carry.push(...draft.nodes);
    }
  }
  if (carry.length > 0 && result.length > 0) result.at(-1)!.nodes.push(...carry);
  return result;
}

function headingOf(nodes: RootContent[]): Element | undefined {
  const root: Root = { type: 'root', children: nodes };
  for (const level of ['h1', 'h2', 'h3']) {
    for (const element of elements(root)) if (element.tagName === level) return element;
  }
  return undefined;
}

function titleOf(nodes: RootContent[]): string | undefined {
  const heading = headingOf(nodes);
  return heading ? normalize(textOf(heading)) || undefined : undefined;
}

/** Removes every data-notas element from the tree and returns the HTML of their bodies. */
function extractNotes(root: Root): string {
  const parts: string[] = [];
  const visit = (parent: Root | Element) => {
    parent.children = parent.children.filter((child) => {
      if (!isElement(child)) return true;
      if (hasProperty(child, 'dataNotas')) {
        const body = [...elements(child)].find((element) => hasProperty(element, 'dataNotasBody'));
        parts.push(toHtml((body ?? child).children));
        return false;
      }
      if (child.tagName !== 'template') visit(child);
      return true;
    }) as typeof parent.children;
  };
  visit(root);
  return parts.map((part) => part.trim()).filter(Boolean).join('\n');
}

/** Numbers <Paso> steps in document order; a <Paso lista> numbers each item of its lists. */
function numberSteps(root: Root): number {
  let count = 0;
  for (const element of elements(root)) {
    if (!hasProperty(element, 'dataPaso')) continue;
    if (element.properties.dataPaso === 'lista') {
      const items = [...elements(element)].filter((node) => node.tagName === 'li');
      for (const item of items) item.properties.dataStep = String(++count);
      if (items.length === 0) element.properties.dataStep = String(++count);
    } else {
      element.properties.dataStep = String(++count);
    }
  }
  return count;
}

/** Marks the slide's heading as the target of focus when the slide is shown. */
function markHeading(nodes: RootContent[]): void {
  const heading = headingOf(nodes);
  if (!heading) return;
  heading.properties.tabIndex = -1;
  heading.properties.dataSlideHeading = '';
}

export function splitSlides(html: string, { fallbackTitle }: SplitOptions): Slide[] {
  const tree = fromHtml(html, { fragment: true });
  return group(tree.children).map((draft) => {
    const root: Root = { type: 'root', children: draft.nodes };
    const notes = extractNotes(root);
    const steps = numberSteps(root);
    const title = titleOf(root.children) ?? draft.continues ?? fallbackTitle;
    markHeading(root.children);
    return { title, html: toHtml(root).trim(), notes, steps };
  });
}
