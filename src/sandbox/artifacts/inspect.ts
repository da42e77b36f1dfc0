// Reads a deployment artefact a learner wrote (compose.yaml, a GitHub Actions workflow, a
// Dockerfile) with the tools that define those formats, for `ctx.inspectFile()` in every engine:
// - compose: YAML parsed with `yaml`, validated against the Compose Specification's JSON Schema as
//   dclint ships it (compose-spec/compose-spec `schema/compose-spec.json`), with
//   @cfworker/json-schema, a validator that interprets the schema instead of compiling it to code:
//   the page's CSP has no 'unsafe-eval', so ajv cannot compile there (the repository's own tests
//   validate with ajv as well, deploy/test/deploy.test.ts, and prove both agree);
// - github-workflow: GitHub's own parser (@actions/workflow-parser, the one behind the Actions
//   language server), which validates against GitHub's workflow schema;
// - dockerfile: dockerfile-ast (the parser of the Docker language server) → stages and instructions.
// Platform-neutral: no Node or DOM APIs; the page loads it on first use (dynamic import).
import { Validator, type Schema } from '@cfworker/json-schema';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { Buffer as BufferPolyfill } from 'buffer';
import { DockerfileParser } from 'dockerfile-ast';
import { LineCounter, isMap, isNode, isScalar, parseDocument } from 'yaml';
import type { ArtifactKind, ArtifactProblem, ArtifactReport, DockerfileData, DockerInstruction, DockerStage } from '../../../sandboxes/lib/checks-types.ts';
import composeSchema from '../../../node_modules/dclint/schemas/compose.schema.json' with { type: 'json' };

export type { ArtifactKind, ArtifactProblem, ArtifactReport, DockerfileData, DockerInstruction, DockerStage };

export const ARTIFACT_KINDS: readonly ArtifactKind[] = ['compose', 'github-workflow', 'dockerfile'];

export async function inspectArtifact(kind: ArtifactKind, text: string, fileName = 'archivo'): Promise<ArtifactReport> {
  if (kind === 'compose') return inspectCompose(text);
  if (kind === 'github-workflow') return inspectWorkflow(text, fileName);
  if (kind === 'dockerfile') return inspectDockerfile(text);
  throw new Error(`Tipo de fichero desconocido: ${String(kind)} (usa ${ARTIFACT_KINDS.join(', ')})`);
}

let composeValidator: Validator | undefined;
let serviceValidator: Validator | undefined;

function inspectCompose(text: string): ArtifactReport {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  if (document.errors.length > 0) {
    return { kind: 'compose', valid: false, data: undefined, problems: document.errors.map((error) => ({ line: lineOf(error.pos[0]), message: `YAML no válido: ${error.message.split('\n')[0]}` })) };
  }
  const data: unknown = document.toJS();
  composeValidator ??= new Validator(composeSchema as Schema, '7', false);
  const result = composeValidator.validate(data);
  if (result.valid) return { kind: 'compose', valid: true, problems: [], data };
  // The validator stops at the first service with errors: each service on its own says them all.
  serviceValidator ??= (() => {
    const validator = new Validator({ $ref: 'compose_spec.json#/definitions/service' }, '7', false);
    validator.addSchema(composeSchema as Schema);
    return validator;
  })();
  const services = (data as { services?: unknown } | null)?.services;
  const perService =
    services && typeof services === 'object'
      ? Object.entries(services).flatMap(([name, service]) =>
          serviceValidator!.validate(service).errors.map((error) => ({ ...error, instanceLocation: `#/services/${escapePointer(name)}${error.instanceLocation.replace(/^#/, '')}` })),
        )
      : [];
  // The validator explains every branch of every oneOf up the tree: keep the leaves (no other error
  // deeper under the same place), which say what to fix, and drop the wrappers that only point down.
  const wrappers = new Set(['properties', 'patternProperties', 'additionalProperties', '$ref', 'oneOf', 'anyOf', 'allOf', 'items']);
  const errors = [...result.errors, ...perService].filter((error) => !wrappers.has(error.keyword));
  const leaves = errors.filter((error) => !errors.some((other) => other.instanceLocation.startsWith(`${error.instanceLocation}/`)));
  const problems = new Map<string, ArtifactProblem>();
  for (const error of leaves) {
    const segments = error.instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean).map(unescapePointer);
    // The line of the field's key (`healthchek:`), not of its value, which may start on the next line.
    const parent = document.getIn(segments.slice(0, -1), true);
    const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && String(item.key.value) === segments.at(-1)) : undefined;
    const node = pair && isScalar(pair.key) ? pair.key : document.getIn(segments, true);
    const line = lineOf(isNode(node) ? node.range?.[0] : undefined);
    const message = describeSchemaError(segments, error.keyword, error.error);
    problems.set(message, { line, message });
  }
  return { kind: 'compose', valid: false, data, problems: [...problems.values()].slice(0, 8) };
}

/** The validator's English sentence for one leaf error, said in Spanish with the field's path. */
function describeSchemaError(segments: string[], keyword: string, error: string): string {
  const field = segments.join('.') || '(raíz)';
  if (keyword === 'false') {
    const parent = segments.slice(0, -1).join('.') || 'la raíz';
    return `${field}: «${segments.at(-1)}» no es un campo que la especificación de Compose defina en ${parent} (¿una errata?)`;
  }
  const type = /Instance type "(\w+)" is invalid\. Expected "(\w+)"/.exec(error);
  if (type) return `${field}: es de tipo ${type[1]} y la especificación espera ${type[2]}`;
  const options = /does not match any of (\[.*\])/.exec(error);
  if (options) return `${field}: valor no permitido; admite uno de ${options[1]}`;
  const required = /does not have required property "([^"]+)"/.exec(error);
  if (required) return `${field}: falta el campo obligatorio «${required[1]}»`;
  return `${field}: ${error}`;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

async function inspectWorkflow(text: string, fileName: string): Promise<ArtifactReport> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const data: unknown = document.errors.length === 0 ? document.toJS() : undefined;
  const parsed = parseWorkflow({ name: fileName, content: text }, new NoOperationTraceWriter());
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  const problems = parsed.context.errors.getErrors().map((error) => {
    const line = /\(Line: (\d+),/.exec(error.message)?.[1];
    return { line: line ? Number(line) : undefined, message: error.message.replace(/^.*?\(Line: \d+, Col: \d+\): /, '') };
  });
  return { kind: 'github-workflow', valid: problems.length === 0 && data !== undefined, problems, data };
}

function inspectDockerfile(text: string): ArtifactReport {
  // dockerfile-ast looks for a byte-order mark with Node's Buffer, which a page does not have: the
  // `buffer` package (the same API) stands in for it there.
  const scope = globalThis as { Buffer?: unknown };
  scope.Buffer ??= BufferPolyfill;
  const dockerfile = DockerfileParser.parse(text);
  const stages: DockerStage[] = [];
  const instructions: DockerInstruction[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const line = instruction.getRange().start.line + 1;
    if (keyword === 'FROM') {
      const from = instruction as import('dockerfile-ast').From;
      const image = from.getImage() ?? '';
      stages.push({ index: stages.length, image, ...(from.getBuildStage() ? { name: from.getBuildStage()! } : {}), line });
    }
    const entry: DockerInstruction = { keyword, args: instruction.getArgumentsContent() ?? '', line, stage: stages.length - 1 };
    if ('getProperties' in instruction && typeof instruction.getProperties === 'function') {
      entry.properties = (instruction as import('dockerfile-ast').Env).getProperties().map((property) => ({ name: property.getName(), value: property.getValue() ?? '' }));
    }
    if ('getFlags' in instruction && typeof instruction.getFlags === 'function') {
      const flags = (instruction as import('dockerfile-ast').Copy).getFlags().map((flag) => ({ name: flag.getName(), value: flag.getValue() ?? '' }));
      if (flags.length > 0) entry.flags = flags;
    }
    instructions.push(entry);
  }
  const problems: ArtifactProblem[] = stages.length === 0 ? [{ message: 'El Dockerfile no tiene ningún FROM: toda imagen parte de una imagen base.' }] : [];
  return { kind: 'dockerfile', valid: problems.length === 0, problems, data: { stages, instructions } satisfies DockerfileData };
}
