import type { APIRoute } from 'astro';
import { getCourseData } from '../../lib/course.ts';
import { courseCalendar } from '../../lib/calendar.ts';

export const GET: APIRoute = async ({ site }) => {
  const { course, sessions, topics } = await getCourseData();
  return new Response(courseCalendar(course, sessions, topics, site), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
