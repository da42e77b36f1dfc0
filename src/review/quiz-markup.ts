// Build-time helpers for quiz markup: texts as safe HTML and a stable scrambled order for the
// no-JS view of order questions (the same on every build, so pages don't churn).
import { inlineMarkdown } from '../lib/inline-markdown.ts';

export const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Paragraphs separated by a blank line, each with inline Markdown. */
export function paragraphsHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${inlineMarkdown(paragraph.replace(/\s*\n\s*/g, ' '))}</p>`)
    .join('');
}

export const inlineHtml = (text: string) => inlineMarkdown(text.trim().replace(/\s*\n\s*/g, ' '));

/** Plain text of an inline-Markdown string (for summaries and link titles). */
export const plainText = (text: string) => text.replace(/[`*]/g, '').replace(/\s+/g, ' ').trim();

/** A deterministic permutation of 0..n-1 derived from a seed, never the identity when n ≥ 2. */
export function stableScramble(n: number, seed: string): number[] {
  let state = [...seed].reduce((hash, char) => (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0, 2166136261);
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 2246822519) + 3266489917) >>> 0;
    return state / 2 ** 32;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  if (n >= 2 && order.every((value, i) => value === i)) [order[0], order[1]] = [order[1]!, order[0]!];
  return order;
}
