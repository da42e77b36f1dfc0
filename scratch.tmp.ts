import { registerHooks } from 'node:module';
registerHooks({ load(url, context, next) { return url.endsWith('.json') ? next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } }) : next(url, context); } });
const { inspectArtifact } = await import('./src/sandbox/artifacts/inspect.ts');
const { Validator } = await import('@cfworker/json-schema');
const bad = `services:
  products:
    build: .
    healthchek:
      test: ["CMD", "true"]
    depends_on:
      redis:
        condition: service_ready
    ports: 3102
  redis:
    image: redis:7
`;
console.log(JSON.stringify(await inspectArtifact('compose', bad), null, 1).slice(0, 3000));
console.log((await inspectArtifact('compose', 'services:\n  a:\n    image: x\n')).valid);
const schema = (await import('./node_modules/dclint/schemas/compose.schema.json', { with: { type: 'json' } })).default;
const v = new Validator(schema, '7', false);
const { parse } = await import('yaml');
for (const e of v.validate(parse(bad)).errors) console.log(e.keyword, e.instanceLocation, '|', e.error);
