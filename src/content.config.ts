import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { parse as parseYaml } from 'yaml';
import {
  blockSchema,
  glossaryTermSchema,
  courseSchema,
  methodologySchema,
  labSchema,
  quizSchema,
  sessionSchema,
  topicSchema,
} from './content/schemas.ts';
import { glossaryEntries } from './review/glossary.ts';

/** The file loader needs an `id` per entry: blocks carry one, sessions are keyed by `number`. */
const listBy = (key: string) => (text: string) =>
  (parseYaml(text) as Array<Record<string, unknown>>).map((entry) => ({ ...entry, id: String(entry[key]) }));

export const collections = {
  course: defineCollection({
    loader: file('content/curso.yaml', { parser: (text) => [{ id: 'curso', ...parseYaml(text) }] }),
    schema: courseSchema.extend({ id: z.literal('curso') }),
  }),
  methodology: defineCollection({
    loader: file('content/metodologia.yaml', { parser: (text) => [{ id: 'metodologia', ...parseYaml(text) }] }),
    schema: methodologySchema.extend({ id: z.literal('metodologia') }),
  }),
  blocks: defineCollection({
    loader: file('content/bloques.yaml', { parser: listBy('id') }),
    schema: blockSchema,
  }),
  sessions: defineCollection({
    loader: file('content/sesiones.yaml', { parser: listBy('number') }),
    schema: sessionSchema.extend({ id: z.string() }),
  }),
  topics: defineCollection({
    loader: glob({ pattern: '*.mdx', base: 'content/temas' }),
    schema: topicSchema,
  }),
  quizzes: defineCollection({
    loader: glob({ pattern: '*.yaml', base: 'content/quizzes' }),
    schema: quizSchema,
  }),
  glossary: defineCollection({
    loader: file('content/glosario.yaml', { parser: glossaryEntries }),
    schema: glossaryTermSchema.extend({ id: z.string() }),
  }),
  labs: defineCollection({
    loader: glob({ pattern: '*/lab.yaml', base: 'sandboxes/labs', generateId: ({ entry }) => entry.split('/')[0]! }),
    schema: labSchema,
  }),
};
