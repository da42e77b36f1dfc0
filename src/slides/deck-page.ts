// What the two deck routes (/temas/<slug>/slides/ and /presentador/) share: one page per topic,
// its deck metadata and its rendered MDX.
import { render } from 'astro:content';
import { getCourseData, type Topic } from '../lib/course.ts';
import type { Session } from '../content/schemas.ts';
import { deckMetaOf } from './meta.ts';

export interface DeckPageProps {
  topic: Topic;
  sessions: Session[];
}

export async function deckStaticPaths() {
  const { topics, sessions } = await getCourseData();
  return topics.map((topic) => ({ params: { slug: topic.slug }, props: { topic, sessions } satisfies DeckPageProps }));
}

export async function loadDeck({ topic, sessions }: DeckPageProps) {
  const meta = deckMetaOf(topic, sessions);
  const { Content } = await render(topic.entry);
  return { meta, Content };
}
