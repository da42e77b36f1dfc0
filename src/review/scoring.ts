// Whether an answer to a quiz question is right. The same rules for every question type are
// used by the lesson quizzes and by "Repaso rápido".

export type QuestionType = 'single' | 'multiple' | 'order' | 'code';

/** What the runtime knows about a question: for choice types, which choices are right. */
export type ScoredQuestion =
  | { type: 'single' | 'multiple' | 'code'; correct: number[]; choices: number }
  | { type: 'order'; items: number };

/**
 * Choice questions: the indices of the selected choices.
 * Order questions: the original (correct-order) indices of the items, in the order the learner left them.
 */
export type Answer = number[];

export function isAnswerComplete(question: ScoredQuestion, answer: Answer): boolean {
  if (question.type === 'order') return answer.length === question.items;
  if (question.type === 'multiple') return answer.length > 0;
  return answer.length === 1;
}

export function isCorrect(question: ScoredQuestion, answer: Answer): boolean {
  if (question.type === 'order') {
    return answer.length === question.items && answer.every((original, position) => original === position);
  }
  const selected = new Set(answer);
  if (selected.size !== answer.length || answer.some((index) => index < 0 || index >= question.choices)) return false;
  // Single and code questions have exactly one right choice, so this also rejects two selections.
  return selected.size === question.correct.length && question.correct.every((index) => selected.has(index));
}

export interface Score {
  correct: number;
  total: number;
}

export function scoreOf(results: boolean[]): Score {
  return { correct: results.filter(Boolean).length, total: results.length };
}

export function percent({ correct, total }: Score): number {
  return total === 0 ? 0 : Math.round((correct / total) * 100);
}
