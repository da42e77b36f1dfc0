// Build-time: the course map the browser needs for progress (see ./course-map.ts), and the
// heading ids of every lesson (for links to sections and for checking them).
import { getCollection, render } from 'astro:content';
import { ContentIntegrityError, findQuizSectionErrors } from '../content/integrity.ts';
import { getCourseData } from '../lib/course.ts';
import type { CourseMap, MapTopic } from './course-map.ts';
import { plainText } from './quiz-markup.ts';
import { questionAnchor, sectionHref } from './sections.ts';

export interface LessonHeading {
  slug: string;
  text: string;
}

let headingsCache: Promise<Map<string, LessonHeading[]>> | undefined;

/** Topic id → the headings of its lesson, as Astro renders them (same ids as on the page). */
export function lessonHeadings(): Promise<Map<string, LessonHeading[]>> {
  headingsCache ??= (async () => {
    const { topics } = await getCourseData();
    const entries = await Promise.all(
      topics.map(async (topic) => [topic.id, (await render(topic.entry)).headings.map(({ slug, text }) => ({ slug, text }))] as const),
    );
    return new Map(entries);
  })();
  return headingsCache;
}

export async function buildCourseMap(): Promise<CourseMap> {
  const [data, quizzes, labs, headings] = await Promise.all([getCourseData(), getCollection('quizzes'), getCollection('labs'), lessonHeadings()]);
  const headingIds = new Map([...headings].map(([topicId, list]) => [topicId, new Set(list.map((heading) => heading.slug))]));
  const errors = findQuizSectionErrors({ quizzes, headingIds });
  if (errors.length > 0) throw new ContentIntegrityError(errors);
  const topics = data.topics.map((topic): MapTopic => {
    const quiz = quizzes.find((entry) => entry.id === topic.id && topic.entry.data.quiz);
    const ids = headingIds.get(topic.id) ?? new Set<string>();
    return {
      id: topic.id,
      number: topic.number,
      title: topic.title,
      href: topic.href,
      block: topic.block.id,
      labs: topic.labs.map((id) => ({
        id,
        title: labs.find((lab) => lab.id === id)?.data.title ?? id,
        href: `${topic.href}#lab-${id}`,
      })),
      quiz: quiz
        ? {
            total: quiz.data.questions.length,
            questions: quiz.data.questions.map((question) => ({
              id: question.id,
              prompt: plainText(question.prompt),
              // Without a known section, the question itself in the quiz, where its explanation is.
              href: sectionHref(topic.href, question.section, ids, `${topic.href}#${questionAnchor(topic.id, question.id)}`),
            })),
          }
        : null,
    };
  });
  return {
    blocks: data.blocks.map(({ id, label, title }) => ({ id, label, title })),
    topics,
  };
}
