import type { APIRoute, GetStaticPaths } from 'astro';
import { getCourseData } from '../../lib/course.ts';
import { courseCalendar } from '../../lib/calendar.ts';

export const getStaticPaths = (async () => {
  const { sessions } = await getCourseData();
  return sessions.map((session) => ({ params: { number: String(session.number) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const { course, sessions, topics } = await getCourseData();
  const session = sessions.filter((s) => String(s.number) === params.number);
  return new Response(courseCalendar(course, session, topics, site), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
