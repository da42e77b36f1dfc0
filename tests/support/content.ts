// Reads content/ the way the site does (same zod schemas), for tests that need the real course
// data without running Astro.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { blockSchema, quizSchema, sessionSchema, topicSchema, labSchema } from '../../src/content/schemas.ts';
import type { CourseContent } from '../../src/content/integrity.ts';

export const root = join(import.meta.dirname, '../..');

const readYaml = (path: string) => parse(readFileSync(join(root, path), 'utf8'));

export function frontmatter(source: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  return match ? parse(match[1]!) : {};
}

export function loadCourseContent(): CourseContent {
  const topicsDir = join(root, 'content/temas');
  const quizzesDir = join(root, 'content/quizzes');
  const labsDir = join(root, 'sandboxes/labs');
  return {
    blocks: (readYaml('content/bloques.yaml') as unknown[]).map((b) => blockSchema.parse(b)),
    sessions: (readYaml('content/sesiones.yaml') as unknown[]).map((s) => sessionSchema.parse(s)),
    topics: readdirSync(topicsDir)
      .filter((file) => file.endsWith('.mdx'))
      .map((file) => ({ id: file.replace(/\.mdx$/, ''), data: topicSchema.parse(frontmatter(readFileSync(join(topicsDir, file), 'utf8'))) })),
    quizzes: existsSync(quizzesDir)
      ? readdirSync(quizzesDir)
          .filter((file) => file.endsWith('.yaml'))
          .map((file) => ({ id: file.replace(/\.yaml$/, ''), data: quizSchema.parse(readYaml(`content/quizzes/${file}`)) }))
      : [],
    labs: existsSync(labsDir)
      ? readdirSync(labsDir)
          .filter((dir) => existsSync(join(labsDir, dir, 'lab.yaml')))
          .map((dir) => ({ id: dir, data: labSchema.parse(readYaml(`sandboxes/labs/${dir}/lab.yaml`)) }))
      : [],
  };
}
