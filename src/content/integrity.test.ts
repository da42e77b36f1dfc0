import { describe, expect, it } from 'vitest';
import { findIntegrityErrors, findQuizSectionErrors, labsOfTopic, type CourseContent } from './integrity.ts';
import { loadCourseContent } from '../../tests/support/content.ts';
import { totalHours } from '../lib/schedule.ts';
import { sessionSchema, topicSchema, labSchema } from './schemas.ts';

const clone = (content: CourseContent): CourseContent => structuredClone(content);

describe('the real course content', () => {
  const content = loadCourseContent();

  it('has no broken references', () => {
    expect(findIntegrityErrors(content)).toEqual([]);
  });

  it("derives each topic's labs from the labs' own topic", () => {
    expect(labsOfTopic(content.labs, 2)).toEqual(['lab-02-primer-servicio', 'lab-03-auth-service']);
    expect(labsOfTopic(content.labs, 4)).toEqual(['lab-05-tareas-y-errores', 'lab-11-resiliencia']);
    expect(labsOfTopic(content.labs, 9)).toEqual(['lab-13-eventos-rabbitmq', 'lab-14-consumidor-idempotente', 'lab-15-kafka-grupos']);
    expect(labsOfTopic(content.labs, 16)).toEqual(['lab-29-proyecto-final']);
  });

  it('has 16 topics, 4 blocks plus the final project and 8 sessions adding up to 30 hours', () => {
    expect(content.topics.map((t) => t.data.number).sort((a, b) => a - b)).toEqual([...Array(16)].map((_, i) => i + 1));
    expect(content.blocks).toHaveLength(5);
    expect(content.sessions).toHaveLength(8);
    expect(totalHours(content.sessions)).toBe(30);
  });

  it('keeps the seed timetables of sessions 1 and 2', () => {
    const [first, second] = content.sessions;
    expect(first!.fromSeed && second!.fromSeed).toBe(true);
    expect(first!.timetable.map((row) => `${row.start}-${row.end}`)).toEqual([
      '08:30-08:50', '08:50-09:30', '09:30-10:00', '10:00-10:15', '10:15-11:00', '11:00-11:30',
    ]);
    // The seed's 08:30-09:00 review gives its last 10 minutes to the JWT introduction that the seed's
    // methodology table plans for topic 5 ("~5 % introducción"); the rest is the seed's timetable.
    expect(second!.timetable.map((row) => row.start)).toEqual(['08:30', '08:50', '09:00', '09:30', '10:30', '11:00', '11:30', '12:00']);
  });
});

describe('integrity errors name the file and the field', () => {
  const base = loadCourseContent();

  it('a session naming a topic that does not exist', () => {
    const content = clone(base);
    content.sessions[2]!.topics.push(17);
    expect(findIntegrityErrors(content)).toContainEqual({
      file: 'content/sesiones.yaml',
      field: `[2].topics[${content.sessions[2]!.topics.length - 1}]`,
      message: 'el tema 17 no existe',
    });
  });

  it('two topics with one number', () => {
    const content = clone(base);
    content.topics[1]!.data.number = 1;
    const errors = findIntegrityErrors(content);
    expect(errors).toContainEqual(expect.objectContaining({ file: `content/temas/${content.topics[1]!.id}.mdx`, field: 'number' }));
  });

  it('a topic in an unknown block, a missing quiz and less study time than class time', () => {
    const content = clone(base);
    content.topics[0]!.data.block = 'bloque-9';
    content.topics[0]!.data.quiz = true;
    content.topics[0]!.data.duration = 10;
    content.quizzes = content.quizzes.filter((quiz) => quiz.id !== content.topics[0]!.id);
    const errors = findIntegrityErrors(content).filter((e) => e.file === `content/temas/${content.topics[0]!.id}.mdx`);
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['block', 'quiz', 'duration']));
    expect(errors.find((e) => e.field === 'duration')?.message).toMatch(/^10 min de estudio autónomo son menos que los \d+ min/);
  });

  it('a session topic without time in the timetable', () => {
    const content = clone(base);
    const session = content.sessions[1]!;
    session.timetable = session.timetable.filter((row) => row.topic !== 5);
    const index = session.topics.indexOf(5);
    expect(findIntegrityErrors(content)).toContainEqual(expect.objectContaining({ file: 'content/sesiones.yaml', field: `[1].topics[${index}]` }));
  });

  it("a lab's session and topic must match the timetable row that runs it", () => {
    const content = clone(base);
    const lab = content.labs.find((l) => l.id === 'lab-04-products-orders')!;
    lab.data.topic = 4;
    const other = content.labs.find((l) => l.id === 'lab-11-resiliencia')!;
    other.data.session = 2;
    const errors = findIntegrityErrors(content);
    expect(errors).toContainEqual(expect.objectContaining({ file: 'content/sesiones.yaml', message: expect.stringContaining('lab-04-products-orders es del tema 4') }));
    expect(errors).toContainEqual(expect.objectContaining({ file: 'sandboxes/labs/lab-11-resiliencia/lab.yaml', field: 'session' }));
  });

  it('a wrong weekday and a timetable row that overlaps', () => {
    const content = clone(base);
    content.sessions[0]!.weekday = 'Viernes';
    content.sessions[0]!.timetable[1]!.start = '08:40';
    const fields = findIntegrityErrors(content).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['[0].weekday', '[0].timetable[1]']));
  });

  it('a lab whose base or request service does not exist', () => {
    const content = clone(base);
    const lab = labSchema.parse({
      title: 'X', topic: 1, summary: 'x', base: 'lab-98-otro', open: ['a.ts'],
      services: [{ name: 'api', dir: 'api', port: 3000 }],
      requests: [{ label: 'r', service: 'otra', method: 'GET', path: '/' }],
    });
    content.labs.push({ id: 'lab-99-prueba', data: lab });
    const errors = findIntegrityErrors(content).filter((e) => e.file === 'sandboxes/labs/lab-99-prueba/lab.yaml');
    expect(errors.map((e) => e.field)).toEqual(['base', 'requests[0].service']);
  });
});

describe('schemas reject wrong fields by path', () => {
  it('a session with a malformed clock', () => {
    const result = sessionSchema.safeParse({ ...loadCourseContent().sessions[0], start: '8:30' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['start']);
  });

  it('a topic with an unknown key', () => {
    const topic = loadCourseContent().topics[0]!.data;
    const result = topicSchema.safeParse({ ...topic, sesiones: [1] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});

describe('quiz questions that name a lesson section', () => {
  const content = loadCourseContent();
  const quiz = content.quizzes.find((entry) => entry.data.questions.some((question) => question.section))!;
  const question = quiz.data.questions.find((entry) => entry.section)!;
  const headingIds = new Map([[quiz.id, new Set([question.section!])]]);

  it('pass when the lesson has that heading', () => {
    expect(findQuizSectionErrors({ quizzes: [quiz], headingIds }).filter((error) => error.message.includes(`"${question.id}"`))).toEqual([]);
  });

  it('fail naming the quiz file, the question and the section when it does not', () => {
    const broken = structuredClone(quiz);
    const index = broken.data.questions.findIndex((entry) => entry.id === question.id);
    broken.data.questions[index]!.section = 'no-existe';
    expect(findQuizSectionErrors({ quizzes: [broken], headingIds })).toContainEqual({
      file: `content/quizzes/${quiz.id}.yaml`,
      field: `questions[${index}].section`,
      message: `la lección no tiene la sección «no-existe» (pregunta "${question.id}")`,
    });
  });
});
