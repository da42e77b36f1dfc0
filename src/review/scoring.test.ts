import { describe, expect, it } from 'vitest';
import { isAnswerComplete, isCorrect, percent, scoreOf, type ScoredQuestion } from './scoring.ts';
import { pickRandom, scrambledOrder, shuffle } from './random.ts';

const single: ScoredQuestion = { type: 'single', correct: [2], choices: 4 };
const code: ScoredQuestion = { type: 'code', correct: [0], choices: 3 };
const multiple: ScoredQuestion = { type: 'multiple', correct: [0, 3], choices: 4 };
const order: ScoredQuestion = { type: 'order', items: 4 };

describe('isCorrect', () => {
  it('single choice: only the right choice', () => {
    expect(isCorrect(single, [2])).toBe(true);
    expect(isCorrect(single, [1])).toBe(false);
    expect(isCorrect(single, [2, 1])).toBe(false);
    expect(isCorrect(single, [])).toBe(false);
  });

  it('which code is right: the same rule as single choice', () => {
    expect(isCorrect(code, [0])).toBe(true);
    expect(isCorrect(code, [1])).toBe(false);
  });

  it('multiple choice: exactly the set of right choices, in any order', () => {
    expect(isCorrect(multiple, [3, 0])).toBe(true);
    expect(isCorrect(multiple, [0])).toBe(false);
    expect(isCorrect(multiple, [0, 3, 1])).toBe(false);
    expect(isCorrect(multiple, [0, 0])).toBe(false);
    expect(isCorrect(multiple, [0, 7])).toBe(false);
  });

  it('ordering: every item in its original position', () => {
    expect(isCorrect(order, [0, 1, 2, 3])).toBe(true);
    expect(isCorrect(order, [1, 0, 2, 3])).toBe(false);
    expect(isCorrect(order, [0, 1, 2])).toBe(false);
  });

  it('knows when an answer can be checked', () => {
    expect(isAnswerComplete(single, [])).toBe(false);
    expect(isAnswerComplete(single, [1])).toBe(true);
    expect(isAnswerComplete(multiple, [1])).toBe(true);
    expect(isAnswerComplete(order, [3, 2, 1, 0])).toBe(true);
  });
});

describe('score', () => {
  it('counts right answers and rounds the percentage', () => {
    expect(scoreOf([true, false, true])).toEqual({ correct: 2, total: 3 });
    expect(percent({ correct: 2, total: 3 })).toBe(67);
    expect(percent({ correct: 0, total: 0 })).toBe(0);
  });
});

describe('random helpers', () => {
  const sequence = (values: number[]) => {
    let i = 0;
    return () => values[i++ % values.length]!;
  };

  it('shuffle is a permutation', () => {
    expect(shuffle([1, 2, 3, 4, 5], sequence([0.3, 0.9, 0.1])).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('an order question never starts solved', () => {
    // Math.random always returning 0.999 makes Fisher-Yates keep the identity.
    expect(scrambledOrder(3, () => 0.999)).toEqual([1, 0, 2]);
    for (let i = 0; i < 50; i++) expect(scrambledOrder(4)).not.toEqual([0, 1, 2, 3]);
  });

  it('picks without repetition and no more than there is', () => {
    const picked = pickRandom([...'abcdefghijkl'], 10);
    expect(new Set(picked).size).toBe(10);
    expect(pickRandom(['a', 'b'], 10)).toHaveLength(2);
  });
});
