// Build-time: the glossary as /repaso/ shows it. getCourseData has already checked that every term
// points at a topic and section that exist (a broken link fails the build naming file and field).
import { getCollection } from 'astro:content';
import { getCourseData } from '../lib/course.ts';
import { lessonHeadings } from './course-map-data.ts';

export interface GlossaryItem {
  id: string;
  term: string;
  aliases: string[];
  /** The English original of a Spanish term ("value object"). */
  english?: string;
  definition: string;
  href: string;
  /** "Tema 7: Domain-Driven Design › Agregados" */
  where: string;
}

export async function getGlossary(): Promise<GlossaryItem[]> {
  const [terms, { topics }, headings] = await Promise.all([getCollection('glossary'), getCourseData(), lessonHeadings()]);
  return terms.map(({ id, data }) => {
    const topic = topics.find((t) => t.number === data.topic)!;
    const heading = data.section ? headings.get(topic.id)?.find((h) => h.slug === data.section) : undefined;
    return {
      id,
      term: data.term,
      aliases: data.aliases,
      english: data.english,
      definition: data.definition,
      href: heading ? `${topic.href}#${heading.slug}` : topic.href,
      where: `Tema ${topic.number}: ${topic.title}${heading ? ` › ${heading.text}` : ''}`,
    };
  });
}
