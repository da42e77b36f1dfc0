// Sessions as calendar events (one .ics for the course, one per session).
import type { Course, Session } from '../content/schemas.ts';
import type { Topic } from './course.ts';
import { buildCalendar, type CalendarEvent } from './ics.ts';

export const calendarHref = '/sesiones/curso.ics';
export const sessionCalendarHref = (session: Pick<Session, 'number'>) => `/sesiones/sesion-${session.number}.ics`;

export function sessionEvent(session: Session, topics: Topic[], site: URL | undefined): CalendarEvent {
  const names = session.topics.map((number) => {
    const topic = topics.find((t) => t.number === number);
    return topic ? `Tema ${number}: ${topic.title}` : `Tema ${number}`;
  });
  return {
    uid: `sesion-${session.number}@foodly-curso-microservicios`,
    date: session.date,
    start: session.start,
    end: session.end,
    summary: `Sesión ${session.number} · Microservicios con Hono`,
    description: [...names, '', 'Objetivos:', ...session.objectives.map((o) => `- ${o}`)].join('\n'),
    url: site ? new URL(`/sesiones/${session.number}/`, site).href : undefined,
  };
}

export function courseCalendar(course: Course, sessions: Session[], topics: Topic[], site: URL | undefined, stamp = new Date()): string {
  return buildCalendar(
    sessions.map((session) => sessionEvent(session, topics, site)),
    { name: course.title, stamp },
  );
}
