// Shuffling for order questions and "Repaso rápido". `random` is injectable so tests are repeatable.
export type Random = () => number;

export function shuffle<T>(items: readonly T[], random: Random = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A permutation of 0..n-1 that is not the identity (an order question must not start solved). */
export function scrambledOrder(n: number, random: Random = Math.random): number[] {
  const identity = Array.from({ length: n }, (_, i) => i);
  if (n < 2) return identity;
  const order = shuffle(identity, random);
  // Swapping the first two items of the identity is always a valid fallback.
  return order.every((value, i) => value === i) ? [1, 0, ...identity.slice(2)] : order;
}

/** Up to `count` items drawn at random without repetition. */
export function pickRandom<T>(items: readonly T[], count: number, random: Random = Math.random): T[] {
  return shuffle(items, random).slice(0, count);
}
