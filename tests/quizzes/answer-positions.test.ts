// A learner must not be able to pass a quiz by position: the shown order of the choices (the
// build-time shuffle of src/review/quiz-markup.ts, the same the page renders) must not put the right
// answers in a fixed place, and no text may point at a position ("la primera", "B", "los tres
// primeros motivos"), since positions change with the shuffle.
import { describe, expect, it } from 'vitest';
import { answersAtAnEnd, letters, quizChoiceOrders } from '../../src/review/quiz-markup.ts';
import type { Question } from '../../src/content/schemas.ts';
import { loadCourseContent } from '../support/content.ts';

const quizzes = loadCourseContent().quizzes;

type ChoiceQuestion = Exclude<Question, { type: 'order' }>;
const withChoices = (questions: Question[]) => questions.filter((q): q is ChoiceQuestion => q.type !== 'order');

/** Indexes (in the shown order) of the right choices of a question. */
function shownCorrect(order: number[] | undefined, question: ChoiceQuestion): number[] {
  expect(order && [...order].sort((a, b) => a - b), `${question.id}: el orden no es una permutación`).toEqual(question.choices.map((_, i) => i));
  return order!.flatMap((original, shown) => (question.choices[original]!.correct ? [shown] : []));
}

describe('quiz answer positions', () => {
  it('finds the course quizzes', () => {
    expect(quizzes.length).toBeGreaterThanOrEqual(8);
  });

  it('quizChoiceOrders is stable and differs across questions', () => {
    const questions = Array.from({ length: 20 }, (_, i) => ({
      id: `q${i}`,
      type: 'single',
      choices: [{ correct: true }, { correct: false }, { correct: false }, { correct: false }],
    }));
    const orders = quizChoiceOrders('t', questions);
    expect(quizChoiceOrders('t', questions)).toEqual(orders);
    expect(new Set([...orders.values()].map((o) => o.join())).size).toBeGreaterThan(5);
    // Dealt like cards: 20 answers over 4 places, 5 each.
    const places = [...orders.values()].map((o) => o.indexOf(0));
    expect([0, 1, 2, 3].map((k) => places.filter((p) => p === k).length)).toEqual([5, 5, 5, 5]);
  });

  for (const quiz of quizzes) {
    describe(quiz.id, () => {
      const questions = withChoices(quiz.data.questions);
      const orders = quizChoiceOrders(quiz.id, quiz.data.questions);

      it('every question has at least one right and one wrong choice', () => {
        for (const q of questions) {
          expect(q.choices.some((c) => c.correct), `${quiz.id} → ${q.id}: ninguna opción correcta`).toBe(true);
          expect(q.choices.some((c) => !c.correct), `${quiz.id} → ${q.id}: ninguna opción incorrecta`).toBe(true);
          if (q.type !== 'multiple') expect(q.choices.filter((c) => c.correct), `${quiz.id} → ${q.id}: una sola correcta`).toHaveLength(1);
        }
      });

      it('shows the right answers in no fixed position pattern', () => {
        const patterns = questions.map((q) => shownCorrect(orders.get(q.id), q));
        // Not the same positions in every question…
        expect(new Set(patterns.map((p) => p.join())).size, `${quiz.id}: todas las respuestas en ${patterns[0]?.join()}`).toBeGreaterThan(1);
        // …no single position holding most of the single answers…
        const singles = patterns.filter((p) => p.length === 1).map((p) => p[0]!);
        if (singles.length >= 4) {
          const most = Math.max(...[0, 1, 2, 3, 4, 5].map((k) => singles.filter((p) => p === k).length));
          expect(most / singles.length, `${quiz.id}: ${most} de ${singles.length} respuestas en la misma posición`).toBeLessThanOrEqual(0.6);
        }
        // …and not the first (or last) k everywhere.
        const ends = questions.filter((q, i) => answersAtAnEnd(patterns[i]!, q.choices.length) || (q.type !== 'multiple' && patterns[i]![0] === 0)).length;
        expect(ends, `${quiz.id}: las correctas están al principio o al final en ${ends} de ${questions.length}`).toBeLessThan(questions.length);
      });

      it('no explanation or choice refers to a position', () => {
        // \p{L} lookarounds instead of \b, which does not see «ú» as a letter.
        const ordinal = '(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|últim[oa]|penúltim[oa])s?';
        const positional = [
          /(?<!\p{L})(?:opci[oó]n|respuesta|versi[oó]n|alternativa)(?:es)?\s+[A-H](?!\p{L})/iu,
          new RegExp(`(?<!\\p{L})${ordinal}\\s+(?:opci[oó]n|respuesta|versi[oó]n|alternativa|motivo|afirmaci[oó]n)`, 'iu'),
          /(?<!\p{L})l[oa]s\s+(?:dos|tres|cuatro|cinco)\s+(?:primer|últim)[oa]s(?!\p{L})/iu,
          new RegExp(`(?:^|[.:;]\\s+)(?:La|El|Las|Los)\\s+${ordinal}(?!\\p{L})`, 'u'),
          /(?<!\p{L})(?:opci[oó]n|respuesta|versi[oó]n)\s+(?:anterior|siguiente)|(?:las|todas las)\s+anteriores/iu,
        ];
        const problems: string[] = [];
        for (const q of quiz.data.questions) {
          const texts = [q.explanation, ...(q.type === 'order' ? [] : q.choices.map((c) => c.text))];
          for (const text of texts) {
            const flat = text.replace(/\s+/g, ' ');
            const hit = positional.map((re) => re.exec(flat)).find(Boolean);
            if (hit) problems.push(`content/quizzes/${quiz.id}.yaml → ${q.id}: «${hit[0]}» cita una posición; las opciones se barajan`);
          }
        }
        expect(problems).toEqual([]);
      });
    });
  }

  it('letters cover every choice count in use', () => {
    const most = Math.max(...quizzes.flatMap((quiz) => withChoices(quiz.data.questions).map((q) => q.choices.length)));
    expect(letters.length).toBeGreaterThanOrEqual(most);
  });
});
