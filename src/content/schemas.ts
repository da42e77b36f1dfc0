// The single truth about the course's content. Astro validates every YAML and MDX file in
// content/ (and every lab.yaml in sandboxes/labs/) against these schemas at build time; a wrong
// field fails the build naming the file and the field. Cross-file references (a session naming a
// topic that does not exist…) are checked in ./integrity.ts.
import { z } from 'astro/zod';

const nonEmpty = z.string().trim().min(1);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'usa el formato HH:MM (24 h)');
const topicNumber = z.number().int().min(1);
const sessionNumber = z.number().int().min(1);
/** Lab ids are the folder names under sandboxes/labs/ (e.g. `lab-01-monolito`). */
export const labId = z.string().regex(/^lab-\d{2}[a-z0-9-]*$/, 'un id de laboratorio es como lab-01-monolito');
const blockId = z.string().regex(/^[a-z0-9-]+$/);

export const courseSchema = z.strictObject({
  title: nonEmpty,
  subtitle: nonEmpty,
  instructor: nonEmpty,
  /** Paragraphs of the introduction. */
  intro: z.array(nonEmpty).min(1),
  audience: nonEmpty,
  objectives: z.array(nonEmpty).min(1),
  requirements: z.array(z.strictObject({ title: nonEmpty, items: z.array(nonEmpty).min(1) })).min(1),
  sandboxNote: nonEmpty,
  dates: z.strictObject({ summary: nonEmpty, hours: z.number().positive(), timezone: nonEmpty }),
});

export const blockSchema = z.strictObject({
  id: blockId,
  /** Order on the page: 1-4 for the blocks, 5 for the final project. */
  order: z.number().int().min(1),
  icon: nonEmpty,
  label: nonEmpty,
  title: nonEmpty,
  topics: z.array(topicNumber).min(1),
  keyContents: z.array(nonEmpty).min(1),
});

export const activityKinds = ['bienvenida', 'teoria', 'laboratorio', 'discusion', 'repaso', 'demo', 'descanso'] as const;

export const timetableRowSchema = z.strictObject({
  start: clock,
  end: clock,
  kind: z.enum(activityKinds),
  activity: nonEmpty,
  /** The topic this row teaches; used for slides links and the presenter timer. */
  topic: topicNumber.optional(),
  lab: labId.optional(),
});

export const sessionSchema = z.strictObject({
  number: sessionNumber,
  date: z.iso.date(),
  weekday: z.enum(['Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes', 'Sábado', 'Domingo']),
  start: clock,
  end: clock,
  block: blockId,
  /** A session may close one block and open the next (session 8 also opens the final project). */
  extraBlocks: z.array(blockId).default([]),
  topics: z.array(topicNumber).min(1),
  /** "Tema 2 (inicio)"-style notes on partial topics, shown next to the topic list. */
  topicNotes: z.record(z.string().regex(/^\d+$/), nonEmpty).default({}),
  objectives: z.array(nonEmpty).min(1),
  timetable: z.array(timetableRowSchema).min(1),
  deliverables: z.array(nonEmpty).min(1),
  /** True when the timetable, objectives and deliverables are the seed's own (sessions 1-2). */
  fromSeed: z.boolean().default(false),
  note: nonEmpty.optional(),
});

export const topicSchema = z.strictObject({
  number: topicNumber,
  title: nonEmpty,
  /** Short title for menus and slides. */
  shortTitle: nonEmpty,
  block: blockId,
  description: nonEmpty,
  objectives: z.array(nonEmpty).min(1),
  /** The seed's key contents this topic covers, re-targeted to Hono + TypeScript. */
  keyContents: z.array(nonEmpty).min(1),
  /**
   * Estimated study time in minutes for a learner working alone (the class time is derived from
   * the timetable of sesiones.yaml; integrity.ts checks this is not less). A topic's labs are not
   * listed here: each lab names its topic in its lab.yaml, and course.ts derives the list.
   */
  duration: z.number().int().positive(),
  /** Whether a quiz exists in content/quizzes/<same file name>.yaml. */
  quiz: z.boolean().default(false),
  /** `temario` until the full lesson is written; `leccion` after. */
  status: z.enum(['temario', 'leccion']).default('temario'),
});

export const methodologySchema = z.strictObject({
  intro: z.array(nonEmpty).min(1),
  rule: z
    .array(z.strictObject({ share: z.number().int().min(1).max(100), focus: nonEmpty, application: nonEmpty }))
    .min(1)
    .refine((rows) => rows.reduce((sum, row) => sum + row.share, 0) === 100, 'las proporciones deben sumar 100'),
  blockPlan: z.strictObject({ title: nonEmpty, text: z.array(nonEmpty).min(1) }),
  sessionPlans: z
    .array(
      z.strictObject({
        session: sessionNumber,
        title: nonEmpty,
        rows: z.array(z.strictObject({ topic: nonEmpty, theory: nonEmpty, what: nonEmpty })).min(1),
        note: nonEmpty.optional(),
      }),
    )
    .min(1),
});

const choice = z.strictObject({ text: nonEmpty, correct: z.boolean().default(false), code: z.string().optional() });
const questionBase = {
  id: z.string().regex(/^[a-z0-9-]+$/),
  prompt: nonEmpty,
  explanation: nonEmpty,
  /** Heading id (without #) in the lesson where this is explained, for the review page. */
  section: z.string().optional(),
};

export const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('single'), ...questionBase, choices: z.array(choice).min(2) }),
  z.strictObject({ type: z.literal('multiple'), ...questionBase, choices: z.array(choice).min(2) }),
  /** `items` are listed in the correct order; the UI shuffles them. */
  z.strictObject({ type: z.literal('order'), ...questionBase, items: z.array(nonEmpty).min(2) }),
  /** "Which code is right": each choice carries a code block. */
  z.strictObject({ type: z.literal('code'), ...questionBase, choices: z.array(choice.extend({ code: z.string() })).min(2) }),
]);

export const quizSchema = z.strictObject({
  topic: topicNumber,
  questions: z.array(questionSchema).min(1),
});

/** A term of the course glossary (content/glosario.yaml), linked to the lesson that explains it. */
export const glossaryTermSchema = z.strictObject({
  term: nonEmpty,
  /** Other names a learner may type (the English term, abbreviations…). */
  aliases: z.array(nonEmpty).default([]),
  /** The English original, when the course's term is a Spanish one ("value object" for "Objeto de valor"). */
  english: nonEmpty.optional(),
  /**
   * Other spellings of this concept that prose must not use (one term per concept): lessons,
   * quizzes and definitions are checked by tests/lessons/terminology.test.ts; code, quotes and the
   * English original in italics are left aside.
   */
  avoid: z.array(nonEmpty).default([]),
  definition: nonEmpty,
  topic: topicNumber,
  /** Heading id (without #) in that topic's lesson; checked against the lesson's headings. */
  section: z.string().regex(/^[\p{Ll}\p{N}_-]+$/u, 'usa el id del encabezado, p. ej. si-vienes-de-fastapi').optional(),
});

const httpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export const labRequestSchema = z.strictObject({
  label: nonEmpty,
  service: nonEmpty,
  method: httpMethod,
  path: z.string().startsWith('/'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown().optional(),
  /** Which replica of a replicated service (1-based); replica 1 when absent. */
  replica: z.number().int().min(1).max(5).optional(),
});

export const labServiceSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/),
  /** Folder of the service inside the lab's file tree; its entry is `<dir>/src/server.ts`. */
  dir: nonEmpty,
  port: z.number().int().min(1024).max(65535),
  env: z.record(z.string(), z.string()).default({}),
  /**
   * Run the service as N copies (issue 14), each its own worker/process and env: replica k (1-based)
   * is named `<name>-<k>`, listens on `port + 10·(k−1)` and gets `REPLICA_ID=<name>-<k>`. Requests and
   * connections naming the service go to replica 1 unless they say `replica: k`.
   */
  replicas: z.number().int().min(1).max(5).default(1),
});

/**
 * A suggested WebSocket connection (issue 14): the WebSocket panel offers it, `▶ Probar` opens it.
 * `messages` are frames the reader can send with one click once connected.
 */
export const labConnectionSchema = z.strictObject({
  label: nonEmpty,
  service: nonEmpty,
  replica: z.number().int().min(1).max(5).optional(),
  path: z.string().startsWith('/'),
  headers: z.record(z.string(), z.string()).default({}),
  protocols: z.array(nonEmpty).default([]),
  messages: z.array(z.string()).default([]),
});

/**
 * The servers a lab's services use (issue 14). Each service gets their address in one env var, the
 * same names everywhere (browser engine, Node runner, scripts/check-services.ts): `AMQP_URL`,
 * `KAFKA_BROKERS`, `REDIS_URL` for every service when declared, and `DATABASE_URL` for the service
 * that owns a database (database per service: `postgres.databases` maps a database name to its
 * owner; a service owns at most one).
 */
export const labInfrastructureSchema = z.strictObject({
  rabbitmq: z.boolean().default(false),
  kafka: z.boolean().default(false),
  redis: z.boolean().default(false),
  postgres: z
    .strictObject({
      databases: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'un nombre de base de datos es como orders o order_history'), z.string().regex(/^[a-z0-9-]+$/)),
    })
    .optional(),
});

export const labSchema = z.strictObject({
  title: nonEmpty,
  topic: topicNumber,
  session: sessionNumber.optional(),
  summary: nonEmpty,
  /** The lab whose solution is this lab's start; absent for a lab that starts from its own files. */
  base: labId.optional(),
  /** Paths of the base tree that this lab's start deletes. */
  remove: z.array(nonEmpty).default([]),
  services: z.array(labServiceSchema).min(1),
  open: z.array(nonEmpty).min(1),
  steps: z.array(nonEmpty).default([]),
  requests: z.array(labRequestSchema).min(1),
  connections: z.array(labConnectionSchema).default([]),
  infrastructure: labInfrastructureSchema.optional(),
}).superRefine((lab, ctx) => {
  const owners = Object.entries(lab.infrastructure?.postgres?.databases ?? {});
  const names = new Set(lab.services.map((service) => service.name));
  const owned = new Set<string>();
  for (const [database, owner] of owners) {
    if (!names.has(owner)) {
      ctx.addIssue({ code: 'custom', path: ['infrastructure', 'postgres', 'databases', database], message: `el servicio ${owner} no está en services` });
    } else if (owned.has(owner)) {
      ctx.addIssue({ code: 'custom', path: ['infrastructure', 'postgres', 'databases', database], message: `${owner} ya tiene una base de datos: cada servicio recibe una sola en DATABASE_URL` });
    }
    owned.add(owner);
  }
});

export type Course = z.infer<typeof courseSchema>;
export type Methodology = z.infer<typeof methodologySchema>;
export type Block = z.infer<typeof blockSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type TimetableRow = z.infer<typeof timetableRowSchema>;
export type TopicData = z.infer<typeof topicSchema>;
export type Quiz = z.infer<typeof quizSchema>;
export type Question = z.infer<typeof questionSchema>;
export type LabMeta = z.infer<typeof labSchema>;
export type LabRequest = z.infer<typeof labRequestSchema>;
export type LabService = z.infer<typeof labServiceSchema>;
export type LabConnection = z.infer<typeof labConnectionSchema>;
export type LabInfrastructure = z.infer<typeof labInfrastructureSchema>;
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;
