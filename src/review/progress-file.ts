// Export and import of progress as a JSON file. Imports are validated with zod and every
// problem becomes one Spanish sentence that says what is wrong with the file.
import { z } from 'zod';
import es from 'zod/v4/locales/es.js';
import { migrateV1, PROGRESS_VERSION, type Progress } from './progress.ts';

export const FILE_FORMAT = 'foodly-curso-progreso';

/** zod's Spanish messages, per parse (not a global setting other code would inherit). */
const spanish = { error: es().localeError };
const text = z.string().min(1);
const count = z.number().int().min(0);
const quizProgress = z
  .strictObject({ best: count, total: count.min(1), last: count, wrong: z.array(text), attempts: count.min(1), at: text })
  .refine((quiz) => quiz.best <= quiz.total && quiz.last <= quiz.best, 'la puntuación no cuadra con el número de preguntas');
const labProgress = z.strictObject({ passed: z.boolean(), failed: z.array(text), at: text });

export const progressSchema = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  read: z.record(text, text),
  quizzes: z.record(text, quizProgress),
  labs: z.record(text, labProgress),
});

export const progressV1Schema = z.strictObject({
  version: z.literal(1),
  read: z.array(text),
  quizBest: z.record(text, z.strictObject({ correct: count, total: count.min(1) })),
  labsPassed: z.array(text),
});

const fileSchema = z.strictObject({
  format: z.literal(FILE_FORMAT),
  exportedAt: text,
  progress: z.unknown(),
});

export interface ProgressFile {
  format: typeof FILE_FORMAT;
  exportedAt: string;
  progress: Progress;
}

export function exportProgress(progress: Progress, now: Date = new Date()): string {
  const file: ProgressFile = { format: FILE_FORMAT, exportedAt: now.toISOString(), progress };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function exportFileName(now: Date = new Date()): string {
  return `progreso-foodly-${now.toISOString().slice(0, 10)}.json`;
}

/**
 * An export of the whole course is a few KB (16 topics, 16 quizzes, 12 labs); these caps leave
 * room for a course many times larger and keep a wrong or hostile file from filling storage.
 */
export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ENTRIES = 2000;

export function tooBig(bytes: number): string | undefined {
  if (bytes <= MAX_IMPORT_BYTES) return undefined;
  return `El archivo ocupa ${(bytes / 1024 / 1024).toFixed(1)} MB y una exportación de progreso ocupa unos pocos KB (máximo ${MAX_IMPORT_BYTES / 1024 / 1024} MB): no es el archivo de «Exportar progreso».`;
}

export type ImportResult = { ok: true; progress: Progress } | { ok: false; error: string };

const describePath = (path: PropertyKey[]) => (path.length === 0 ? 'la raíz' : `«${path.map(String).join('.')}»`);

function firstProblem(error: z.ZodError, prefix: PropertyKey[]): string {
  const issue = error.issues[0]!;
  return `${describePath([...prefix, ...issue.path])}: ${issue.message}`;
}

/** Validates the text of an imported file; never throws. */
export function importProgress(content: string): ImportResult {
  const size = tooBig(content.length);
  if (size) return { ok: false, error: size };
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return { ok: false, error: 'El archivo no es JSON válido. Elige el archivo .json que descargaste con «Exportar progreso».' };
  }
  const file = fileSchema.safeParse(value, spanish);
  if (!file.success) {
    return { ok: false, error: 'El archivo no es una exportación de progreso de este curso (le falta el formato «foodly-curso-progreso»).' };
  }
  const stored = file.data.progress as { version?: unknown } | null;
  const version = typeof stored === 'object' && stored !== null ? stored.version : undefined;
  if (version === 1) {
    const old = progressV1Schema.safeParse(stored, spanish);
    if (!old.success) return { ok: false, error: `El archivo tiene datos no válidos en ${firstProblem(old.error, ['progress'])}.` };
    return { ok: true, progress: migrateV1(old.data, file.data.exportedAt) };
  }
  if (typeof version === 'number' && version > PROGRESS_VERSION) {
    return { ok: false, error: `El archivo es de una versión más reciente del curso (formato ${version}); esta página solo sabe leer hasta el formato ${PROGRESS_VERSION}.` };
  }
  const current = progressSchema.safeParse(stored, spanish);
  if (!current.success) return { ok: false, error: `El archivo tiene datos no válidos en ${firstProblem(current.error, ['progress'])}.` };
  const entries = Object.keys(current.data.read).length + Object.keys(current.data.quizzes).length + Object.keys(current.data.labs).length;
  if (entries > MAX_IMPORT_ENTRIES) {
    return { ok: false, error: `El archivo tiene ${entries} entradas y el curso no llega a ${MAX_IMPORT_ENTRIES}: no es una exportación de este curso.` };
  }
  return { ok: true, progress: current.data as Progress };
}
