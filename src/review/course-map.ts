// The slice of the course the browser needs to show progress: blocks, topics, their labs and
// quiz questions. Built at build time (see ./course-map-data.ts) and embedded as JSON.

export interface MapLab {
  id: string;
  title: string;
  /** The lab in its lesson: /temas/<slug>/#lab-<id>. */
  href: string;
}

export interface MapQuestion {
  id: string;
  /** Plain text of the prompt. */
  prompt: string;
  /** The lesson section that explains it, or the quiz when the section is unknown. */
  href: string;
}

export interface MapTopic {
  id: string;
  number: number;
  title: string;
  href: string;
  block: string;
  labs: MapLab[];
  /** Null when the topic has no quiz yet. */
  quiz: { total: number; questions: MapQuestion[] } | null;
}

export interface MapBlock {
  id: string;
  label: string;
  title: string;
}

export interface CourseMap {
  blocks: MapBlock[];
  topics: MapTopic[];
}

export const COURSE_MAP_ID = 'course-map';

/** Reads the map embedded in the page by <CourseMapData>; null when the page has none. */
export function readCourseMap(doc: Document = document): CourseMap | null {
  const element = doc.getElementById(COURSE_MAP_ID);
  if (!element?.textContent) return null;
  try {
    return JSON.parse(element.textContent) as CourseMap;
  } catch {
    return null;
  }
}
