// What a deck needs to know about its topic, independent of the content collection so the
// fixture deck (src/pages/dev/diapositivas.astro) can build one from plain data.
import type { Session } from '../content/schemas.ts';
import type { Topic } from '../lib/course.ts';
import { minutesByTopic } from '../lib/schedule.ts';

export interface DeckMeta {
  /** Identifies the deck's BroadcastChannel and storage keys (the topic slug). */
  id: string;
  number: number;
  title: string;
  shortTitle: string;
  description: string;
  blockOrder: number;
  blockIcon: string;
  blockLabel: string;
  blockTitle: string;
  sessions: Array<{ number: number; date: string; note?: string }>;
  objectives: string[];
  keyContents: string[];
  /** Whether the lesson has a body; without one the deck shows the syllabus instead. */
  hasBody: boolean;
  /** Class minutes sesiones.yaml plans for the topic (undefined: none planned). */
  plannedMinutes?: number;
  readingHref: string;
  slidesHref: string;
  presenterHref: string;
}

export const slidesHref = (slug: string) => `/temas/${slug}/slides/`;
export const presenterHref = (slug: string) => `/temas/${slug}/presentador/`;

export function deckMetaOf(topic: Topic, allSessions: Session[]): DeckMeta {
  const data = topic.entry.data;
  return {
    id: topic.slug,
    number: topic.number,
    title: topic.title,
    shortTitle: topic.shortTitle,
    description: data.description,
    blockOrder: topic.block.order,
    blockIcon: topic.block.icon,
    blockLabel: topic.block.label,
    blockTitle: topic.block.title,
    sessions: topic.sessions.map((session) => ({
      number: session.number,
      date: session.date,
      note: session.topicNotes[String(topic.number)],
    })),
    objectives: data.objectives,
    keyContents: data.keyContents,
    hasBody: (topic.entry.body ?? '').trim().length > 0,
    plannedMinutes: minutesByTopic(allSessions).get(topic.number),
    readingHref: topic.href,
    slidesHref: slidesHref(topic.slug),
    presenterHref: presenterHref(topic.slug),
  };
}
