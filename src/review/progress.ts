// The learner's progress as data: what is stored, how older stored versions are migrated, how
// damaged data is salvaged, and the pure operations that change it. No DOM, no storage here.
// This runs on every lesson page, so it validates by hand (zod would add ~6 KiB to each page);
// imported files are validated with zod in ./progress-file.ts, and a test keeps both in step.

export const PROGRESS_VERSION = 2;

export interface QuizProgress {
  /** Best number of right answers over the completed attempts. */
  best: number;
  /** Questions in the quiz when it was last attempted. */
  total: number;
  /** Right answers in the last completed attempt. */
  last: number;
  /** Question ids answered wrong in the last completed attempt. */
  wrong: string[];
  attempts: number;
  at: string;
}

export interface LabProgress {
  /** True once the lab's checks have all passed; a later failed run does not undo it. */
  passed: boolean;
  /** Names of the checks that failed in the last run. */
  failed: string[];
  at: string;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  /** Topic id → when it was marked read. */
  read: Record<string, string>;
  /** Topic id → quiz results. */
  quizzes: Record<string, QuizProgress>;
  /** Lab id → check results. */
  labs: Record<string, LabProgress>;
}

/** What version 1 of the site stored: read topics and best quiz score only. */
export interface ProgressV1 {
  version: 1;
  read: string[];
  quizBest: Record<string, { correct: number; total: number }>;
  labsPassed: string[];
}

export const emptyProgress = (): Progress => ({ version: PROGRESS_VERSION, read: {}, quizzes: {}, labs: {} });

export interface ParsedProgress {
  progress: Progress;
  /** Set when something was discarded: a sentence for the learner, in Spanish. */
  notice?: string;
  /** True when nothing could be used and the stored data should be kept aside. */
  reset: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);

export function isQuizProgress(value: unknown): value is QuizProgress {
  return (
    isRecord(value) &&
    isCount(value.best) &&
    isCount(value.total) &&
    isCount(value.last) &&
    value.total > 0 &&
    value.best <= value.total &&
    value.last <= value.best &&
    isTextList(value.wrong) &&
    isCount(value.attempts) &&
    value.attempts > 0 &&
    isText(value.at)
  );
}

export function isLabProgress(value: unknown): value is LabProgress {
  return isRecord(value) && typeof value.passed === 'boolean' && isTextList(value.failed) && isText(value.at);
}

/** Keeps the valid entries of a record, counting the ones dropped. */
function keepValid<T>(value: unknown, valid: (entry: unknown) => entry is T): { kept: Record<string, T>; dropped: number } {
  const kept: Record<string, T> = {};
  let dropped = 0;
  if (!isRecord(value)) return { kept, dropped: value === undefined ? 0 : 1 };
  for (const [key, entry] of Object.entries(value)) {
    if (valid(entry)) kept[key] = entry;
    else dropped++;
  }
  return { kept, dropped };
}

export function migrateV1(old: ProgressV1, at: string): Progress {
  const progress = emptyProgress();
  for (const topic of old.read) progress.read[topic] = at;
  for (const [topic, score] of Object.entries(old.quizBest)) {
    // v1 kept no per-question results: the best score is also the last one known.
    progress.quizzes[topic] = { best: score.correct, total: score.total, last: score.correct, wrong: [], attempts: 1, at };
  }
  for (const lab of old.labsPassed) progress.labs[lab] = { passed: true, failed: [], at };
  return progress;
}

function isProgressV1(value: Record<string, unknown>): value is Record<string, unknown> & ProgressV1 {
  return (
    value.version === 1 &&
    isTextList(value.read) &&
    isTextList(value.labsPassed) &&
    isRecord(value.quizBest) &&
    Object.values(value.quizBest).every(
      (score) => isRecord(score) && isCount(score.correct) && isCount(score.total) && score.total > 0 && score.correct <= score.total,
    )
  );
}

const damaged = (): ParsedProgress => ({
  progress: emptyProgress(),
  reset: true,
  notice: 'Tu progreso guardado estaba dañado y no se podía leer, así que se ha reiniciado. Guardamos una copia de los datos dañados en este navegador.',
});

/**
 * Reads whatever was stored (text from localStorage, or null) into the current format. Never
 * throws: unreadable data gives empty progress and a notice; damaged entries are dropped one by one.
 */
export function parseStoredProgress(raw: string | null, now: () => string = () => new Date().toISOString()): ParsedProgress {
  if (raw === null || raw === '') return { progress: emptyProgress(), reset: false };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return damaged();
  }
  return normalizeProgress(value, now);
}

/** The same as parseStoredProgress for an already parsed value. */
export function normalizeProgress(value: unknown, now: () => string = () => new Date().toISOString()): ParsedProgress {
  if (!isRecord(value)) return damaged();
  if (value.version === 1) {
    return isProgressV1(value) ? { progress: migrateV1(value, now()), reset: false } : damaged();
  }
  if (typeof value.version === 'number' && value.version > PROGRESS_VERSION) {
    return {
      progress: emptyProgress(),
      reset: true,
      notice: 'Tu progreso lo guardó una versión más reciente del curso y esta no sabe leerlo: empiezas de cero aquí. Guardamos una copia de esos datos en este navegador.',
    };
  }
  if (value.version !== PROGRESS_VERSION) return damaged();

  const read = keepValid(value.read, (entry): entry is string => isText(entry));
  const quizzes = keepValid(value.quizzes, isQuizProgress);
  const labs = keepValid(value.labs, isLabProgress);
  const dropped = read.dropped + quizzes.dropped + labs.dropped;
  const progress: Progress = { version: PROGRESS_VERSION, read: read.kept, quizzes: quizzes.kept, labs: labs.kept };
  if (dropped === 0) return { progress, reset: false };
  return {
    progress,
    reset: false,
    notice: `Parte de tu progreso guardado estaba dañada: se ${dropped === 1 ? 'descartó 1 dato' : `descartaron ${dropped} datos`} y se conservó el resto.`,
  };
}

// ---- Operations (each returns a new Progress; the input is not modified) ----

export function markRead(progress: Progress, topic: string, at: string): Progress {
  if (progress.read[topic]) return progress;
  return { ...progress, read: { ...progress.read, [topic]: at } };
}

export function unmarkRead(progress: Progress, topic: string): Progress {
  if (!progress.read[topic]) return progress;
  const { [topic]: _removed, ...read } = progress.read;
  return { ...progress, read };
}

export interface QuizAttempt {
  correct: number;
  total: number;
  wrong: string[];
}

export function recordQuizAttempt(progress: Progress, topic: string, attempt: QuizAttempt, at: string): Progress {
  const previous = progress.quizzes[topic];
  // A quiz whose number of questions changed starts a new record: old scores are not comparable.
  const comparable = previous && previous.total === attempt.total;
  const entry: QuizProgress = {
    best: comparable ? Math.max(previous.best, attempt.correct) : attempt.correct,
    total: attempt.total,
    last: attempt.correct,
    wrong: [...attempt.wrong],
    attempts: (previous?.attempts ?? 0) + 1,
    at,
  };
  return { ...progress, quizzes: { ...progress.quizzes, [topic]: entry } };
}

/** The detail of the `lab:checks` CustomEvent that the sandbox UI dispatches on `document`. */
export interface LabChecksDetail {
  lab: string;
  results: Array<{ name: string; ok: boolean; message?: string }>;
  passed: boolean;
}

export function isLabChecksDetail(value: unknown): value is LabChecksDetail {
  return (
    isRecord(value) &&
    isText(value.lab) &&
    typeof value.passed === 'boolean' &&
    Array.isArray(value.results) &&
    value.results.every((result) => isRecord(result) && typeof result.name === 'string' && typeof result.ok === 'boolean')
  );
}

export function recordLabChecks(progress: Progress, detail: LabChecksDetail, at: string): Progress {
  const previous = progress.labs[detail.lab];
  // `passed` is trusted only when every result agrees with it.
  const passed = detail.passed && detail.results.length > 0 && detail.results.every((result) => result.ok);
  const entry: LabProgress = {
    passed: passed || Boolean(previous?.passed),
    failed: detail.results.filter((result) => !result.ok).map((result) => result.name),
    at,
  };
  return { ...progress, labs: { ...progress.labs, [detail.lab]: entry } };
}

/** Combines two progress records (an import into a browser that already has some progress). */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const read = { ...incoming.read };
  for (const [topic, at] of Object.entries(current.read)) {
    if (!read[topic] || at < read[topic]) read[topic] = at;
  }
  const quizzes = { ...incoming.quizzes };
  for (const [topic, mine] of Object.entries(current.quizzes)) {
    const theirs = quizzes[topic];
    if (!theirs) quizzes[topic] = mine;
    else {
      const newer = mine.at >= theirs.at ? mine : theirs;
      const best = mine.total === theirs.total ? Math.max(mine.best, theirs.best) : newer.best;
      quizzes[topic] = { ...newer, best, attempts: mine.attempts + theirs.attempts };
    }
  }
  const labs = { ...incoming.labs };
  for (const [lab, mine] of Object.entries(current.labs)) {
    const theirs = labs[lab];
    if (!theirs) labs[lab] = mine;
    else {
      const newer = mine.at >= theirs.at ? mine : theirs;
      labs[lab] = { ...newer, passed: mine.passed || theirs.passed };
    }
  }
  return { version: PROGRESS_VERSION, read, quizzes, labs };
}
