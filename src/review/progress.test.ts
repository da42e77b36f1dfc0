import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  markRead,
  mergeProgress,
  parseStoredProgress,
  recordLabChecks,
  recordQuizAttempt,
  unmarkRead,
  type Progress,
  type ProgressV1,
} from './progress.ts';

const at = '2026-12-01T10:00:00.000Z';
const now = () => at;

describe('parseStoredProgress', () => {
  it('starts empty, without a notice, when nothing is stored', () => {
    expect(parseStoredProgress(null, now)).toEqual({ progress: emptyProgress(), reset: false });
  });

  it('migrates what version 1 stored (read list, best scores, passed labs)', () => {
    const v1: ProgressV1 = {
      version: 1,
      read: ['01-introduccion-microservicios'],
      quizBest: { '01-introduccion-microservicios': { correct: 5, total: 8 } },
      labsPassed: ['lab-01-monolito'],
    };
    const { progress, notice, reset } = parseStoredProgress(JSON.stringify(v1), now);
    expect(reset).toBe(false);
    expect(notice).toBeUndefined();
    expect(progress).toEqual({
      version: 2,
      read: { '01-introduccion-microservicios': at },
      quizzes: { '01-introduccion-microservicios': { best: 5, total: 8, last: 5, wrong: [], attempts: 1, at } },
      labs: { 'lab-01-monolito': { passed: true, failed: [], at } },
    });
  });

  it.each([
    ['text that is not JSON', '{"version":2,"read":'],
    ['JSON that is not an object', '[1,2,3]'],
    ['an object without a version', '{"read":{}}'],
    ['version 1 with the wrong shape', '{"version":1,"read":"01"}'],
    ['the literal null', 'null'],
  ])('resets %s with a notice, without throwing', (_case, raw) => {
    const parsed = parseStoredProgress(raw, now);
    expect(parsed.reset).toBe(true);
    expect(parsed.progress).toEqual(emptyProgress());
    expect(parsed.notice).toMatch(/dañado.*reiniciado/);
  });

  it('does not read data from a newer version, and says why', () => {
    const parsed = parseStoredProgress('{"version":3,"anything":true}', now);
    expect(parsed.reset).toBe(true);
    expect(parsed.notice).toMatch(/versión más reciente/);
  });

  it('drops damaged entries one by one and keeps the rest', () => {
    const raw = JSON.stringify({
      version: 2,
      read: { a: at, b: 42 },
      quizzes: { a: { best: 9, total: 8, last: 1, wrong: [], attempts: 1, at }, c: { best: 2, total: 3, last: 1, wrong: ['q'], attempts: 2, at } },
      labs: { 'lab-01': { passed: 'yes', failed: [], at } },
    });
    const { progress, notice, reset } = parseStoredProgress(raw, now);
    expect(reset).toBe(false);
    expect(progress.read).toEqual({ a: at });
    expect(Object.keys(progress.quizzes)).toEqual(['c']);
    expect(progress.labs).toEqual({});
    expect(notice).toBe('Parte de tu progreso guardado estaba dañada: se descartaron 3 datos y se conservó el resto.');
  });
});

describe('operations', () => {
  it('marks and unmarks a topic as read without touching the input', () => {
    const start = emptyProgress();
    const read = markRead(start, 't1', at);
    expect(start.read).toEqual({});
    expect(read.read).toEqual({ t1: at });
    expect(markRead(read, 't1', 'later').read.t1).toBe(at);
    expect(unmarkRead(read, 't1').read).toEqual({});
  });

  it('keeps the best score and the wrong answers of the last attempt', () => {
    let progress = recordQuizAttempt(emptyProgress(), 't1', { correct: 6, total: 8, wrong: ['a', 'b'] }, at);
    progress = recordQuizAttempt(progress, 't1', { correct: 3, total: 8, wrong: ['a', 'c', 'd', 'e', 'f'] }, 'later');
    expect(progress.quizzes.t1).toEqual({ best: 6, total: 8, last: 3, wrong: ['a', 'c', 'd', 'e', 'f'], attempts: 2, at: 'later' });
  });

  it('restarts the best score when the quiz changed size', () => {
    let progress = recordQuizAttempt(emptyProgress(), 't1', { correct: 6, total: 6, wrong: [] }, at);
    progress = recordQuizAttempt(progress, 't1', { correct: 4, total: 8, wrong: ['x', 'y', 'z', 'w'] }, at);
    expect(progress.quizzes.t1!.best).toBe(4);
  });

  it('records lab checks; a passed lab stays passed after a failed run', () => {
    const ok = recordLabChecks(emptyProgress(), { lab: 'lab-01', passed: true, results: [{ name: 'GET /health', ok: true }] }, at);
    expect(ok.labs['lab-01']).toEqual({ passed: true, failed: [], at });
    const failed = recordLabChecks(ok, { lab: 'lab-01', passed: false, results: [{ name: 'GET /health', ok: false, message: '500' }] }, 'later');
    expect(failed.labs['lab-01']).toEqual({ passed: true, failed: ['GET /health'], at: 'later' });
  });

  it('does not trust passed: true when a result failed or there are no results', () => {
    const lying = recordLabChecks(emptyProgress(), { lab: 'l', passed: true, results: [{ name: 'a', ok: false }] }, at);
    expect(lying.labs.l!.passed).toBe(false);
    expect(recordLabChecks(emptyProgress(), { lab: 'l', passed: true, results: [] }, at).labs.l!.passed).toBe(false);
  });

  it('merges two records keeping the best of each', () => {
    const mine: Progress = {
      version: 2,
      read: { t1: '2026-01-02' },
      quizzes: { t1: { best: 7, total: 8, last: 2, wrong: ['a'], attempts: 3, at: '2026-01-05' } },
      labs: { l1: { passed: true, failed: [], at: '2026-01-01' } },
    };
    const theirs: Progress = {
      version: 2,
      read: { t1: '2026-01-01', t2: '2026-01-03' },
      quizzes: { t1: { best: 5, total: 8, last: 5, wrong: ['b'], attempts: 1, at: '2026-01-09' } },
      labs: { l1: { passed: false, failed: ['c'], at: '2026-01-09' }, l2: { passed: false, failed: [], at: '2026-01-09' } },
    };
    expect(mergeProgress(mine, theirs)).toEqual({
      version: 2,
      read: { t1: '2026-01-01', t2: '2026-01-03' },
      quizzes: { t1: { best: 7, total: 8, last: 5, wrong: ['b'], attempts: 4, at: '2026-01-09' } },
      labs: { l1: { passed: true, failed: ['c'], at: '2026-01-09' }, l2: { passed: false, failed: [], at: '2026-01-09' } },
    });
  });
});
