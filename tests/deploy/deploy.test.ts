// deploy/: the artefacts that run Foodly outside the course (Dockerfile, compose.yaml, the GitHub
// Actions workflow, Kubernetes manifests), checked against the published definitions of their
// formats and against the system they claim to run (the current lab's solution, deploy/system.ts).
// Each family has a negative case: the same check on a broken copy must fail.
// First: lets Node load GitHub's workflow parser (its JSON import has no import attribute).
import '../../sandboxes/lib/json-imports.ts';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { DockerfileParser } from 'dockerfile-ast';
import ts from 'typescript';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { generatedFiles, isSecretKey } from '../../deploy/generate.ts';
import { DEPLOY_DIR, loadFoodlySystem, type FoodlySystem } from '../../deploy/system.ts';
import { inspectArtifact } from '../../src/sandbox/artifacts/inspect.ts';
import { loadLab, MATERIALIZED_DIR, writeTree } from '../../sandboxes/lib/labs.ts';
import { typeStrippingNode } from '../../sandboxes/lib/node-runner.ts';
import { provisionInfrastructure, type ProvisionedInfrastructure } from '../../sandboxes/lib/infrastructure.ts';

const read = (path: string) => readFileSync(join(DEPLOY_DIR, path), 'utf8');
const require = createRequire(import.meta.url);
/** The Compose Specification's JSON Schema (compose-spec/compose-spec), as dclint ships it. */
const composeSchemaPath = join(require.resolve('dclint/package.json'), '..', 'schemas', 'compose.schema.json');
const composeSchema = JSON.parse(readFileSync(composeSchemaPath, 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
// The schema names draft-07 by its https URL; ajv knows it by the http one: the same meta-schema.
const draft07 = JSON.parse(readFileSync(require.resolve('ajv/dist/refs/json-schema-draft-07.json'), 'utf8')) as { $id: string };
ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
const validateCompose = ajv.compile(composeSchema);

// Loaded at collection: the per-service tests are one per folder of the current system.
const system: FoodlySystem = await loadFoodlySystem();
const serviceDirs = [...new Set(system.instances.map((instance) => instance.dir))];

type ComposeService = {
  build?: { context: string; args?: Record<string, string> };
  image?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
};
type Compose = { services: Record<string, ComposeService> };

describe('deploy/: generated from the current lab', () => {
  it('compose.yaml, kubernetes/ and postgres/ are what `npm run deploy:generate` writes today', () => {
    const expected = generatedFiles(system);
    for (const [path, content] of expected) {
      expect(existsSync(join(DEPLOY_DIR, path)), `deploy/${path} no existe: ejecuta npm run deploy:generate`).toBe(true);
      expect(read(path), `deploy/${path} no corresponde a ${system.labId}: ejecuta npm run deploy:generate y haz commit`).toBe(content);
    }
    const committed = readdirSync(join(DEPLOY_DIR, 'kubernetes')).map((name) => `kubernetes/${name}`);
    expect(committed.filter((path) => !expected.has(path)), 'manifiestos que el generador ya no escribe').toEqual([]);
  });

  it('covers every service of the system the lab runs (npm run foodly)', () => {
    const compose = parse(read('compose.yaml')) as Compose;
    for (const instance of system.instances) {
      expect(compose.services[instance.name]?.build?.args?.SERVICE, `compose.yaml → services.${instance.name}`).toBe(instance.dir);
    }
    for (const kind of system.kinds) expect(Object.keys(compose.services)).toContain(kind);
  });
});

describe('deploy/compose.yaml against the Compose Specification', () => {
  const compose = parse(read('compose.yaml')) as Compose;

  it('is valid against the compose-spec JSON Schema (ajv) and the in-page validator agrees', async () => {
    expect(validateCompose(compose), JSON.stringify(validateCompose.errors?.slice(0, 3))).toBe(true);
    const report = await inspectArtifact('compose', read('compose.yaml'));
    expect(report.problems).toEqual([]);
    // The repository's servers-only compose.yaml too.
    expect(validateCompose(parse(readFileSync(join(DEPLOY_DIR, '..', 'compose.yaml'), 'utf8')))).toBe(true);
  });

  it('a misspelt field or a wrong condition fails both validators, with the line', async () => {
    const broken = read('compose.yaml').replace('    healthcheck:\n', '    healthchek:\n').replace('        condition: service_healthy', '        condition: service_ready');
    expect(validateCompose(parse(broken))).toBe(false);
    const report = await inspectArtifact('compose', broken);
    expect(report.valid).toBe(false);
    expect(report.problems.map((problem) => problem.message).join('\n')).toMatch(/healthchek.*errata/);
    expect(report.problems.map((problem) => problem.message).join('\n')).toMatch(/condition: valor no permitido/);
    const line = broken.split('\n').findIndex((text) => text.includes('healthchek:')) + 1;
    expect(report.problems.map((problem) => problem.line)).toContain(line);
  });

  it('waits for healthy dependencies: every depends_on target is service_healthy and has a healthcheck', () => {
    const dockerfileHasHealthcheck = /^HEALTHCHECK /m.test(read('Dockerfile'));
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} → depends_on.${target}`).toBe('service_healthy');
        const dependency = compose.services[target];
        expect(dependency, `${name} depende de ${target}, que no existe`).toBeDefined();
        expect(dependency!.healthcheck !== undefined || (dependency!.build !== undefined && dockerfileHasHealthcheck), `${target} no tiene healthcheck`).toBe(true);
      }
      for (const port of service.ports ?? []) expect(port, `${name}.ports`).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('gives each service only env vars its config.ts reads (a typo would be silently ignored)', async () => {
    const lab = await loadLab(system.labId);
    for (const instance of system.instances) {
      const config = lab.solution[`${instance.dir}/src/config.ts`] ?? '';
      const known = new Set([...config.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!));
      for (const key of Object.keys(compose.services[instance.name]!.environment ?? {})) {
        if (key === 'NODE_ENV') continue; // read by Node and libraries, not by config.ts
        expect(known.has(key), `compose.yaml → services.${instance.name}.environment.${key}: ${instance.dir}/src/config.ts no lo lee`).toBe(true);
      }
    }
  });
});

/** The rules the course teaches for a production Dockerfile (lab 28 checks the same ones). */
function dockerfileViolations(text: string): string[] {
  const dockerfile = DockerfileParser.parse(text);
  const violations: string[] = [];
  const froms = dockerfile.getFROMs();
  if (froms.length < 2) violations.push('multi-stage: hace falta una etapa de build y otra final');
  const instructions = dockerfile.getInstructions();
  const lastFrom = froms.at(-1)?.getRange().start.line ?? 0;
  const final = instructions.filter((instruction) => instruction.getRange().start.line >= lastFrom);
  const before = instructions.filter((instruction) => instruction.getRange().start.line < lastFrom);
  if (!froms.every((from) => /^(\$\{NODE_IMAGE\}|node:24)/.test(from.getImage() ?? ''))) violations.push('la imagen base es Node 24');
  const args = dockerfile.getARGs().map((arg) => arg.getProperty()?.getValue() ?? '').join(' ');
  if (froms.some((from) => from.getImage() === '${NODE_IMAGE}') && !/^node:24/.test(args)) violations.push('NODE_IMAGE por defecto es node:24');
  if (!before.some((instruction) => instruction.getKeyword() === 'RUN' && /\bnpm ci\b.*--omit=dev/.test(instruction.getArgumentsContent() ?? ''))) violations.push('npm ci --omit=dev en una etapa de build');
  if (final.some((instruction) => instruction.getKeyword() === 'RUN' && /\bnpm (ci|install)\b/.test(instruction.getArgumentsContent() ?? ''))) violations.push('la etapa final no instala: copia node_modules de la de build');
  if (!final.some((instruction) => instruction.getKeyword() === 'COPY' && /--from=/.test(instruction.getTextContent()))) violations.push('COPY --from=<etapa> en la etapa final');
  const user = final.filter((instruction) => instruction.getKeyword() === 'USER').at(-1)?.getArgumentsContent() ?? 'root';
  if (/^(root|0)(:|$)/.test(user)) violations.push('USER no root en la etapa final');
  if (!final.some((instruction) => instruction.getKeyword() === 'HEALTHCHECK' && /\/(ping|health)/.test(instruction.getArgumentsContent() ?? ''))) violations.push('HEALTHCHECK contra /ping o /health');
  const cmd = final.filter((instruction) => instruction.getKeyword() === 'CMD').at(-1)?.getArgumentsContent() ?? '';
  if (!cmd.trim().startsWith('[')) violations.push('CMD en forma exec (JSON): node recibe SIGTERM');
  for (const env of dockerfile.getENVs()) {
    for (const property of env.getProperties()) if (/SECRET|PASSWORD|TOKEN|API_?KEY/i.test(property.getName())) violations.push(`secreto en ENV: ${property.getName()}`);
  }
  return violations;
}

describe('deploy/Dockerfile (parsed with dockerfile-ast)', () => {
  it('follows the rules: multi-stage, npm ci --omit=dev, non-root, HEALTHCHECK, exec CMD, no secrets', () => {
    expect(dockerfileViolations(read('Dockerfile'))).toEqual([]);
  });

  it('the rules catch a naive single-stage Dockerfile run as root', () => {
    const naive = 'FROM node:24\nWORKDIR /app\nCOPY . .\nRUN npm install\nENV JWT_SECRET=abc\nCMD node products-service/src/server.ts\n';
    expect(dockerfileViolations(naive)).toEqual(
      expect.arrayContaining(['multi-stage: hace falta una etapa de build y otra final', 'USER no root en la etapa final', 'HEALTHCHECK contra /ping o /health', 'CMD en forma exec (JSON): node recibe SIGTERM', 'secreto en ENV: JWT_SECRET']),
    );
  });

  it('package-lock.json locks exactly the dependencies of the tree npm ci installs', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; version?: string }> };
    const root = lock.packages[''] ?? {};
    const fix = 'ejecuta npm run deploy:app -- --lock';
    expect(root.dependencies ?? {}, fix).toEqual(system.packageJson.dependencies ?? {});
    expect(root.devDependencies ?? {}, fix).toEqual(system.packageJson.devDependencies ?? {});
    for (const name of Object.keys(system.packageJson.dependencies ?? {})) expect(lock.packages[`node_modules/${name}`]?.version, `${name} en el lock`).toBeDefined();
  });
});

/**
 * Compose's interpolation as `docker compose up` does it with an empty shell: `${X:-default}` takes the
 * default; `${X:?message}` (a credential compose.yaml refuses to invent) takes the value a learner
 * would export, here one made up for the test.
 */
const TEST_SECRET = `secreto-de-prueba-${'x'.repeat(32)}`;
const interpolate = (value: string) => value.replace(/\$\{(\w+):([-?])([^}]*)\}/g, (_, name: string, kind: string, rest: string) => process.env[name] ?? (kind === '-' ? rest : TEST_SECRET));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('each service runs as the image runs it (real processes, real Redis)', () => {
  // The image's file layout: package.json and <service>/src only (what the Dockerfile COPYs), under
  // the repository so node_modules resolves as /app/node_modules does in the image.
  const imageDir = join(MATERIALIZED_DIR, 'deploy-image');
  let infrastructure: ProvisionedInfrastructure | undefined;
  const healthcheck = (() => {
    const instruction = DockerfileParser.parse(read('Dockerfile')).getInstructions().find((candidate) => candidate.getKeyword() === 'HEALTHCHECK')!;
    const command = JSON.parse(/CMD\s+(\[.*\])\s*$/s.exec(instruction.getArgumentsContent() ?? '')![1]!.replace(/\\\n/g, '')) as string[];
    return command;
  })();
  const runHealthcheck = (port: number) => spawnSync(typeStrippingNode(), healthcheck.slice(1), { env: { PATH: process.env.PATH, PORT: String(port) }, timeout: 5000 }).status;

  beforeAll(async () => {
    const lab = await loadLab(system.labId);
    await rm(imageDir, { recursive: true, force: true });
    await writeTree(Object.fromEntries(Object.entries(lab.solution).filter(([path]) => path === 'package.json' || /^[^/]+\/src\//.test(path))), imageDir);
    infrastructure = await provisionInfrastructure(system.infrastructure, `deploy-test-${process.pid}`);
  }, 60_000);
  afterAll(async () => {
    await infrastructure?.dispose();
    await rm(imageDir, { recursive: true, force: true });
  });

  it('the HEALTHCHECK command is node, against /ping', () => {
    expect(healthcheck[0]).toBe('node');
    expect(healthcheck.join(' ')).toContain('/ping');
  });

  it.each(serviceDirs)('%s: starts with its compose env, the HEALTHCHECK passes, SIGTERM ends it', async (dir) => {
    const instance = system.instances.find((candidate) => candidate.dir === dir)!;
    const compose = parse(read('compose.yaml')) as Compose;
    const port = await freePort();
    expect(runHealthcheck(port), 'el healthcheck debe fallar si el servicio no responde').toBe(1);
    const database = system.databaseOf(instance.service);
    const servers: Record<string, string> = infrastructure
      ? { REDIS_URL: infrastructure.addresses.redisUrl, AMQP_URL: infrastructure.addresses.amqpUrl, ...(database ? { DATABASE_URL: infrastructure.addresses.databaseUrl(database) } : {}) }
      : {};
    const environment = Object.fromEntries(
      Object.entries(compose.services[instance.name]!.environment ?? {}).map(([key, value]) => [key, servers[key] ?? interpolate(value).replace(/\/\/[a-z0-9-]+:(\d+)/g, '//127.0.0.1:$1')]),
    );
    const child = spawn(typeStrippingNode(), ['src/server.ts'], { cwd: join(imageDir, dir), env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1', ...environment, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let status: number | null = 1;
      for (let attempt = 0; attempt < 40 && status !== 0 && child.exitCode === null; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        status = runHealthcheck(port);
      }
      expect(status, `el HEALTHCHECK de la imagen no pasó contra ${dir}:\n${output}`).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
    // compose's stop_grace_period is 15 s; node (behind tini, `init: true`) must end well before.
    const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 5000))]);
    expect(code, `${dir} no terminó tras SIGTERM`).not.toBe('timeout');
  });
});

/** kind → the kubernetes-models class whose validate() runs the Kubernetes OpenAPI schema. */
const MODELS = { Deployment, Service, ConfigMap, Secret } as const;
type Manifest = { apiVersion: string; kind: keyof typeof MODELS; metadata: { name: string }; [key: string]: unknown };

function manifests(): { file: string; manifest: Manifest }[] {
  return readdirSync(join(DEPLOY_DIR, 'kubernetes')).flatMap((file) => parseAllDocuments(read(`kubernetes/${file}`)).map((document) => ({ file, manifest: document.toJS() as Manifest })));
}

function validateManifest(manifest: Manifest): void {
  const Model = MODELS[manifest.kind] as unknown as new (data: unknown) => { validate(): void };
  if (!Model) throw new Error(`kind desconocido: ${manifest.kind}`);
  new Model(manifest).validate();
}

/**
 * The generated validators accept fields the API does not define (the API server drops them, or
 * refuses them with strict field validation): the models' TypeScript interfaces catch those, as an
 * object literal with an unknown property is a type error.
 */
function unknownFieldErrors(list: Manifest[]): string[] {
  const types = { Deployment: ['IDeployment', 'kubernetes-models/apps/v1/Deployment'], Service: ['IService', 'kubernetes-models/v1/Service'], ConfigMap: ['IConfigMap', 'kubernetes-models/v1/ConfigMap'], Secret: ['ISecret', 'kubernetes-models/v1/Secret'] } as const;
  const imports = Object.values(types).map(([name, from]) => `import type { ${name} } from '${from}';`).join('\n');
  const body = list.map((manifest, index) => `export const m${index}: ${types[manifest.kind][0]} = ${JSON.stringify(manifest, null, 1)};`).join('\n');
  const file = join(DEPLOY_DIR, '..', 'sandboxes', '.labs', `k8s-${process.pid}-${Math.random().toString(36).slice(2)}.ts`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${imports}\n${body}\n`);
  try {
    const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
  } finally {
    rmSync(file, { force: true });
  }
}

describe('deploy/kubernetes against the Kubernetes OpenAPI schemas (kubernetes-models)', () => {
  it('every manifest validates', () => {
    const all = manifests();
    expect(all.length).toBeGreaterThan(3);
    for (const { file, manifest } of all) expect(() => validateManifest(manifest), `${file}: ${manifest.kind} ${manifest.metadata.name}`).not.toThrow();
  });

  it('no manifest has a field the Kubernetes API does not define (the models\' TypeScript types)', () => {
    expect(unknownFieldErrors(manifests().map(({ manifest }) => manifest))).toEqual([]);
    const deployment = structuredClone(manifests().find(({ manifest }) => manifest.kind === 'Deployment')!.manifest) as Manifest & { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const container = deployment.spec.template.spec.containers[0]!;
    container.livenesProbe = container.livenessProbe;
    delete container.livenessProbe;
    expect(unknownFieldErrors([deployment]).join('\n')).toMatch(/livenesProbe/);
  }, 60_000);

  it('a wrong type or a missing required field fails', () => {
    const deployment = manifests().find(({ manifest }) => manifest.kind === 'Deployment')!.manifest as Manifest & { spec: Record<string, unknown> };
    expect(() => validateManifest({ ...deployment, spec: { ...deployment.spec, replicas: '3' } })).toThrow(/replicas must be integer/);
    const { selector: _selector, ...withoutSelector } = deployment.spec;
    expect(() => validateManifest({ ...deployment, spec: withoutSelector })).toThrow(/selector/);
  });

  it('no credential of the lab (JWT_SECRET…) is a value in compose.yaml or a ConfigMap: compose asks for it, pods read the Secret', () => {
    const credentials = system.instances.flatMap((instance) => Object.keys(instance.env).filter(isSecretKey).map((key) => ({ instance, key })));
    expect(credentials.length, 'the current system has no credential in its env: this test proves nothing').toBeGreaterThan(0);
    const compose = parse(read('compose.yaml')) as { services: Record<string, { environment?: Record<string, string> }> };
    const configMaps = manifests().map(({ manifest }) => manifest as Manifest & { data?: Record<string, string> }).filter((manifest) => manifest.kind === 'ConfigMap');
    for (const { instance, key } of credentials) {
      expect(compose.services[instance.name]?.environment?.[key], `compose.yaml → ${instance.name}.${key}`).toMatch(new RegExp(`^\\$\\{${key}:\\?`));
      for (const configMap of configMaps) expect(Object.keys(configMap.data ?? {}), `ConfigMap ${configMap.metadata.name}`).not.toContain(key);
      expect(JSON.stringify(configMaps)).not.toContain(instance.env[key]!);
    }
  });

  it('every app Deployment: probes, resources, non-root, read-only root, and its Service, ConfigMap and Secret keys exist', () => {
    const all = manifests().map(({ manifest }) => manifest) as Array<Manifest & { spec?: any; data?: Record<string, string>; stringData?: Record<string, string> }>;
    const find = (kind: string, name: string) => all.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
    const secret = find('Secret', 'foodly-infra');
    for (const service of new Set(system.instances.map((instance) => instance.service))) {
      const deployment = find('Deployment', service);
      expect(deployment, `Deployment ${service}`).toBeDefined();
      const pod = deployment!.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      const container = pod.containers[0];
      expect(container.readinessProbe?.httpGet?.path).toBe('/ping');
      expect(container.livenessProbe?.httpGet?.path).toBe('/ping');
      expect(container.resources?.requests?.memory && container.resources?.limits?.memory, `${service}: requests y limits de memoria`).toBeTruthy();
      expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      const serviceManifest = find('Service', service);
      expect(serviceManifest?.spec.selector).toEqual(deployment!.spec.selector.matchLabels);
      expect(container.ports.map((port: { name: string }) => port.name)).toContain(serviceManifest!.spec.ports[0].targetPort);
      for (const source of container.envFrom ?? []) expect(find('ConfigMap', source.configMapRef.name), source.configMapRef.name).toBeDefined();
      for (const variable of container.env ?? []) {
        const key = variable.valueFrom?.secretKeyRef?.key;
        if (key) expect(Object.keys(secret!.stringData ?? {}), `${service}: ${variable.name}`).toContain(key);
      }
    }
  });
});

async function workflowErrors(content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name: 'foodly.yml', content }, new NoOperationTraceWriter());
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((error) => error.message);
}

describe('deploy/github/workflows/foodly.yml with GitHub\'s workflow parser', () => {
  const content = read('github/workflows/foodly.yml');

  it('parses with no errors against GitHub\'s workflow schema', async () => {
    expect(await workflowErrors(content)).toEqual([]);
  });

  it('a misspelt key or a missing runs-on fails', async () => {
    expect((await workflowErrors(content.replace('    runs-on: ubuntu-latest\n    timeout-minutes: 15', '    runs_on: ubuntu-latest\n    timeout-minutes: 15'))).join('\n')).toMatch(/runs_on|runs-on/);
    expect((await workflowErrors(content.replace('cancel-in-progress: true', 'cancel-in-progress: siempre'))).length).toBeGreaterThan(0);
  });

  it('tests, builds one image per service with layer caching, pushes to GHCR only on push', () => {
    const workflow = parse(content) as { jobs: Record<string, { needs?: string; permissions?: Record<string, string>; strategy?: { matrix: { service: string[] } }; steps: { uses?: string; run?: string; with?: Record<string, string> }[] }> };
    expect(workflow.jobs.test!.steps.map((step) => step.run).filter(Boolean)).toEqual(['npm ci', 'npm test']);
    expect(workflow.jobs.test!.steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with).toMatchObject({ 'node-version': 24, cache: 'npm' });
    const image = workflow.jobs.image!;
    expect(image.needs).toBe('test');
    expect(image.permissions).toMatchObject({ packages: 'write' });
    expect([...image.strategy!.matrix.service].sort()).toEqual([...new Set(system.instances.map((instance) => instance.dir))].sort());
    const build = image.steps.find((step) => step.uses?.startsWith('docker/build-push-action'))!.with!;
    expect(build['cache-from']).toMatch(/^type=gha/);
    expect(build['cache-to']).toMatch(/^type=gha,mode=max/);
    expect(build.push).toBe("${{ github.event_name == 'push' }}");
  });
});

describe('with Docker (only where it is installed)', () => {
  const docker = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  const hasDocker = docker.status === 0;
  const reason = hasDocker ? '' : 'Docker no está instalado en esta máquina: `docker compose config` y `docker build` se prueban donde lo esté';

  it.skipIf(!hasDocker)(`docker compose config accepts deploy/compose.yaml${reason ? ` (omitido: ${reason})` : ''}`, () => {
    const result = spawnSync('docker', ['compose', '-f', join(DEPLOY_DIR, 'compose.yaml'), 'config', '--quiet'], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
  });

  it.skipIf(!hasDocker || process.env.DEPLOY_BUILD_IMAGES !== '1')('docker build of each service image (DEPLOY_BUILD_IMAGES=1)', async () => {
    const context = join(DEPLOY_DIR, 'app');
    await mkdir(context, { recursive: true });
    const run = spawnSync('node', [join(DEPLOY_DIR, 'app.ts')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    for (const dir of new Set(system.instances.map((instance) => instance.dir))) {
      const result = spawnSync('docker', ['build', '--build-arg', `SERVICE=${dir}`, '-t', `foodly-${dir}:test`, context], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
    }
  }, 600_000);
});

describe('lab 28: the learner\'s artefacts, judged by the same definitions', () => {
  it('its solution passes ajv and the repository\'s Dockerfile rules; its start fails both', async () => {
    const lab = await loadLab('lab-28-contenedores');
    expect(validateCompose(parse(lab.solution['compose.yaml']!)), JSON.stringify(validateCompose.errors?.slice(0, 2))).toBe(true);
    expect(validateCompose(parse(lab.start['compose.yaml']!))).toBe(false);
    expect(dockerfileViolations(lab.solution['Dockerfile']!)).toEqual([]);
    expect(dockerfileViolations(lab.start['Dockerfile']!).length).toBeGreaterThan(3);
    expect(await workflowErrors(lab.solution['.github/workflows/ci.yml']!)).toEqual([]);
    expect(await workflowErrors(lab.start['.github/workflows/ci.yml']!)).not.toEqual([]);
  });
});

describe('the generator for systems with RabbitMQ and PostgreSQL (the labs still to come)', () => {
  it('writes a valid compose.yaml and valid manifests for lab 14 plus a database of orders', async () => {
    const base = await loadFoodlySystem('lab-14-consumidor-idempotente');
    const infrastructure = { ...base.infrastructure, postgres: { databases: { orders: 'orders' } } };
    const withDatabase: FoodlySystem = {
      ...base,
      infrastructure,
      kinds: [...base.kinds, 'postgres'],
      databaseOf: (service) => (service === 'orders' ? 'orders' : undefined),
      instances: base.instances.map((instance) => (instance.service === 'orders' ? { ...instance, reads: new Set([...instance.reads, 'DATABASE_URL']) } : instance)),
    };
    const files = generatedFiles(withDatabase);
    const compose = parse(files.get('compose.yaml')!) as Compose;
    expect(validateCompose(compose), JSON.stringify(validateCompose.errors?.slice(0, 3))).toBe(true);
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['rabbitmq', 'postgres', 'orders', 'notifications']));
    expect(compose.services.orders!.environment).toMatchObject({ DATABASE_URL: expect.stringMatching(/@postgres:5432\/orders$/), AMQP_URL: expect.stringMatching(/@rabbitmq:5672$/) });
    expect(compose.services.orders!.depends_on).toMatchObject({ rabbitmq: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
    expect(files.get('postgres/init.sql')).toContain('CREATE DATABASE "orders";');
    const generated = [...files].filter(([path]) => path.startsWith('kubernetes/')).flatMap(([, text]) => parseAllDocuments(text).map((document) => document.toJS() as Manifest));
    for (const manifest of generated) expect(() => validateManifest(manifest), `${manifest.kind} ${manifest.metadata.name}`).not.toThrow();
    expect(unknownFieldErrors(generated)).toEqual([]);
  }, 120_000);
});
