// Links into a lesson: to the section that explains something when that heading exists.
export const QUIZ_SECTION_ID = 'cuestionario';

/** `/temas/<slug>/#<section>` when the lesson has that heading; otherwise `fallback` (or the topic page). */
export function sectionHref(topicHref: string, section: string | undefined, headingIds: ReadonlySet<string>, fallback = topicHref): string {
  return section && headingIds.has(section) ? `${topicHref}#${section}` : fallback;
}

export const questionAnchor = (topicId: string, questionId: string) => `pregunta-${topicId}--${questionId}`;
