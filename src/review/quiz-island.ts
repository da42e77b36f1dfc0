// The lesson quiz, enhanced: questions answered in place, the score at the end, the best score
// and the wrong answers saved in the learner's progress, and a retry that starts over.
import { browserProgressStore } from './progress-store.ts';
import { recordQuizAttempt } from './progress.ts';
import { enhanceQuestion } from './quiz-runtime.ts';
import { percent, type Score } from './scoring.ts';
import { showStoreNotice } from './notice.ts';

const describe = ({ correct, total }: Score) => `${correct} de ${total} (${percent({ correct, total })} %)`;

export function mountLessonQuiz(root: HTMLElement): void {
  if ('enhanced' in root.dataset) return;
  root.dataset.enhanced = '';
  const store = browserProgressStore();
  showStoreNotice(store);
  const topic = root.dataset.quiz!;
  const list = root.querySelector<HTMLElement>('.quiz-list')!;
  const originals = [...list.children].map((item) => item.cloneNode(true) as HTMLElement);
  const total = originals.length;
  const best = root.querySelector<HTMLElement>('[data-quiz-best]')!;
  const status = root.querySelector<HTMLElement>('[data-quiz-status]')!;
  const retry = root.querySelector<HTMLButtonElement>('[data-quiz-retry]')!;
  for (const hint of root.querySelectorAll<HTMLElement>('[data-quiz-nojs]')) hint.hidden = true;
  for (const hint of root.querySelectorAll<HTMLElement>('[data-quiz-js]')) hint.hidden = false;

  const showBest = () => {
    const stored = store.get().quizzes[topic];
    best.hidden = !stored || stored.total !== total;
    if (stored && !best.hidden) best.textContent = `Tu mejor puntuación: ${describe({ correct: stored.best, total })}. Último intento: ${stored.last} de ${total}.`;
  };

  const start = () => {
    const items = originals.map((item) => item.cloneNode(true) as HTMLElement);
    list.replaceChildren(...items);
    status.replaceChildren();
    retry.hidden = true;
    const results = new Map<string, boolean>();
    for (const item of items) {
      enhanceQuestion(item, (ok) => {
        results.set(item.dataset.question!, ok);
        if (results.size < total) return;
        const wrong = [...results].filter(([, right]) => !right).map(([id]) => id);
        const score = { correct: total - wrong.length, total };
        store.update((progress) => recordQuizAttempt(progress, topic, { ...score, wrong }, new Date().toISOString()));
        status.textContent = `Has terminado: has acertado ${describe(score)}.${wrong.length ? ' Repasa las explicaciones de las que fallaste.' : ' ¡Todas bien!'}`;
        showBest();
        retry.hidden = false;
      });
    }
  };

  retry.addEventListener('click', () => {
    start();
    list.querySelector<HTMLElement>('input, button')?.focus();
  });
  showBest();
  start();
}
