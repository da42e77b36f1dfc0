// The single truth about the course's content. Astro validates every YAML and MDX file in
// content/ (and every lab.yaml in sandboxes/labs/) against these schemas at build time; a wrong
// field fails the build naming the file and the field. Cross-file references (a session naming a
// topic that does not exist…) are checked in ./integrity.ts.
import { z } from 'astro/zod';
import { placeholdersIn } from '../sandbox/ui/core/scenario.ts';

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

const httpStatus = z.number().int().min(100).max(599);

/**
 * One step of a lab's guided "Recorrido" (issue 19, the "Recorrido" tab): exactly one of `request`
 * (a suggested request without its label), `connect` (a suggested WebSocket connection) or
 * `waitFor` (a frame on the connection opened before). Strings may use `{{name}}`: a value that an
 * earlier step `capture`d from its JSON answer (`token: access_token`, `orderId: id`).
 */
export const labScenarioStepSchema = z.strictObject({
  label: nonEmpty,
  /** One sentence on what the step shows, under its title. */
  note: nonEmpty.optional(),
  request: labRequestSchema.omit({ label: true }).optional(),
  /** Opens the scenario's WebSocket; `expect.contains` then waits for a frame with those texts. */
  connect: labConnectionSchema.omit({ label: true, messages: true }).optional(),
  /** Waits on the open WebSocket for a frame with every text (received before the step counts too). */
  waitFor: z.strictObject({ contains: z.array(nonEmpty).min(1), timeoutMs: z.number().int().min(500).max(60_000).default(10_000) }).optional(),
  expect: z
    .strictObject({
      status: z.union([httpStatus, z.array(httpStatus).min(1)]).optional(),
      contains: z.array(nonEmpty).default([]),
      /**
       * A request whose answer comes true later (eventual consistency: the history says "paid" once
       * orders-service has consumed the event): sent again every 250 ms until it matches, within this.
       */
      withinMs: z.number().int().min(250).max(30_000).optional(),
    })
    .optional(),
  /** name → dot path in the JSON answer (`access_token`, `order.id`); used later as `{{name}}`. */
  capture: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'un nombre como token u orderId'), z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'una ruta como access_token u order.id')).default({}),
});

export const labScenarioSchema = z.strictObject({
  /** The tab shows it above the steps. */
  summary: nonEmpty.optional(),
  steps: z.array(labScenarioStepSchema).min(2),
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
  scenario: labScenarioSchema.optional(),
}).superRefine((lab, ctx) => {
  if (lab.scenario) checkScenario(lab.scenario, lab.services.map((service) => service.name), ctx);
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

/**
 * What zod cannot see step by step: one action per step, services that exist, a `waitFor` after a
 * `connect`, and every `{{name}}` captured by an earlier step (each issue names the field).
 */
function checkScenario(scenario: z.infer<typeof labScenarioSchema>, services: string[], ctx: z.RefinementCtx) {
  const captured = new Set<string>();
  let connected = false;
  scenario.steps.forEach((step, index) => {
    const at = (...path: Array<string | number>) => ['scenario', 'steps', index, ...path];
    const actions = (['request', 'connect', 'waitFor'] as const).filter((key) => step[key] !== undefined);
    if (actions.length !== 1) {
      ctx.addIssue({ code: 'custom', path: at(), message: `cada paso hace una sola cosa: request, connect o waitFor (este tiene ${actions.length === 0 ? 'ninguna' : actions.join(' y ')})` });
    }
    const target = step.request ?? step.connect;
    const key = step.request ? 'request' : 'connect';
    if (target && !services.includes(target.service)) ctx.addIssue({ code: 'custom', path: at(key, 'service'), message: `el servicio ${target.service} no está en services` });
    if (step.waitFor && !connected) ctx.addIssue({ code: 'custom', path: at('waitFor'), message: 'waitFor espera en el WebSocket de un paso connect anterior, y no lo hay' });
    if (step.connect) connected = true;
    if (!step.request && Object.keys(step.capture).length > 0) ctx.addIssue({ code: 'custom', path: at('capture'), message: 'capture lee el cuerpo JSON de una respuesta: solo en un paso request' });
    const uses: Array<[Array<string | number>, unknown]> = [
      [at(key, 'path'), target?.path],
      ...Object.entries(target?.headers ?? {}).map(([name, value]): [Array<string | number>, unknown] => [at(key, 'headers', name), value]),
      [at('request', 'body'), step.request?.body],
      [at('waitFor', 'contains'), step.waitFor?.contains],
      [at('expect', 'contains'), step.expect?.contains],
    ];
    for (const [path, value] of uses) {
      for (const name of placeholdersIn(value)) {
        if (!captured.has(name)) ctx.addIssue({ code: 'custom', path, message: `{{${name}}} no lo captura ningún paso anterior (capture: { ${name}: … })` });
      }
    }
    for (const name of Object.keys(step.capture)) captured.add(name);
  });
}

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
export type LabScenario = z.infer<typeof labScenarioSchema>;
export type LabScenarioStep = z.infer<typeof labScenarioStepSchema>;
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;
