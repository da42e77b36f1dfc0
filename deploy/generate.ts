// `npm run deploy:generate [-- <lab-id>]`: writes deploy/compose.yaml and deploy/kubernetes/*.yaml
// for the Foodly system of the current lab (deploy/system.ts). Generated, not hand-kept: when a lab
// adds a service, an env var or a server, run it again; tests/deploy.test.ts fails until then.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document } from 'yaml';
import { DEPLOY_DIR, loadFoodlySystem, type AppInstance, type FoodlySystem } from './system.ts';
import { infrastructureEnv, type InfrastructureAddresses } from '../src/sandbox/contract/infrastructure.ts';

/** Image each infrastructure server runs; the same majors as the root compose.yaml the tests use. */
export const INFRA_IMAGES = { postgres: 'postgres:16-alpine', redis: 'redis:7-alpine', rabbitmq: 'rabbitmq:3-management-alpine' } as const;

/** Where a registry would hold the images the workflow pushes (the learner's GHCR namespace). */
export const IMAGE_PREFIX = 'ghcr.io/tu-usuario/foodly';

const header = (lines: string[]) => lines.map((line) => ` ${line}`).join('\n');

/** Addresses as seen from inside the compose network or the cluster: servers by their service name. */
function addressesFor(credentials: 'compose' | 'kubernetes'): InfrastructureAddresses {
  const postgresPassword = credentials === 'compose' ? '${POSTGRES_PASSWORD:-foodly}' : 'cambia-esta-clave';
  const rabbitPassword = credentials === 'compose' ? '${RABBITMQ_PASSWORD:-foodly}' : 'cambia-esta-clave';
  return {
    amqpUrl: `amqp://foodly:${rabbitPassword}@rabbitmq:5672`,
    kafkaBrokers: 'kafka:9092',
    redisUrl: 'redis://redis:6379',
    databaseUrl: (database) => `postgres://foodly:${postgresPassword}@postgres:5432/${database}`,
  };
}

/** `http://localhost:3112` → `http://products-2:3112` (compose) or `http://products:3102` (Kubernetes Service). */
function rewriteLocalhost(value: string, system: FoodlySystem, target: 'compose' | 'kubernetes'): string {
  return value.replace(/\b(https?|wss?):\/\/localhost:(\d+)/g, (match, scheme: string, port: string) => {
    const instance = system.instances.find((candidate) => candidate.port === Number(port));
    if (!instance) return match;
    if (target === 'compose') return `${scheme}://${instance.name}:${instance.port}`;
    const first = system.instances.find((candidate) => candidate.service === instance.service)!;
    return `${scheme}://${instance.service}:${first.port}`;
  });
}

/** A value that lists every replica's URL becomes one URL in Kubernetes: the Service balances them. */
function dedupeList(value: string): string {
  return value.includes(',') ? [...new Set(value.split(',').map((item) => item.trim()))].join(',') : value;
}

/** The servers' env vars (REDIS_URL…) this instance's config.ts reads: least privilege. */
function serverEnv(system: FoodlySystem, instance: AppInstance, addresses: InfrastructureAddresses): Record<string, string> {
  return Object.fromEntries(Object.entries(infrastructureEnv(system.infrastructure, instance.service, addresses)).filter(([key]) => instance.reads.has(key)));
}

/** An app setting that is a credential (JWT_SECRET…): never a value in a committed file or a ConfigMap. */
export const isSecretKey = (key: string) => /(SECRET|PASSWORD|TOKEN|API_?KEY|PRIVATE_KEY)$/.test(key);
/** What the committed Secret holds for an app credential until someone replaces it. */
const SECRET_PLACEHOLDER = 'cambia-este-secreto-por-uno-de-32-caracteres-o-mas';

function appEnv(system: FoodlySystem, instance: AppInstance, target: 'compose' | 'kubernetes'): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(instance.env)) {
    if (target === 'kubernetes' && key === 'REPLICA_ID') continue; // the pod's name, from the downward API
    // The lab's value of a credential is for the sandbox: compose asks for one, Kubernetes reads its Secret.
    if (isSecretKey(key)) {
      if (target === 'compose') env[key] = `\${${key}:?define ${key} antes de arrancar: lee deploy/README.md}`;
      continue;
    }
    env[key] = target === 'kubernetes' ? dedupeList(rewriteLocalhost(value, system, target)) : rewriteLocalhost(value, system, target);
  }
  env.PORT = String(target === 'kubernetes' ? system.instances.find((candidate) => candidate.service === instance.service)!.port : instance.port);
  env.NODE_ENV = 'production';
  return env;
}

function infraHealthcheck(kind: 'postgres' | 'redis' | 'rabbitmq') {
  if (kind === 'postgres') return { test: ['CMD', 'pg_isready', '-U', 'foodly', '-d', 'postgres'], interval: '5s', timeout: '3s', retries: 10, start_period: '10s' };
  if (kind === 'redis') return { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '3s', retries: 10 };
  return { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], interval: '10s', timeout: '10s', retries: 12, start_period: '20s' };
}

export function composeDocument(system: FoodlySystem): Document {
  const services: Record<string, unknown> = {};
  const volumes: Record<string, unknown> = {};
  const kinds = system.kinds.filter((kind): kind is 'postgres' | 'redis' | 'rabbitmq' => kind !== 'kafka');
  for (const kind of kinds) {
    if (kind === 'postgres') {
      services.postgres = {
        image: INFRA_IMAGES.postgres,
        environment: { POSTGRES_USER: 'foodly', POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:-foodly}', POSTGRES_DB: 'postgres' },
        volumes: ['postgres-data:/var/lib/postgresql/data', './postgres/init.sql:/docker-entrypoint-initdb.d/init.sql:ro'],
        healthcheck: infraHealthcheck(kind),
      };
      volumes['postgres-data'] = {};
    }
    if (kind === 'redis') services.redis = { image: INFRA_IMAGES.redis, command: ['redis-server', '--save', '', '--appendonly', 'no'], healthcheck: infraHealthcheck(kind) };
    if (kind === 'rabbitmq') {
      services.rabbitmq = {
        image: INFRA_IMAGES.rabbitmq,
        environment: { RABBITMQ_DEFAULT_USER: 'foodly', RABBITMQ_DEFAULT_PASS: '${RABBITMQ_PASSWORD:-foodly}' },
        ports: ['127.0.0.1:15672:15672'],
        healthcheck: infraHealthcheck(kind),
      };
    }
  }
  const addresses = addressesFor('compose');
  for (const instance of system.instances) {
    const environment = { ...serverEnv(system, instance, addresses), ...appEnv(system, instance, 'compose') };
    const dependsOn: Record<string, { condition: string }> = {};
    if (environment.REDIS_URL) dependsOn.redis = { condition: 'service_healthy' };
    if (environment.AMQP_URL) dependsOn.rabbitmq = { condition: 'service_healthy' };
    if (environment.DATABASE_URL) dependsOn.postgres = { condition: 'service_healthy' };
    // Services it calls by URL start first and must answer their healthcheck (the image's HEALTHCHECK).
    for (const other of system.instances) {
      if (other.name !== instance.name && Object.values(environment).some((value) => value.includes(`//${other.name}:${other.port}`))) dependsOn[other.name] = { condition: 'service_healthy' };
    }
    services[instance.name] = {
      build: { context: './app', args: { SERVICE: instance.dir } },
      image: `foodly-${instance.dir}:local`,
      init: true,
      environment,
      ports: [`127.0.0.1:${instance.port}:${instance.port}`],
      ...(Object.keys(dependsOn).length > 0 ? { depends_on: dependsOn } : {}),
      restart: 'unless-stopped',
      stop_grace_period: '15s',
    };
  }
  const document = new Document({ name: "foodly", services, ...(Object.keys(volumes).length > 0 ? { volumes } : {}) }, { aliasDuplicateObjects: false });
  document.commentBefore = header([
    `GENERADO por \`npm run deploy:generate\` desde la solución de ${system.labId} (${system.title}).`,
    'No lo edites a mano: cambia lab.yaml o deploy/generate.ts y vuelve a generarlo.',
    '',
    'Foodly entero con Docker Compose (lee deploy/README.md):',
    '  npm run deploy:app                         # prepara deploy/app/, el contexto de construcción',
    '  docker compose -f deploy/compose.yaml up --build --wait',
    'Cada servicio es una imagen del mismo Dockerfile (argumento SERVICE); espera a que sus servidores',
    'respondan a su healthcheck (depends_on: condition: service_healthy). Los puertos solo en 127.0.0.1.',
  ]);
  return document;
}

function configMap(name: string, data: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { 'app.kubernetes.io/part-of': 'foodly' } }, data };
}

const podSecurity = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } };
const containerSecurity = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };

function appManifests(system: FoodlySystem, service: string): unknown[] {
  const instance = system.instances.find((candidate) => candidate.service === service)!;
  const labels = { 'app.kubernetes.io/name': service, 'app.kubernetes.io/part-of': 'foodly' };
  const env = appEnv(system, instance, 'kubernetes');
  const secretKeys = [...Object.keys(serverEnv(system, instance, addressesFor('kubernetes'))), ...Object.keys(instance.env).filter(isSecretKey)];
  const probe = (path: string, extra: Record<string, number>) => ({ httpGet: { path, port: 'http' }, ...extra });
  return [
    configMap(`${service}-config`, env),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: service, labels },
      spec: {
        replicas: instance.replicas,
        selector: { matchLabels: { 'app.kubernetes.io/name': service } },
        template: {
          metadata: { labels },
          spec: {
            securityContext: podSecurity,
            terminationGracePeriodSeconds: 30,
            containers: [
              {
                name: service,
                image: `${IMAGE_PREFIX}-${instance.dir}:main`,
                ports: [{ name: 'http', containerPort: Number(env.PORT) }],
                envFrom: [{ configMapRef: { name: `${service}-config` } }],
                env: [
                  // REPLICA_ID: the pod's own name, as products-1… in compose.
                  ...(instance.replicas > 1 ? [{ name: 'REPLICA_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] : []),
                  ...secretKeys.map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: 'foodly-infra', key: `${service}-${key}` } } })),
                ],
                readinessProbe: probe('/ping', { periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2 }),
                livenessProbe: probe('/ping', { initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 }),
                resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { memory: '256Mi' } },
                securityContext: containerSecurity,
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: service, labels },
      spec: { selector: { 'app.kubernetes.io/name': service }, ports: [{ name: 'http', port: Number(env.PORT), targetPort: 'http' }] },
    },
  ];
}

function infraManifests(kind: 'postgres' | 'redis' | 'rabbitmq', system: FoodlySystem): unknown[] {
  const labels = { 'app.kubernetes.io/name': kind, 'app.kubernetes.io/part-of': 'foodly' };
  const port = { postgres: 5432, redis: 6379, rabbitmq: 5672 }[kind];
  const check = infraHealthcheck(kind).test.slice(1);
  const env =
    kind === 'postgres'
      ? [
          { name: 'POSTGRES_USER', value: 'foodly' },
          { name: 'POSTGRES_DB', value: 'postgres' },
          { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'foodly-infra', key: 'POSTGRES_PASSWORD' } } },
        ]
      : kind === 'rabbitmq'
        ? [
            { name: 'RABBITMQ_DEFAULT_USER', value: 'foodly' },
            { name: 'RABBITMQ_DEFAULT_PASS', valueFrom: { secretKeyRef: { name: 'foodly-infra', key: 'RABBITMQ_PASSWORD' } } },
          ]
        : [];
  const databases = Object.keys(system.infrastructure?.postgres?.databases ?? {});
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: kind, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': kind } },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: kind,
                image: INFRA_IMAGES[kind],
                ...(kind === 'redis' ? { args: ['--save', '', '--appendonly', 'no'] } : {}),
                ports: [{ name: 'server', containerPort: port }],
                ...(env.length > 0 ? { env } : {}),
                readinessProbe: { exec: { command: check }, periodSeconds: 5, timeoutSeconds: 5 },
                livenessProbe: { exec: { command: check }, initialDelaySeconds: 20, periodSeconds: 15, timeoutSeconds: 10 },
                resources: { requests: { cpu: '100m', memory: kind === 'rabbitmq' ? '256Mi' : '128Mi' }, limits: { memory: kind === 'rabbitmq' ? '512Mi' : '256Mi' } },
                ...(kind === 'postgres' ? { volumeMounts: [{ name: 'init', mountPath: '/docker-entrypoint-initdb.d', readOnly: true }] } : {}),
              },
            ],
            ...(kind === 'postgres' ? { volumes: [{ name: 'init', configMap: { name: 'postgres-init' } }] } : {}),
          },
        },
      },
    },
    ...(kind === 'postgres' ? [configMap('postgres-init', { 'init.sql': initSql(databases) })] : []),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: kind, labels }, spec: { selector: { 'app.kubernetes.io/name': kind }, ports: [{ name: 'server', port, targetPort: 'server' }] } },
  ];
}

function initSql(databases: string[]): string {
  return databases.map((database) => `CREATE DATABASE "${database}";`).join('\n') + '\n';
}

function secretManifest(system: FoodlySystem) {
  const addresses = addressesFor('kubernetes');
  const stringData: Record<string, string> = {};
  for (const instance of system.instances.filter((candidate) => candidate.replica === 1)) {
    for (const [key, value] of Object.entries(serverEnv(system, instance, addresses))) stringData[`${instance.service}-${key}`] = value;
    for (const key of Object.keys(instance.env).filter(isSecretKey)) stringData[`${instance.service}-${key}`] = SECRET_PLACEHOLDER;
  }
  if (system.kinds.includes('postgres')) stringData.POSTGRES_PASSWORD = 'cambia-esta-clave';
  if (system.kinds.includes('rabbitmq')) stringData.RABBITMQ_PASSWORD = 'cambia-esta-clave';
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'foodly-infra', labels: { 'app.kubernetes.io/part-of': 'foodly' } }, type: 'Opaque', stringData };
}

/** File name → manifests (several documents in one file, separated by `---`). */
export function kubernetesFiles(system: FoodlySystem): Map<string, unknown[]> {
  const files = new Map<string, unknown[]>();
  files.set('00-secret.yaml', [secretManifest(system)]);
  for (const kind of system.kinds) if (kind !== 'kafka') files.set(`10-${kind}.yaml`, infraManifests(kind, system));
  for (const service of [...new Set(system.instances.map((instance) => instance.service))]) files.set(`20-${service}.yaml`, appManifests(system, service));
  return files;
}

function yamlStream(documents: unknown[], comment: string[]): string {
  return documents
    .map((manifest, index) => {
      const document = new Document(manifest, { aliasDuplicateObjects: false });
      if (index === 0) document.commentBefore = header(comment);
      return document.toString({ lineWidth: 0 });
    })
    .join('---\n');
}

/** Every generated file: path under deploy/ → content. */
export function generatedFiles(system: FoodlySystem): Map<string, string> {
  const files = new Map<string, string>();
  files.set('compose.yaml', composeDocument(system).toString({ lineWidth: 0 }));
  if (system.kinds.includes('postgres')) files.set('postgres/init.sql', `-- GENERADO por npm run deploy:generate: una base de datos por servicio.\n${initSql(Object.keys(system.infrastructure?.postgres?.databases ?? {}))}`);
  for (const [name, manifests] of kubernetesFiles(system)) {
    files.set(`kubernetes/${name}`, yamlStream(manifests, [`GENERADO por \`npm run deploy:generate\` desde ${system.labId}. No lo edites a mano.`, 'kubectl apply -f deploy/kubernetes/   (lee deploy/README.md)']));
  }
  return files;
}

if (import.meta.main) {
  const system = await loadFoodlySystem(process.argv[2]);
  const files = generatedFiles(system);
  await rm(join(DEPLOY_DIR, 'kubernetes'), { recursive: true, force: true });
  await rm(join(DEPLOY_DIR, 'postgres'), { recursive: true, force: true });
  for (const [path, content] of files) {
    await mkdir(join(DEPLOY_DIR, path, '..'), { recursive: true });
    await writeFile(join(DEPLOY_DIR, path), content);
  }
  console.log(`deploy: ${files.size} ficheros para ${system.labId} (${system.instances.map((instance) => instance.name).join(', ')})`);
  console.log(`        kubernetes/: ${(await readdir(join(DEPLOY_DIR, 'kubernetes'))).join(', ')}`);
}
