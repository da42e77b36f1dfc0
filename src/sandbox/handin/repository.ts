// The hand-in ("entrega en repositorio", issue 19): the reader's lab files become a repository that
// runs on its own machine and in GitHub Actions. What the lab tree already is (package.json with the
// services' start scripts and dependencies, each service's src/ and tests) stays as the reader wrote
// it; this adds only what a repository needs around it: a README generated from the services, a
// .gitignore, a Dockerfile and compose.yaml for the lab's services and servers, a CI workflow, a
// start-up test that runs each service as a real process, and a manifest the import reads back.
// A file the reader already has (their own README, compose.yaml…) is never replaced.
// Platform-neutral: runs in the page (download) and in Node (tests).
import type { FileTree, InfrastructureSpec, ServiceSpec } from '../contract/index.ts';
import { expandReplicas, type ServiceInstance } from '../contract/replicas.ts';

export interface HandinLab {
  id: string;
  title: string;
  services: ServiceSpec[];
  infrastructure?: InfrastructureSpec;
}

/** `.foodly/entrega.json`: which lab a repository comes from, and the files the download generated. */
export interface HandinManifest {
  format: 1;
  lab: string;
  title: string;
  exportedAt: string;
  /** Generated path → SHA-256 (hex) of what was generated: an import drops those still unchanged. */
  generated: Record<string, string>;
}

export const MANIFEST_PATH = '.foodly/entrega.json';
export const STARTUP_TEST_PATH = 'test/arranque.test.ts';

/** Where each server is inside compose.yaml and the CI job, by the env var every service reads. */
const SERVERS = {
  redis: { env: 'REDIS_URL', compose: 'redis://redis:6379', local: 'redis://localhost:6379' },
  rabbitmq: { env: 'AMQP_URL', compose: 'amqp://guest:guest@rabbitmq:5672', local: 'amqp://guest:guest@localhost:5672' },
  kafka: { env: 'KAFKA_BROKERS', compose: 'kafka:9092', local: 'localhost:9092' },
} as const;

type ServerKind = keyof typeof SERVERS;

const serversOf = (infrastructure: InfrastructureSpec | undefined): ServerKind[] =>
  (['redis', 'rabbitmq', 'kafka'] as const).filter((kind) => infrastructure?.[kind] === true);

/** Database name owned by each service (lab.yaml `infrastructure.postgres.databases`). */
function databasesByService(infrastructure: InfrastructureSpec | undefined): Map<string, string> {
  const owned = new Map<string, string>();
  for (const [database, owner] of Object.entries(infrastructure?.postgres?.databases ?? {})) owned.set(owner, database);
  return owned;
}

/** `http://localhost:3112` in an env value → the compose host of whichever instance listens on 3112. */
function rewriteLocalhost(value: string, hostByPort: Map<number, string>): string {
  return value.replace(/\b(?:localhost|127\.0\.0\.1):(\d{2,5})\b/g, (match, port: string) => {
    const host = hostByPort.get(Number(port));
    return host ? `${host}:${port}` : match;
  });
}

const yamlString = (value: string) => JSON.stringify(value);

function readScripts(tree: FileTree): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(tree['package.json'] ?? '{}');
    const scripts = (parsed as { scripts?: unknown }).scripts;
    return scripts && typeof scripts === 'object' ? (scripts as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function startCommand(service: ServiceSpec, scripts: Record<string, string>): string {
  return scripts[`start:${service.name}`] ? `npm run start:${service.name}` : `node ${service.dir}/src/server.ts`;
}

function readme(lab: HandinLab, tree: FileTree, exportedAt: Date): string {
  const scripts = readScripts(tree);
  const servers = serversOf(lab.infrastructure);
  const databases = databasesByService(lab.infrastructure);
  const rows = lab.services.map((service) => {
    const replicas = (service.replicas ?? 1) > 1 ? ` (${service.replicas} réplicas)` : '';
    return `| ${service.name}${replicas} | \`${service.dir}/\` | ${service.port} | \`PORT=${service.port} ${startCommand(service, scripts)}\` |`;
  });
  const envLines = lab.services
    .filter((service) => Object.keys(service.env).length > 0 || databases.has(service.name))
    .map((service) => {
      const vars = Object.entries(service.env).map(([key, value]) => `\`${key}=${value}\``);
      const database = databases.get(service.name);
      if (database) vars.push(`\`DATABASE_URL=postgres://postgres@localhost:5432/${database}\``);
      return `- **${service.name}**: ${vars.join(', ')}`;
    });
  const serverLines = [
    ...servers.map((kind) => `- ${{ redis: 'Redis', rabbitmq: 'RabbitMQ', kafka: 'Kafka' }[kind]}: \`${SERVERS[kind].env}\` (por defecto \`${SERVERS[kind].local}\`)`),
    ...(databases.size > 0 ? [`- PostgreSQL: una base de datos por servicio (${[...databases].map(([service, db]) => `\`${db}\` de ${service}`).join(', ')}), en \`DATABASE_URL\``] : []),
  ];
  const infraUp = [...servers, ...(databases.size > 0 ? ['postgres'] : [])];
  const testFiles = Object.keys(tree).filter((path) => /\.(test|spec)\.ts$/.test(path)).sort();
  return [
    `# Foodly: ${lab.title}`,
    '',
    `Repositorio generado desde el laboratorio «${lab.title}» (\`${lab.id}\`) del curso de microservicios con Hono, el ${exportedAt.toISOString().slice(0, 10)}.`,
    'El código es el tuyo tal como estaba en el navegador; lo que rodea al código (este README, `Dockerfile`, `compose.yaml`, el flujo de CI y `test/arranque.test.ts`) lo generó la descarga y puedes cambiarlo.',
    '',
    '## Servicios',
    '',
    '| Servicio | Carpeta | Puerto | Arranque |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    ...(envLines.length > 0 ? ['Variables de entorno del laboratorio:', '', ...envLines, ''] : []),
    ...(serverLines.length > 0 ? ['## Infraestructura', '', ...serverLines, ''] : []),
    '## Ponerlo en marcha',
    '',
    '1. Node.js 24 o posterior (`node --version`): los servicios son TypeScript que Node ejecuta sin compilar.',
    '2. `npm install`, y sube `package-lock.json` al repositorio: el flujo de CI usa `npm ci`, que lo necesita.',
    ...(infraUp.length > 0 ? [`3. Los servidores, con Docker: \`docker compose up -d ${infraUp.join(' ')}\`.`] : []),
    `${infraUp.length > 0 ? 4 : 3}. Cada servicio en su terminal, con la orden de la tabla; o todo el sistema en contenedores: \`docker compose up --build\`.`,
    '',
    '## Pruebas',
    '',
    '`npm test` ejecuta Vitest: ',
    ...(testFiles.length > 0 ? testFiles.map((path) => `- \`${path}\``) : ['- `test/arranque.test.ts`']),
    '',
    '`test/arranque.test.ts` arranca cada servicio como un proceso real de Node (en puertos libres) y comprueba que publica `/openapi.json`: un servicio que no arranca rompe la CI antes de desplegarlo.',
    ...(infraUp.length > 0 ? ['Necesita los servidores de arriba en marcha (en GitHub Actions los levanta el propio flujo).'] : []),
    '',
    '## Entrega',
    '',
    '- `.github/workflows/ci.yml`: pruebas en cada push y pull request; en `main`, una imagen por servicio en GitHub Container Registry.',
    '- `.foodly/entrega.json`: de qué laboratorio viene. Para seguir en otro equipo: abre la lección del laboratorio, «Modo laboratorio» → «Importar repositorio» y elige el `.zip` (o uno que descargues de GitHub).',
    '',
  ].join('\n');
}

const GITIGNORE = ['node_modules/', 'dist/', 'coverage/', '.env', '.env.*', '*.log', '.DS_Store', ''].join('\n');

const DOCKERIGNORE = ['node_modules', '.git', '.github', 'coverage', 'dist', '*.log', '.env', '.env.*', ''].join('\n');

const DOCKERFILE = `# syntax=docker/dockerfile:1
# Una imagen por servicio a partir de este mismo archivo: docker build --build-arg SERVICE_DIR=orders-service .
# Etapa 1: dependencias de producción (sin Vitest ni tipos).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json* ./
RUN if [ -f package-lock.json ]; then npm ci --omit=dev --no-audit --no-fund; else npm install --omit=dev --no-audit --no-fund; fi

# Etapa 2: solo lo que el servicio necesita para correr, como usuario sin privilegios.
FROM node:24-bookworm-slim
ARG SERVICE_DIR
ENV NODE_ENV=production \\
    SERVICE_DIR=\${SERVICE_DIR} \\
    PORT=3000
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json ./
COPY --chown=node:node \${SERVICE_DIR}/ ./\${SERVICE_DIR}/
USER node
EXPOSE 3000
# Sano = responde en su puerto; /openapi.json no depende de la base de datos ni del broker.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \\
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/openapi.json').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"
# exec: node es el PID 1 y recibe el SIGTERM de docker stop.
CMD ["sh", "-c", "exec node \\"$SERVICE_DIR/src/server.ts\\""]
`;

function composeFile(lab: HandinLab): string {
  const instances = expandReplicas(lab.services);
  const hostByPort = new Map(instances.map((instance) => [instance.port, instance.name]));
  const servers = serversOf(lab.infrastructure);
  const databases = databasesByService(lab.infrastructure);
  const usesPostgres = databases.size > 0;
  const lines = ['# Todo el laboratorio en contenedores: docker compose up --build', 'name: foodly', '', 'services:'];
  for (const instance of instances) {
    const env: Record<string, string> = { PORT: String(instance.port) };
    for (const [key, value] of Object.entries(instance.env)) env[key] = rewriteLocalhost(value, hostByPort);
    for (const kind of servers) env[SERVERS[kind].env] = SERVERS[kind].compose;
    const database = databases.get(instance.service);
    if (database) env.DATABASE_URL = `postgres://postgres:foodly@postgres:5432/${database}`;
    const dependsOn = [...servers, ...(database ? ['postgres'] : [])];
    lines.push(
      `  ${instance.name}:`,
      '    build:',
      '      context: .',
      '      args:',
      `        SERVICE_DIR: ${yamlString(instance.dir)}`,
      '    environment:',
      ...Object.entries(env).map(([key, value]) => `      ${key}: ${yamlString(value)}`),
      '    ports:',
      `      - ${yamlString(`${instance.port}:${instance.port}`)}`,
      ...(dependsOn.length > 0 ? ['    depends_on:', ...dependsOn.flatMap((name) => [`      ${name}:`, '        condition: service_healthy'])] : []),
      '    restart: unless-stopped',
    );
  }
  if (servers.includes('redis')) {
    lines.push('  redis:', '    image: redis:7-alpine', '    healthcheck:', '      test: ["CMD", "redis-cli", "ping"]', '      interval: 5s', '      timeout: 3s', '      retries: 10');
  }
  if (servers.includes('rabbitmq')) {
    lines.push(
      '  rabbitmq:',
      '    image: rabbitmq:4-management-alpine',
      '    ports:',
      '      - "15672:15672" # consola de administración, guest/guest',
      '    healthcheck:',
      '      test: ["CMD", "rabbitmq-diagnostics", "-q", "ping"]',
      '      interval: 10s',
      '      timeout: 5s',
      '      retries: 10',
    );
  }
  if (servers.includes('kafka')) {
    lines.push(
      '  kafka:',
      '    image: apache/kafka:3.9.1 # KRaft, un solo nodo: suficiente para desarrollo',
      '    environment:',
      '      KAFKA_NODE_ID: "1"',
      '      KAFKA_PROCESS_ROLES: "broker,controller"',
      '      KAFKA_LISTENERS: "PLAINTEXT://:9092,CONTROLLER://:9093"',
      '      KAFKA_ADVERTISED_LISTENERS: "PLAINTEXT://kafka:9092"',
      '      KAFKA_CONTROLLER_LISTENER_NAMES: "CONTROLLER"',
      '      KAFKA_CONTROLLER_QUORUM_VOTERS: "1@kafka:9093"',
      '      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: "1"',
      '    healthcheck:',
      '      test: ["CMD-SHELL", "/opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 --list"]',
      '      interval: 10s',
      '      timeout: 10s',
      '      retries: 10',
    );
  }
  if (usesPostgres) {
    lines.push(
      '  postgres:',
      '    image: postgres:17-alpine',
      '    environment:',
      '      POSTGRES_PASSWORD: "foodly" # solo para desarrollo: en producción, un secreto',
      '    volumes:',
      '      - ./infra/postgres-init.sql:/docker-entrypoint-initdb.d/init.sql:ro',
      '      - postgres-data:/var/lib/postgresql/data',
      '    healthcheck:',
      '      test: ["CMD", "pg_isready", "-U", "postgres"]',
      '      interval: 5s',
      '      timeout: 3s',
      '      retries: 10',
      '',
      'volumes:',
      '  postgres-data:',
    );
  }
  lines.push('');
  return lines.join('\n');
}

/** One `CREATE DATABASE` per database the lab declares (database per service). */
function postgresInit(lab: HandinLab): string {
  const names = Object.keys(lab.infrastructure?.postgres?.databases ?? {}).sort();
  return ['-- Una base de datos por servicio; el contenedor de PostgreSQL lo ejecuta la primera vez que arranca.', ...names.map((name) => `CREATE DATABASE ${name};`), ''].join('\n');
}

function workflow(lab: HandinLab): string {
  const servers = serversOf(lab.infrastructure);
  const databases = databasesByService(lab.infrastructure);
  const services: string[] = [];
  const env: string[] = [];
  if (servers.includes('redis')) {
    services.push('      redis:', '        image: redis:7-alpine', '        ports: ["6379:6379"]', '        options: >-', '          --health-cmd "redis-cli ping" --health-interval 5s --health-timeout 3s --health-retries 10');
    env.push(`      REDIS_URL: ${SERVERS.redis.local}`);
  }
  if (servers.includes('rabbitmq')) {
    services.push('      rabbitmq:', '        image: rabbitmq:4-alpine', '        ports: ["5672:5672"]', '        options: >-', '          --health-cmd "rabbitmq-diagnostics -q ping" --health-interval 10s --health-timeout 5s --health-retries 10');
    env.push(`      AMQP_URL: ${SERVERS.rabbitmq.local}`);
  }
  if (servers.includes('kafka')) {
    services.push(
      '      kafka:',
      '        image: apache/kafka:3.9.1',
      '        ports: ["9092:9092"]',
      '        env:',
      '          KAFKA_NODE_ID: "1"',
      '          KAFKA_PROCESS_ROLES: broker,controller',
      '          KAFKA_LISTENERS: PLAINTEXT://:9092,CONTROLLER://:9093',
      '          KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://localhost:9092',
      '          KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER',
      '          KAFKA_CONTROLLER_QUORUM_VOTERS: 1@localhost:9093',
      '          KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: "1"',
    );
    env.push(`      KAFKA_BROKERS: ${SERVERS.kafka.local}`);
  }
  if (databases.size > 0) {
    services.push(
      '      postgres:',
      '        image: postgres:17-alpine',
      '        env:',
      '          POSTGRES_PASSWORD: foodly',
      '        ports: ["5432:5432"]',
      '        options: >-',
      '          --health-cmd "pg_isready -U postgres" --health-interval 5s --health-timeout 3s --health-retries 10',
    );
    env.push('      DATABASE_URL: postgres://postgres:foodly@localhost:5432/postgres');
  }
  const imageMatrix = lab.services.map((service) => `          - { name: ${service.name}, dir: ${service.dir} }`);
  return [
    '# Pruebas en cada push y pull request; en main, una imagen por servicio en GitHub Container Registry.',
    'name: CI',
    '',
    'on:',
    '  push:',
    '    branches: [main]',
    '  pull_request:',
    '',
    'permissions:',
    '  contents: read',
    '',
    'concurrency:',
    '  group: ci-${{ github.ref }}',
    '  cancel-in-progress: true',
    '',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 15',
    ...(services.length > 0 ? ['    services:', ...services] : []),
    ...(env.length > 0 ? ['    env:', ...env] : []),
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 24',
    '          cache: npm',
    '      - run: npm ci',
    '      - run: npm test',
    '',
    '  image:',
    '    needs: test',
    "    if: github.event_name == 'push'",
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      contents: read',
    '      packages: write',
    '    strategy:',
    '      matrix:',
    '        service:',
    ...imageMatrix,
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      # GHCR solo acepta nombres en minúsculas, y github.repository puede tener mayúsculas.',
    '      - run: echo "IMAGE=ghcr.io/${GITHUB_REPOSITORY,,}/${{ matrix.service.name }}" >> "$GITHUB_ENV"',
    '      - uses: docker/setup-buildx-action@v3',
    '      - uses: docker/login-action@v3',
    '        with:',
    '          registry: ghcr.io',
    '          username: ${{ github.actor }}',
    '          password: ${{ secrets.GITHUB_TOKEN }}',
    '      - uses: docker/build-push-action@v6',
    '        with:',
    '          context: .',
    '          build-args: SERVICE_DIR=${{ matrix.service.dir }}',
    '          push: true',
    '          tags: ${{ env.IMAGE }}:${{ github.sha }},${{ env.IMAGE }}:latest',
    '          cache-from: type=gha,scope=${{ matrix.service.name }}',
    '          cache-to: type=gha,mode=max,scope=${{ matrix.service.name }}',
    '',
  ].join('\n');
}

/** The instances the start-up test runs, with what each needs (servers by env var; its database). */
function startupPlan(lab: HandinLab) {
  const databases = databasesByService(lab.infrastructure);
  return expandReplicas(lab.services).map((instance: ServiceInstance) => ({
    name: instance.name,
    dir: instance.dir,
    port: instance.port,
    env: instance.env,
    ...(databases.has(instance.service) ? { database: databases.get(instance.service) } : {}),
  }));
}

function startupTest(lab: HandinLab): string {
  const servers = serversOf(lab.infrastructure).map((kind) => ({ env: SERVERS[kind].env, local: SERVERS[kind].local }));
  return `// Generado al descargar el laboratorio ${lab.id}: arranca cada servicio como un proceso real de Node
// (en puertos libres, reescribiendo localhost:<puerto declarado> en su entorno) y comprueba que publica
// /openapi.json. Un servicio que no arranca (un import roto, una variable de entorno que falta) rompe
// \`npm test\` aquí y en la CI, antes de construir su imagen.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const INSTANCES: { name: string; dir: string; port: number; env: Record<string, string>; database?: string }[] = ${JSON.stringify(startupPlan(lab), null, 2)};
const SERVERS: { env: string; local: string }[] = ${JSON.stringify(servers)};
const READY_WITHIN_MS = 60_000; // a generous bound: a busy CI runner can be slow to start Node

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Each service gets its own database (database per service); created here if it does not exist. */
async function databaseUrl(database: string): Promise<string> {
  const admin = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/postgres');
  const pg = (await import(${JSON.stringify('pg')})) as { default: { Client: new (options: { connectionString: string }) => { connect(): Promise<void>; query(sql: string, values?: unknown[]): Promise<{ rowCount: number | null }>; end(): Promise<void> } } };
  const client = new pg.default.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!exists.rowCount) await client.query(\`CREATE DATABASE "\${database}"\`);
  } finally {
    await client.end();
  }
  admin.pathname = \`/\${database}\`;
  return admin.toString();
}

const running: { name: string; child: ChildProcess; port: number; output: string[] }[] = [];

async function answers(port: number): Promise<Response | undefined> {
  try {
    return await fetch(\`http://127.0.0.1:\${port}/openapi.json\`, { signal: AbortSignal.timeout(1_000) });
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  const ports = new Map<number, number>();
  for (const instance of INSTANCES) ports.set(instance.port, await freePort());
  const rewrite = (value: string) => value.replace(/\\b(localhost|127\\.0\\.0\\.1):(\\d{2,5})\\b/g, (match, host: string, port: string) => (ports.has(Number(port)) ? \`\${host}:\${ports.get(Number(port))}\` : match));
  for (const instance of INSTANCES) {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), NODE_ENV: 'test' };
    for (const server of SERVERS) env[server.env] = process.env[server.env] ?? server.local;
    for (const [key, value] of Object.entries(instance.env)) env[key] = rewrite(value);
    if (instance.database) env.DATABASE_URL = await databaseUrl(instance.database);
    const port = ports.get(instance.port)!;
    env.PORT = String(port);
    const child = spawn(process.execPath, [\`\${instance.dir}/src/server.ts\`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    running.push({ name: instance.name, child, port, output });
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(
    running.map(({ child }) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    })),
  );
});

describe('cada servicio arranca y publica su contrato', () => {
  for (const instance of INSTANCES) {
    it(\`\${instance.name} responde GET /openapi.json\`, async () => {
      const service = running.find((entry) => entry.name === instance.name)!;
      const deadline = Date.now() + READY_WITHIN_MS;
      let response: Response | undefined;
      while (Date.now() < deadline && service.child.exitCode === null) {
        response = await answers(service.port);
        if (response?.ok) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const log = service.output.join('').slice(-2_000);
      expect(response?.ok, \`\${instance.name} no respondió en \${READY_WITHIN_MS / 1000} s (código de salida \${service.child.exitCode}). Su salida:\\n\${log}\`).toBe(true);
      const document = (await response!.json()) as { openapi?: string; paths?: object };
      expect(document.openapi).toMatch(/^3\\./);
      expect(Object.keys(document.paths ?? {}).length).toBeGreaterThan(0);
    }, READY_WITHIN_MS + 5_000);
  }
});
`;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The reader's tree plus the generated files it does not already have, and the manifest. */
export async function buildRepository(lab: HandinLab, tree: FileTree, exportedAt: Date = new Date()): Promise<FileTree> {
  const generated: FileTree = {
    'README.md': readme(lab, tree, exportedAt),
    '.gitignore': GITIGNORE,
    '.dockerignore': DOCKERIGNORE,
    Dockerfile: DOCKERFILE,
    'compose.yaml': composeFile(lab),
    '.github/workflows/ci.yml': workflow(lab),
    [STARTUP_TEST_PATH]: startupTest(lab),
    ...(databasesByService(lab.infrastructure).size > 0 ? { 'infra/postgres-init.sql': postgresInit(lab) } : {}),
  };
  const repository: FileTree = { ...tree };
  const hashes: Record<string, string> = {};
  for (const [path, content] of Object.entries(generated)) {
    if (repository[path] !== undefined) continue; // the reader's own version wins
    repository[path] = content;
    hashes[path] = await sha256(content);
  }
  const manifest: HandinManifest = { format: 1, lab: lab.id, title: lab.title, exportedAt: exportedAt.toISOString(), generated: hashes };
  repository[MANIFEST_PATH] = `${JSON.stringify(manifest, null, 2)}\n`;
  return repository;
}

/** Drops from an imported tree the manifest and the generated files the reader left as generated. */
export async function withoutGenerated(tree: FileTree, manifest: HandinManifest | undefined): Promise<FileTree> {
  const result: FileTree = { ...tree };
  delete result[MANIFEST_PATH];
  for (const [path, hash] of Object.entries(manifest?.generated ?? {})) {
    if (result[path] !== undefined && (await sha256(result[path])) === hash) delete result[path];
  }
  return result;
}

/** `foodly-lab-20-replicas-balanceo`: the zip's file name and its top folder. */
export const repositoryName = (labId: string) => `foodly-${labId}`;
