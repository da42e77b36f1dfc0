// Cross-file checks that zod cannot see from one file: references between topics, blocks,
// sessions, labs and quizzes, and timetables that tile their session. Every error names the
// file and the field, so a broken reference fails the build with a message an author can act on.
import type { Block, GlossaryTerm, LabMeta, Quiz, Session, TopicData } from './schemas.ts';
import { timetableProblems, weekdayOf } from '../lib/schedule.ts';

export interface CourseContent {
  blocks: Block[];
  sessions: Session[];
  topics: Array<{ id: string; data: TopicData }>;
  quizzes: Array<{ id: string; data: Quiz }>;
  labs: Array<{ id: string; data: LabMeta }>;
}

export interface IntegrityError {
  file: string;
  field: string;
  message: string;
}

export const contentFiles = {
  blocks: 'content/bloques.yaml',
  sessions: 'content/sesiones.yaml',
  topic: (id: string) => `content/temas/${id}.mdx`,
  quiz: (id: string) => `content/quizzes/${id}.yaml`,
  lab: (id: string) => `sandboxes/labs/${id}/lab.yaml`,
  glossary: 'content/glosario.yaml',
};

/** Minutes the timetables of all sessions give a topic in class. */
export function classMinutes(sessions: readonly Session[], topic: number): number {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return sessions.flatMap((s) => s.timetable).filter((row) => row.topic === topic).reduce((sum, row) => sum + minutes(row.end) - minutes(row.start), 0);
}

/** A topic's labs, derived from the labs' own `topic` (lab.yaml), in id order. */
export function labsOfTopic(labs: ReadonlyArray<{ id: string; data: LabMeta }>, topic: number): string[] {
  return labs.filter((lab) => lab.data.topic === topic).map((lab) => lab.id).sort();
}

export function findIntegrityErrors(content: CourseContent): IntegrityError[] {
  const errors: IntegrityError[] = [];
  const fail = (file: string, field: string, message: string) => errors.push({ file, field, message });

  const topicByNumber = new Map<number, string>();
  for (const topic of content.topics) {
    const other = topicByNumber.get(topic.data.number);
    if (other) fail(contentFiles.topic(topic.id), 'number', `el tema ${topic.data.number} ya está definido en ${contentFiles.topic(other)}`);
    else topicByNumber.set(topic.data.number, topic.id);
  }
  const blockIds = new Set(content.blocks.map((block) => block.id));
  const labIds = new Set(content.labs.map((lab) => lab.id));
  const quizIds = new Set(content.quizzes.map((quiz) => quiz.id));
  const sessionNumbers = new Set<number>();

  const seenBlockIds = new Set<string>();
  content.blocks.forEach((block, index) => {
    if (seenBlockIds.has(block.id)) fail(contentFiles.blocks, `[${index}].id`, `el bloque "${block.id}" está repetido`);
    seenBlockIds.add(block.id);
    block.topics.forEach((number, i) => {
      const topicId = topicByNumber.get(number);
      if (!topicId) fail(contentFiles.blocks, `[${index}].topics[${i}]`, `el tema ${number} no existe`);
      else {
        const topic = content.topics.find((t) => t.id === topicId)!;
        if (topic.data.block !== block.id) {
          fail(contentFiles.blocks, `[${index}].topics[${i}]`, `el tema ${number} declara el bloque "${topic.data.block}", no "${block.id}"`);
        }
      }
    });
  });

  for (const topic of content.topics) {
    const file = contentFiles.topic(topic.id);
    if (!blockIds.has(topic.data.block)) fail(file, 'block', `el bloque "${topic.data.block}" no existe en ${contentFiles.blocks}`);
    if (topic.data.duration < classMinutes(content.sessions, topic.data.number)) {
      fail(file, 'duration', `${topic.data.duration} min de estudio autónomo son menos que los ${classMinutes(content.sessions, topic.data.number)} min que el horario de ${contentFiles.sessions} da al tema en clase`);
    }
    if (topic.data.quiz && !quizIds.has(topic.id)) fail(file, 'quiz', `falta el cuestionario ${contentFiles.quiz(topic.id)}`);
  }

  content.sessions.forEach((session, index) => {
    const at = (field: string) => `[${index}].${field}`;
    if (sessionNumbers.has(session.number)) fail(contentFiles.sessions, at('number'), `la sesión ${session.number} está repetida`);
    sessionNumbers.add(session.number);
    const weekday = weekdayOf(session.date);
    if (weekday !== session.weekday) fail(contentFiles.sessions, at('weekday'), `el ${session.date} es ${weekday}, no ${session.weekday}`);
    for (const [field, id] of [['block', session.block], ...session.extraBlocks.map((b, i) => [`extraBlocks[${i}]`, b])] as const) {
      if (!blockIds.has(id)) fail(contentFiles.sessions, at(field), `el bloque "${id}" no existe`);
    }
    session.topics.forEach((number, i) => {
      if (!topicByNumber.has(number)) fail(contentFiles.sessions, at(`topics[${i}]`), `el tema ${number} no existe`);
    });
    for (const key of Object.keys(session.topicNotes)) {
      if (!session.topics.includes(Number(key))) fail(contentFiles.sessions, at(`topicNotes.${key}`), `la nota es de un tema que la sesión no trata`);
    }
    session.timetable.forEach((row, i) => {
      if (row.topic !== undefined && !session.topics.includes(row.topic)) {
        fail(contentFiles.sessions, at(`timetable[${i}].topic`), `el tema ${row.topic} no está en los temas de la sesión ${session.number}`);
      }
      if (row.lab && !labIds.has(row.lab)) fail(contentFiles.sessions, at(`timetable[${i}].lab`), `el laboratorio "${row.lab}" no existe`);
      const lab = content.labs.find((l) => l.id === row.lab);
      if (lab && lab.data.topic !== row.topic) fail(contentFiles.sessions, at(`timetable[${i}].topic`), `la fila es del tema ${row.topic ?? '(ninguno)'} y ${row.lab} es del tema ${lab.data.topic} (${contentFiles.lab(lab.id)})`);
      if (lab && lab.data.session !== session.number) fail(contentFiles.lab(lab.id), 'session', `el horario de la sesión ${session.number} tiene este laboratorio y lab.yaml dice ${lab.data.session ?? '(ninguna)'}`);
    });
    // A session that lists a topic gives it time: otherwise the presenter's timer and the lesson's
    // "Sesiones" promise class time that the timetable does not have.
    session.topics.forEach((number, i) => {
      if (topicByNumber.has(number) && !session.timetable.some((row) => row.topic === number)) {
        fail(contentFiles.sessions, at(`topics[${i}]`), `el tema ${number} está en la sesión ${session.number} pero ninguna fila de su horario (timetable) le da tiempo`);
      }
    });
    for (const problem of timetableProblems(session)) fail(contentFiles.sessions, at(`timetable[${problem.row}]`), problem.message);
  });

  const taught = new Set(content.sessions.flatMap((session) => session.topics));
  for (const topic of content.topics) {
    if (!taught.has(topic.data.number)) fail(contentFiles.topic(topic.id), 'number', `ninguna sesión de ${contentFiles.sessions} trata el tema ${topic.data.number}`);
  }

  for (const quiz of content.quizzes) {
    const topicId = topicByNumber.get(quiz.data.topic);
    if (topicId !== quiz.id) fail(contentFiles.quiz(quiz.id), 'topic', `el cuestionario debe llamarse como su tema (${topicId ?? `tema ${quiz.data.topic} inexistente`})`);
    const ids = new Set<string>();
    quiz.data.questions.forEach((question, i) => {
      if (ids.has(question.id)) fail(contentFiles.quiz(quiz.id), `questions[${i}].id`, `la pregunta "${question.id}" está repetida`);
      ids.add(question.id);
      if ((question.type === 'single' || question.type === 'code') && question.choices.filter((c) => c.correct).length !== 1) {
        fail(contentFiles.quiz(quiz.id), `questions[${i}].choices`, 'una pregunta de respuesta única necesita exactamente una opción correcta');
      }
      if (question.type === 'multiple' && !question.choices.some((c) => c.correct)) {
        fail(contentFiles.quiz(quiz.id), `questions[${i}].choices`, 'una pregunta de respuesta múltiple necesita al menos una opción correcta');
      }
    });
  }

  for (const lab of content.labs) {
    const file = contentFiles.lab(lab.id);
    if (!topicByNumber.has(lab.data.topic)) fail(file, 'topic', `el tema ${lab.data.topic} no existe`);
    if (lab.data.session !== undefined && !sessionNumbers.has(lab.data.session)) fail(file, 'session', `la sesión ${lab.data.session} no existe`);
    else if (lab.data.session !== undefined && !content.sessions.some((s) => s.number === lab.data.session && s.timetable.some((row) => row.lab === lab.id))) {
      fail(file, 'session', `la sesión ${lab.data.session} no tiene este laboratorio en su horario (timetable[].lab en ${contentFiles.sessions}); quita session si es trabajo autónomo`);
    }
    if (lab.data.base && !labIds.has(lab.data.base)) fail(file, 'base', `el laboratorio base "${lab.data.base}" no existe`);
    const services = new Set(lab.data.services.map((s) => s.name));
    lab.data.requests.forEach((request, i) => {
      if (!services.has(request.service)) fail(file, `requests[${i}].service`, `el servicio "${request.service}" no está en services`);
    });
  }

  return errors;
}

export interface GlossaryContent {
  /** In file order. */
  terms: Array<{ id: string; data: GlossaryTerm }>;
  /** Every topic with the heading ids of its lesson. */
  topics: Array<{ number: number; headingIds: string[] }>;
}

/** A glossary term must point at a topic that exists and, when it names one, at a real section. */
export function findGlossaryErrors(content: GlossaryContent): IntegrityError[] {
  const errors: IntegrityError[] = [];
  const topics = new Map(content.topics.map((topic) => [topic.number, new Set(topic.headingIds)]));
  content.terms.forEach(({ data: term }, index) => {
    const headings = topics.get(term.topic);
    if (!headings) {
      errors.push({ file: contentFiles.glossary, field: `[${index}].topic`, message: `el tema ${term.topic} (término «${term.term}») no existe` });
    } else if (term.section && !headings.has(term.section)) {
      errors.push({
        file: contentFiles.glossary,
        field: `[${index}].section`,
        message: `la lección del tema ${term.topic} no tiene la sección «${term.section}» (término «${term.term}»)`,
      });
    }
  });
  return errors;
}

/** A quiz question that names a section must name a heading its lesson really has. */
export function findQuizSectionErrors(content: {
  quizzes: Array<{ id: string; data: Quiz }>;
  headingIds: ReadonlyMap<string, ReadonlySet<string>>;
}): IntegrityError[] {
  const errors: IntegrityError[] = [];
  for (const quiz of content.quizzes) {
    const headings = content.headingIds.get(quiz.id) ?? new Set<string>();
    quiz.data.questions.forEach((question, index) => {
      if (question.section && !headings.has(question.section)) {
        errors.push({
          file: contentFiles.quiz(quiz.id),
          field: `questions[${index}].section`,
          message: `la lección no tiene la sección «${question.section}» (pregunta "${question.id}")`,
        });
      }
    });
  }
  return errors;
}

export class ContentIntegrityError extends Error {
  /** Not named `errors`: tools treat an `errors` array as an AggregateError and print only its items. */
  readonly problems: IntegrityError[];

  constructor(errors: IntegrityError[]) {
    super(
      `El contenido del curso tiene ${errors.length} error(es):\n` +
        errors.map((e) => `  - ${e.file} → ${e.field}: ${e.message}`).join('\n'),
    );
    this.name = 'ContentIntegrityError';
    this.problems = errors;
  }
}

export function assertIntegrity(content: CourseContent): void {
  const errors = findIntegrityErrors(content);
  if (errors.length > 0) throw new ContentIntegrityError(errors);
}
