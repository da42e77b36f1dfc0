// What is done and what is weak, per topic, per block and overall, from the course map and the
// stored progress. Pure, so the home page, /repaso/ and the tests agree on the numbers.
import type { CourseMap, MapLab, MapQuestion, MapTopic } from './course-map.ts';
import type { Progress, QuizProgress } from './progress.ts';

/** A quiz counts as done from this share of right answers. */
export const QUIZ_PASS_RATIO = 0.7;

export interface PendingLab extends MapLab {
  /** Names of the checks that failed in the last run; empty when never run. */
  failed: string[];
  attempted: boolean;
}

export interface TopicSummary {
  topic: MapTopic;
  read: boolean;
  quiz: (QuizProgress & { passed: boolean }) | null;
  labsPassed: MapLab[];
  labsPending: PendingLab[];
  /** Questions answered wrong in the last quiz attempt that still exist in the quiz. */
  weakQuestions: MapQuestion[];
  /** Read, quiz taken, or a lab run: the topic counts for "Repaso rápido". */
  studied: boolean;
  done: number;
  total: number;
}

export function quizPassed(quiz: Pick<QuizProgress, 'best' | 'total'>): boolean {
  return quiz.total > 0 && quiz.best / quiz.total >= QUIZ_PASS_RATIO;
}

export function summarizeTopic(topic: MapTopic, progress: Progress): TopicSummary {
  const read = Boolean(progress.read[topic.id]);
  const stored = topic.quiz ? progress.quizzes[topic.id] : undefined;
  const quiz = stored ? { ...stored, passed: quizPassed(stored) } : null;
  const labsPassed: MapLab[] = [];
  const labsPending: PendingLab[] = [];
  for (const lab of topic.labs) {
    const result = progress.labs[lab.id];
    if (result?.passed) labsPassed.push(lab);
    else labsPending.push({ ...lab, failed: result?.failed ?? [], attempted: Boolean(result) });
  }
  const wrong = new Set(stored?.wrong ?? []);
  const weakQuestions = topic.quiz?.questions.filter((question) => wrong.has(question.id)) ?? [];
  const done = Number(read) + labsPassed.length + Number(Boolean(quiz?.passed));
  const total = 1 + topic.labs.length + Number(Boolean(topic.quiz));
  const studied = read || Boolean(stored) || topic.labs.some((lab) => progress.labs[lab.id]);
  return { topic, read, quiz, labsPassed, labsPending, weakQuestions, studied, done, total };
}

export interface Tally {
  done: number;
  total: number;
}

export function tally(summaries: TopicSummary[]): Tally {
  return summaries.reduce((sum, s) => ({ done: sum.done + s.done, total: sum.total + s.total }), { done: 0, total: 0 });
}

export interface CourseSummary {
  topics: TopicSummary[];
  blocks: Array<{ id: string; label: string; title: string } & Tally>;
  overall: Tally;
}

export function summarizeCourse(map: CourseMap, progress: Progress): CourseSummary {
  const topics = map.topics.map((topic) => summarizeTopic(topic, progress));
  const blocks = map.blocks.map((block) => ({ ...block, ...tally(topics.filter((s) => s.topic.block === block.id)) }));
  return { topics, blocks, overall: tally(topics) };
}

export const ratio = ({ done, total }: Tally) => (total === 0 ? 0 : done / total);
