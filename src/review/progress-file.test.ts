import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportFileName, exportProgress, FILE_FORMAT, importProgress, MAX_IMPORT_BYTES, MAX_IMPORT_ENTRIES, progressSchema, tooBig } from './progress-file.ts';
import { emptyProgress, markRead, normalizeProgress, recordLabChecks, recordQuizAttempt, type Progress } from './progress.ts';

const at = '2026-12-01T10:00:00.000Z';
const sample: Progress = recordLabChecks(
  recordQuizAttempt(markRead(emptyProgress(), '01-intro', at), '01-intro', { correct: 7, total: 8, wrong: ['q3'] }, at),
  { lab: 'lab-01-monolito', passed: true, results: [{ name: 'a', ok: true }] },
  at,
);
const file = (progress: unknown) => JSON.stringify({ format: 'foodly-curso-progreso', exportedAt: at, progress });

describe('export and import', () => {
  it('round-trips: what is exported imports unchanged', () => {
    const text = exportProgress(sample, new Date(at));
    expect(JSON.parse(text)).toMatchObject({ format: 'foodly-curso-progreso', exportedAt: at });
    expect(importProgress(text)).toEqual({ ok: true, progress: sample });
    expect(exportFileName(new Date(at))).toBe('progreso-foodly-2026-12-01.json');
  });

  it('imports a file exported by version 1, migrating it', () => {
    const result = importProgress(file({ version: 1, read: ['01-intro'], quizBest: { '01-intro': { correct: 2, total: 4 } }, labsPassed: [] }));
    expect(result).toEqual({
      ok: true,
      progress: { version: 2, read: { '01-intro': at }, quizzes: { '01-intro': { best: 2, total: 4, last: 2, wrong: [], attempts: 1, at } }, labs: {} },
    });
  });

  it.each([
    ['not JSON', 'hola', 'El archivo no es JSON válido. Elige el archivo .json que descargaste con «Exportar progreso».'],
    ['another JSON file', '{"name":"package"}', 'El archivo no es una exportación de progreso de este curso (le falta el formato «foodly-curso-progreso»).'],
    [
      'a wrong type deep inside',
      file({ ...sample, labs: { 'lab-01-monolito': { passed: 'sí', failed: [], at } } }),
      'El archivo tiene datos no válidos en «progress.labs.lab-01-monolito.passed»: Entrada inválida: se esperaba booleano, recibido texto.',
    ],
    [
      'an impossible score',
      file({ ...sample, quizzes: { x: { best: 9, total: 8, last: 1, wrong: [], attempts: 1, at } } }),
      'El archivo tiene datos no válidos en «progress.quizzes.x»: la puntuación no cuadra con el número de preguntas.',
    ],
    ['a newer format', file({ version: 7 }), 'El archivo es de una versión más reciente del curso (formato 7); esta página solo sabe leer hasta el formato 2.'],
  ])('rejects %s with a clear Spanish error', (_case, text, error) => {
    expect(importProgress(text)).toEqual({ ok: false, error });
  });
});

describe('the zod schema and the hand-written storage check agree', () => {
  const id = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
  const quiz = fc
    .record({ total: fc.integer({ min: 1, max: 10 }), a: fc.nat(10), b: fc.nat(10), wrong: fc.array(id), attempts: fc.integer({ min: 1, max: 5 }), at: fc.constant(at) })
    .map(({ total, a, b, ...rest }) => {
      const best = Math.min(Math.max(a, b), total);
      return { best, total, last: Math.min(a, b, best), ...rest };
    });
  const lab = fc.record({ passed: fc.boolean(), failed: fc.array(id), at: fc.constant(at) });
  const progress = fc.record({
    version: fc.constant(2 as const),
    read: fc.dictionary(id, fc.constant(at)),
    quizzes: fc.dictionary(id, quiz),
    labs: fc.dictionary(id, lab),
  });

  it('every progress zod accepts is kept whole by the storage check', () => {
    fc.assert(
      fc.property(progress, (value) => {
        expect(progressSchema.safeParse(value).success).toBe(true);
        expect(normalizeProgress(value)).toEqual({ progress: value, reset: false });
      }),
    );
  });
});

describe('import size caps', () => {
  it('rejects 200k entries and a 50 MB file with a message that says why', () => {
    const read: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++) read[`t${i}`] = at;
    const huge = JSON.stringify({ format: FILE_FORMAT, exportedAt: at, progress: { version: 2, read, quizzes: {}, labs: {} } });
    expect(importProgress(huge)).toMatchObject({ ok: false, error: expect.stringMatching(/MB/) });
    const many: Record<string, string> = {};
    for (let i = 0; i <= MAX_IMPORT_ENTRIES; i++) many[`t${i}`] = at;
    const file = JSON.stringify({ format: FILE_FORMAT, exportedAt: at, progress: { version: 2, read: many, quizzes: {}, labs: {} } });
    expect(file.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(importProgress(file)).toMatchObject({ ok: false, error: expect.stringMatching(/entradas/) });
    expect(tooBig(50 * 1024 * 1024)).toMatch(/50\.0 MB/);
  });
});
