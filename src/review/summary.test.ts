import { describe, expect, it } from 'vitest';
import type { CourseMap } from './course-map.ts';
import { emptyProgress, markRead, recordLabChecks, recordQuizAttempt } from './progress.ts';
import { summarizeCourse, summarizeTopic } from './summary.ts';

const map: CourseMap = {
  blocks: [
    { id: 'b1', label: 'Bloque 1', title: 'Base' },
    { id: 'b2', label: 'Bloque 2', title: 'DDD' },
  ],
  topics: [
    {
      id: '01-a',
      number: 1,
      title: 'A',
      href: '/temas/a/',
      block: 'b1',
      labs: [{ id: 'lab-01', title: 'Lab 1', href: '/temas/a/#lab-lab-01' }],
      quiz: {
        total: 3,
        questions: [
          { id: 'q1', prompt: '¿Uno?', href: '/temas/a/#uno' },
          { id: 'q2', prompt: '¿Dos?', href: '/temas/a/#dos' },
          { id: 'q3', prompt: '¿Tres?', href: '/temas/a/#cuestionario' },
        ],
      },
    },
    { id: '02-b', number: 2, title: 'B', href: '/temas/b/', block: 'b1', labs: [], quiz: null },
    { id: '03-c', number: 3, title: 'C', href: '/temas/c/', block: 'b2', labs: [], quiz: null },
  ],
};
const at = '2026-12-01';

describe('summaries', () => {
  it('an untouched topic has nothing done and is not studied', () => {
    const summary = summarizeTopic(map.topics[0]!, emptyProgress());
    expect(summary).toMatchObject({ read: false, quiz: null, studied: false, done: 0, total: 3, weakQuestions: [] });
    expect(summary.labsPending).toEqual([{ ...map.topics[0]!.labs[0], failed: [], attempted: false }]);
  });

  it('lists wrong answers and failed checks as weak, with their links', () => {
    let progress = recordQuizAttempt(emptyProgress(), '01-a', { correct: 1, total: 3, wrong: ['q2', 'q3', 'gone'] }, at);
    progress = recordLabChecks(progress, { lab: 'lab-01', passed: false, results: [{ name: 'GET /orders', ok: false }] }, at);
    const summary = summarizeTopic(map.topics[0]!, progress);
    expect(summary.weakQuestions.map((q) => q.href)).toEqual(['/temas/a/#dos', '/temas/a/#cuestionario']);
    expect(summary.labsPending[0]).toMatchObject({ failed: ['GET /orders'], attempted: true });
    expect(summary.quiz?.passed).toBe(false);
    expect(summary).toMatchObject({ studied: true, done: 0 });
  });

  it('counts read, passed labs and a quiz at 70 % or more, per block and overall', () => {
    let progress = markRead(emptyProgress(), '01-a', at);
    progress = recordQuizAttempt(progress, '01-a', { correct: 3, total: 3, wrong: [] }, at);
    progress = recordLabChecks(progress, { lab: 'lab-01', passed: true, results: [{ name: 'x', ok: true }] }, at);
    progress = markRead(progress, '03-c', at);
    const course = summarizeCourse(map, progress);
    expect(course.blocks.map(({ id, done, total }) => ({ id, done, total }))).toEqual([
      { id: 'b1', done: 3, total: 4 },
      { id: 'b2', done: 1, total: 1 },
    ]);
    expect(course.overall).toEqual({ done: 4, total: 5 });
  });
});
