// The lab every engine runs in the conformance suite: two Hono services, one calling the other.
// Plain Foodly-style code (erasable TypeScript, hono + @hono/node-server), nothing engine-specific.
import type { FileTree, ServiceSpec } from '../engine.ts';

export const conformanceServices: ServiceSpec[] = [
  { name: 'echo', dir: 'echo-service', port: 3150, env: { GREETING: 'hola, ñandú' } },
  { name: 'caller', dir: 'caller-service', port: 3151, env: { ECHO_URL: 'http://localhost:3150' } },
];

export const conformanceTree: FileTree = {
  'package.json': '{ "name": "conformance", "type": "module", "private": true }',
  'echo-service/src/server.ts': `import { serve } from '@hono/node-server';
import { buildApp } from './app.ts';

const instance: string = Math.random().toString(36).slice(2, 8);
serve({ fetch: buildApp(instance).fetch, port: Number(process.env.PORT) }, (info) => {
  console.log(\`echo: instancia \${instance} lista en :\${info.port}\`);
});
`,
  'echo-service/src/app.ts': `import { Hono } from 'hono';

export function buildApp(instance: string): Hono {
  const app = new Hono();
  app.all('/echo', async (c) => {
    const body: string = await c.req.text();
    return c.json({ method: c.req.method, contentType: c.req.header('content-type') ?? null, body, length: body.length });
  });
  app.get('/text', (c) => c.text('café ñandú € 😀'));
  app.get('/empty', (c) => c.body(null, 204));
  app.get('/env', (c) => c.json({ greeting: process.env.GREETING ?? null, instance }));
  return app;
}
`,
  'caller-service/src/server.ts': `import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const echoUrl: string = process.env.ECHO_URL ?? 'http://localhost:3150';
const app = new Hono();
app.get('/relay', async (c) => {
  try {
    const response = await fetch(\`\${echoUrl}/env\`, { signal: AbortSignal.timeout(5000) });
    return c.json({ via: 'caller', echo: await response.json() });
  } catch (error) {
    console.error('echo no disponible:', (error as Error).message);
    return c.json({ error: 'echo no disponible' }, 503);
  }
});
serve({ fetch: app.fetch, port: Number(process.env.PORT) });
`,
};

/** Line 3, column 9 of echo-service/src/app.ts throws when the module loads. */
export const crashingApp = `import { Hono } from 'hono';

throw new Error('arranque roto a propósito');

export function buildApp(): Hono {
  return new Hono();
}
`;

export const conformanceChecks = `import type { Check } from '../lib/checks-types.ts';

export default [
  {
    name: 'GET /env devuelve el saludo configurado',
    async run(ctx) {
      const res = await ctx.request('echo', '/env');
      ctx.assert(res.status === 200, \`Se esperaba 200 y llegó \${res.status}\`);
      ctx.assert((res.body as { greeting: string }).greeting === 'hola, ñandú', 'El saludo no llegó');
    },
  },
  {
    name: 'Los logs de echo muestran su arranque',
    async run(ctx) {
      ctx.assert(ctx.logs('echo').some((line) => line.includes('echo: instancia ')), 'echo no escribió su línea de arranque');
    },
  },
  {
    name: 'Una comprobación que falla a propósito',
    async run(ctx) {
      const res = await ctx.request('echo', '/no-existe');
      ctx.assert(res.status === 200, \`GET /no-existe respondió \${res.status}\`);
    },
  },
] satisfies Check[];
`;

/**
 * Test files for the 'tests' capability (the Tests tab), written with Vitest's API: two that pass
 * (one through the service's real app, one with a spy and fake timers), one assertion that fails
 * at line 19 of app.test.ts, and a file that does not compile.
 */
export const conformanceTestFiles: FileTree = {
  'echo-service/test/app.test.ts': `import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.ts';

describe('echo', () => {
  it('responde el texto con acentos', async () => {
    const response = await buildApp('t').request('/text');
    expect(await response.text()).toBe('café ñandú € 😀');
  });
  it('un espía y un reloj falso', () => {
    vi.useFakeTimers();
    const later = vi.fn();
    setTimeout(() => later('hecho'), 60_000);
    vi.advanceTimersByTime(60_000);
    expect(later).toHaveBeenCalledWith('hecho');
    vi.useRealTimers();
  });
  it('compara objetos', () => {
    const body: { greeting: string; count: number } = { greeting: 'hola', count: 1 };
    expect(body).toEqual({ greeting: 'hola', count: 2 });
  });
});
`,
  'echo-service/test/broken.test.ts': `import { it } from 'vitest';

it('no compila', () => {
  const x = ;
});
`,
};

/** Deployment artefacts for ctx.readFile / ctx.inspectFile (lab 28): a compose.yaml with a typo on line 4. */
export const artifactFiles: FileTree = {
  'compose.yaml': 'services:\n  echo:\n    build: .\n    healthcheck:\n      test: ["CMD", "true"]\n',
  Dockerfile: 'FROM node:24-alpine AS deps\nRUN npm ci --omit=dev\nFROM node:24-alpine\nCOPY --from=deps /app/node_modules ./node_modules\nUSER node\nCMD ["node", "src/server.ts"]\n',
};

/** The same edit every engine must see: the learner's typo, written after the mount. */
export const artifactEdit = { path: 'compose.yaml', content: 'services:\n  echo:\n    build: .\n    healthchek:\n      test: ["CMD", "true"]\n' };

export const artifactChecks = `import type { Check } from '../lib/checks-types.ts';

export default [
  {
    name: 'ctx.readFile lee el fichero tal como quedó',
    async run(ctx) {
      const text = await ctx.readFile('compose.yaml');
      ctx.assert(text?.includes('healthchek:'), \`readFile devolvió \${JSON.stringify(text)}\`);
      ctx.assert((await ctx.readFile('no-existe.yaml')) === undefined, 'un fichero que no existe debería ser undefined');
    },
  },
  {
    name: 'ctx.inspectFile valida compose.yaml contra la especificación de Compose',
    async run(ctx) {
      const report = await ctx.inspectFile('compose.yaml', 'compose');
      ctx.assert(report && !report.valid, \`compose.yaml debería ser inválido: \${JSON.stringify(report)}\`);
      ctx.assert(report!.problems.some((problem) => problem.line === 4 && problem.message.includes('healthchek')), JSON.stringify(report!.problems));
    },
  },
  {
    name: 'ctx.inspectFile lee un Dockerfile por etapas',
    async run(ctx) {
      const report = await ctx.inspectFile('Dockerfile', 'dockerfile');
      const data = report?.data as { stages: { image: string; name?: string }[]; instructions: { keyword: string; stage: number; flags?: { name: string }[] }[] };
      ctx.assert(data.stages.map((stage) => stage.name ?? stage.image).join(',') === 'deps,node:24-alpine', JSON.stringify(data.stages));
      ctx.assert(data.instructions.some((i) => i.keyword === 'COPY' && i.stage === 1 && i.flags?.some((flag) => flag.name === 'from')), JSON.stringify(data.instructions));
    },
  },
] satisfies Check[];
`;
