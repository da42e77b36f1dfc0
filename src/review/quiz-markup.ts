// Build-time helpers for quiz markup: texts as safe HTML, the order in which choices are shown and
// a stable scrambled order for the no-JS view of order questions (the same on every build, so
// pages don't churn, reloads and print agree, and the answer key's letters match what is shown).
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
  return stablePermutation(n, seed, false);
}

/** A question as far as ordering its choices goes. */
export interface OrderableQuestion {
  id: string;
  type: string;
  choices?: ReadonlyArray<{ correct: boolean }>;
}

/**
 * The order in which each question of a quiz shows its choices: `orders.get(id)[k]` is the index,
 * in the YAML, of the k-th choice on the page. Deterministic (seeded by the quiz and question ids),
 * so every build, reload and print agree, and the answer key's letters match what is shown.
 * Independent shuffles would leave streaks (4 of 6 answers in "C" happens one quiz in seven), so the
 * places of single answers are dealt like cards: a shuffled deck of 0,1,2,3,0,1… gives each
 * question its answer's place, and the wrong choices fill the other places in a shuffled order.
 * Multiple-answer questions are shuffled until their right answers are not the first or last k.
 */
export function quizChoiceOrders(quizId: string, questions: readonly OrderableQuestion[]): Map<string, number[]> {
  const orders = new Map<string, number[]>();
  const singles = questions.filter((q) => q.choices && q.choices.filter((c) => c.correct).length === 1);
  const deck = stablePermutation(singles.length, `deck:${quizId}`, true).map((k) => k % 4);
  for (const question of questions) {
    const choices = question.choices;
    if (!choices) continue;
    const seed = `choices:${quizId}--${question.id}`;
    const right = choices.flatMap((c, i) => (c.correct ? [i] : []));
    const wrong = choices.flatMap((c, i) => (c.correct ? [] : [i]));
    if (right.length === 1) {
      const place = deck[singles.indexOf(question)]! % choices.length;
      const others = stablePermutation(wrong.length, seed, true).map((k) => wrong[k]!);
      orders.set(question.id, [...others.slice(0, place), right[0]!, ...others.slice(place)]);
      continue;
    }
    let order = stablePermutation(choices.length, seed, true);
    for (let salt = 1; salt < 50 && answersAtAnEnd(order.flatMap((original, shown) => (choices[original]!.correct ? [shown] : [])), choices.length); salt++) {
      order = stablePermutation(choices.length, `${seed}#${salt}`, true);
    }
    orders.set(question.id, order);
  }
  return orders;
}

/** What a learner could bet on: the right answers are exactly the first k, or the last k, shown. */
export function answersAtAnEnd(shownPositions: readonly number[], total: number): boolean {
  const k = shownPositions.length;
  if (k === 0 || k === total) return false;
  return shownPositions.every((p, i) => p === i) || shownPositions.every((p, i) => p === total - k + i);
}

function stablePermutation(n: number, seed: string, allowIdentity: boolean): number[] {
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
  if (!allowIdentity && n >= 2 && order.every((value, i) => value === i)) [order[0], order[1]] = [order[1]!, order[0]!];
  return order;
}
