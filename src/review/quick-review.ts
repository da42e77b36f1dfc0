// "Repaso rápido": up to 10 random questions from the topics already studied, answered in place
// with the same runtime as the lesson quizzes. Questions come from /repaso/preguntas/, a page
// with every quiz question rendered at build time, fetched only when a review starts.
import type { CourseMap } from './course-map.ts';
import type { Progress } from './progress.ts';
import { enhanceQuestion } from './quiz-runtime.ts';
import { pickRandom, type Random } from './random.ts';
import { percent } from './scoring.ts';
import { summarizeCourse } from './summary.ts';

export const QUICK_REVIEW_SIZE = 10;
export const QUESTION_POOL_URL = '/repaso/preguntas/';

/** Topics that count as studied (read, quiz taken or a lab run) and have a quiz. */
export function studiedQuizTopics(map: CourseMap, progress: Progress): string[] {
  return summarizeCourse(map, progress)
    .topics.filter((summary) => summary.studied && summary.topic.quiz)
    .map((summary) => summary.topic.id);
}

export interface QuickReviewParts {
  /** Where the questions go (an <ol>). */
  list: HTMLElement;
  /** Messages: how many questions, the final score, or why there are none. */
  status: HTMLElement;
  /** Shown when the review is over, to start another. */
  again: HTMLElement;
}

export async function startQuickReview(
  parts: QuickReviewParts,
  map: CourseMap,
  progress: Progress,
  loadPool: () => Promise<string> = () => fetch(QUESTION_POOL_URL).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  }),
  random: Random = Math.random,
): Promise<void> {
  const { list, status, again } = parts;
  list.replaceChildren();
  again.hidden = true;
  const topics = new Set(studiedQuizTopics(map, progress));
  if (topics.size === 0) {
    const first = map.topics[0]!;
    const link = document.createElement('a');
    link.href = first.href;
    link.textContent = `Tema ${first.number}: ${first.title}`;
    status.replaceChildren(
      'Todavía no has estudiado ningún tema con cuestionario: un tema cuenta cuando lo marcas como leído o haces su cuestionario. Empieza por el ',
      link,
      '.',
    );
    return;
  }
  status.textContent = 'Preparando las preguntas…';
  let html: string;
  try {
    html = await loadPool();
  } catch (error) {
    status.textContent = `No se pudieron cargar las preguntas (${(error as Error).message}). Comprueba la conexión y vuelve a intentarlo.`;
    again.hidden = false;
    return;
  }
  const pool = [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll<HTMLElement>('[data-question]')].filter((item) =>
    topics.has(item.dataset.topic!),
  );
  const chosen = pickRandom(pool, QUICK_REVIEW_SIZE, random).map((item) => document.importNode(item, true));
  const total = chosen.length;
  let answered = 0;
  let right = 0;
  list.replaceChildren(...chosen);
  for (const item of chosen) {
    item.removeAttribute('id');
    enhanceQuestion(item, (ok) => {
      answered++;
      if (ok) right++;
      if (answered < total) return;
      status.textContent = `Repaso terminado: has acertado ${right} de ${total} (${percent({ correct: right, total })} %).`;
      again.hidden = false;
    });
  }
  status.textContent = `${total} ${total === 1 ? 'pregunta' : 'preguntas'} de ${topics.size} ${topics.size === 1 ? 'tema' : 'temas'} que ya has estudiado. Responde cada una y pulsa «Comprobar».`;
}
