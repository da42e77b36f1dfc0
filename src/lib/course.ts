// The course as the pages see it: every collection loaded once, cross-checked, sorted and
// linked (topic ↔ block ↔ sessions). Pages import from here, never from astro:content directly,
// so a broken reference fails the build on the first page that renders, and with every content
// error at once: references, quiz sections and glossary sections are checked in one pass (fixing
// one error must not reveal the next only on the following build).
import { getCollection, render, type CollectionEntry } from 'astro:content';
import {
  classMinutes,
  ContentIntegrityError,
  findGlossaryErrors,
  findIntegrityErrors,
  findQuizSectionErrors,
  labsOfTopic,
} from '../content/integrity.ts';
import type { Block, Course, Methodology, Session } from '../content/schemas.ts';

export type TopicEntry = CollectionEntry<'topics'>;

export interface Topic {
  id: string;
  /** URL segment: the file name without its number prefix. */
  slug: string;
  entry: TopicEntry;
  number: number;
  title: string;
  shortTitle: string;
  block: Block;
  sessions: Session[];
  /** Ids of the labs whose lab.yaml names this topic (derived, never listed twice). */
  labs: string[];
  /** Minutes the sessions' timetables give this topic in class. */
  classMinutes: number;
  href: string;
}

export interface LessonHeading {
  slug: string;
  text: string;
}

export interface CourseData {
  /** Topic id → the headings of its lesson, as Astro renders them (same ids as on the page). */
  headings: Map<string, LessonHeading[]>;
  course: Course;
  methodology: Methodology;
  blocks: Block[];
  topics: Topic[];
  sessions: Session[];
}

export const topicSlug = (id: string) => id.replace(/^\d+-/, '');

let cached: Promise<CourseData> | undefined;

export function getCourseData(): Promise<CourseData> {
  cached ??= load();
  return cached;
}

async function load(): Promise<CourseData> {
  const [courseEntries, methodologyEntries, blockEntries, sessionEntries, topicEntries, quizEntries, labEntries, glossaryEntries] = await Promise.all([
    getCollection('course'),
    getCollection('methodology'),
    getCollection('blocks'),
    getCollection('sessions'),
    getCollection('topics'),
    getCollection('quizzes'),
    getCollection('labs'),
    getCollection('glossary'),
  ]);
  const blocks = blockEntries.map((entry) => entry.data).sort((a, b) => a.order - b.order);
  const sessions = sessionEntries.map(({ data: { id: _id, ...session } }) => session).sort((a, b) => a.number - b.number);
  const headings = new Map(
    await Promise.all(
      topicEntries.map(async (entry) => [entry.id, (await render(entry)).headings.map(({ slug, text }) => ({ slug, text }))] as const),
    ),
  );
  const headingIds = new Map([...headings].map(([topicId, list]) => [topicId, new Set(list.map((heading) => heading.slug))]));
  const errors = [
    ...findIntegrityErrors({ blocks, sessions, topics: topicEntries, quizzes: quizEntries, labs: labEntries }),
    ...findQuizSectionErrors({ quizzes: quizEntries, headingIds }),
    ...findGlossaryErrors({
      terms: glossaryEntries,
      topics: topicEntries.map((entry) => ({ number: entry.data.number, headingIds: [...(headingIds.get(entry.id) ?? [])] })),
    }),
  ];
  if (errors.length > 0) throw new ContentIntegrityError(errors);
  const topics = topicEntries
    .map((entry): Topic => {
      const slug = topicSlug(entry.id);
      return {
        id: entry.id,
        slug,
        entry,
        number: entry.data.number,
        title: entry.data.title,
        shortTitle: entry.data.shortTitle,
        block: blocks.find((block) => block.id === entry.data.block)!,
        sessions: sessions.filter((session) => session.topics.includes(entry.data.number)),
        labs: labsOfTopic(labEntries, entry.data.number),
        classMinutes: classMinutes(sessions, entry.data.number),
        href: `/temas/${slug}/`,
      };
    })
    .sort((a, b) => a.number - b.number);
  const { id: _courseId, ...course } = courseEntries[0]!.data;
  const { id: _methodologyId, ...methodology } = methodologyEntries[0]!.data;
  return { headings, course, methodology, blocks, topics, sessions };
}

export function topicsOfBlock(data: CourseData, blockId: string): Topic[] {
  return data.topics.filter((topic) => topic.block.id === blockId);
}

export function topicByNumber(data: CourseData, number: number): Topic | undefined {
  return data.topics.find((topic) => topic.number === number);
}

export const sessionHref = (session: Pick<Session, 'number'>) => `/sesiones/${session.number}/`;
