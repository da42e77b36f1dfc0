// Build-time: the course map the browser needs for progress (see ./course-map.ts), and the
// heading ids of every lesson (for links to sections and for checking them).
import { getCollection } from 'astro:content';
import { getCourseData } from '../lib/course.ts';
import type { LessonHeading } from '../lib/course.ts';
import type { CourseMap, MapTopic } from './course-map.ts';
import { plainText } from './quiz-markup.ts';
import { questionAnchor, sectionHref } from './sections.ts';

export type { LessonHeading };

/** Topic id → the headings of its lesson (loaded, and every section reference checked, by getCourseData). */
export async function lessonHeadings(): Promise<Map<string, LessonHeading[]>> {
  return (await getCourseData()).headings;
}

export async function buildCourseMap(): Promise<CourseMap> {
  const [data, quizzes, labs, headings] = await Promise.all([getCourseData(), getCollection('quizzes'), getCollection('labs'), lessonHeadings()]);
  const headingIds = new Map([...headings].map(([topicId, list]) => [topicId, new Set(list.map((heading) => heading.slug))]));
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
