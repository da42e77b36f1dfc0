import type { ArtifactReport, Check, CheckContext, DockerfileData, DockerInstruction } from '../../lib/checks-types.ts';

type ComposeService = {
  build?: string | { context?: string; args?: Record<string, string> | string[] };
  environment?: Record<string, string> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
};
type Compose = { services?: Record<string, ComposeService> };
type Workflow = { jobs?: Record<string, { needs?: string | string[]; permissions?: Record<string, string> | string; steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[] }> };

/** Los servicios de Foodly que compose.yaml construye: nombre en compose → carpeta. */
const APP_SERVICES: Record<string, string> = { products: 'products-service', orders: 'orders-service', notifications: 'notifications-service' };

const where = (line?: number) => (line ? ` (línea ${line})` : '');

function problemsText(report: ArtifactReport): string {
  return report.problems.slice(0, 4).map((problem) => `${problem.message}${where(problem.line)}`).join('; ');
}

async function compose(ctx: CheckContext): Promise<Compose> {
  const report = await ctx.inspectFile('compose.yaml', 'compose');
  ctx.assert(report, 'No encuentro compose.yaml en la raíz del proyecto.');
  ctx.assert(report!.data && typeof report!.data === 'object', `compose.yaml no es YAML válido: ${problemsText(report!)}`);
  return report!.data as Compose;
}

async function dockerfile(ctx: CheckContext): Promise<DockerfileData> {
  const report = await ctx.inspectFile('Dockerfile', 'dockerfile');
  ctx.assert(report, 'No encuentro el Dockerfile en la raíz del proyecto.');
  ctx.assert(report!.valid, `El Dockerfile no se puede leer: ${problemsText(report!)}`);
  return report!.data as DockerfileData;
}

/** Las instrucciones de la última etapa: la que acaba siendo la imagen. */
function finalStage(data: DockerfileData): DockerInstruction[] {
  const last = data.stages.length - 1;
  return data.instructions.filter((instruction) => instruction.stage === last);
}

function asRecord(value: Record<string, string> | string[] | undefined): Record<string, string> {
  if (!value) return {};
  if (!Array.isArray(value)) return value;
  return Object.fromEntries(value.map((entry) => [entry.split('=')[0] ?? '', entry.slice(entry.indexOf('=') + 1)]));
}

async function workflow(ctx: CheckContext): Promise<Workflow> {
  const report = await ctx.inspectFile('.github/workflows/ci.yml', 'github-workflow');
  ctx.assert(report, 'No encuentro .github/workflows/ci.yml.');
  return (report!.data ?? {}) as Workflow;
}

export default [
  {
    name: 'Los servicios siguen respondiendo (products /ping, orders /ping)',
    onStart: 'pass',
    run: async (ctx) => {
      for (const service of ['products', 'orders']) {
        const response = await ctx.request(service, '/ping');
        ctx.assert(response.status === 200, `GET /ping en ${service} debería responder 200 y respondió ${response.status}: ¿has roto su server.ts?`);
      }
    },
  },
  {
    name: 'compose.yaml es válido según la especificación de Compose',
    onStart: 'fail',
    run: async (ctx) => {
      const report = await ctx.inspectFile('compose.yaml', 'compose');
      ctx.assert(report, 'No encuentro compose.yaml en la raíz del proyecto.');
      ctx.assert(report!.valid, `docker compose rechazaría compose.yaml: ${problemsText(report!)}`);
    },
  },
  {
    name: 'Cada servicio se construye con el Dockerfile y su carpeta en el argumento SERVICE',
    onStart: 'fail',
    run: async (ctx) => {
      const services = (await compose(ctx)).services ?? {};
      for (const [name, dir] of Object.entries(APP_SERVICES)) {
        const service = services[name];
        ctx.assert(service, `compose.yaml no tiene el servicio ${name}.`);
        const build = typeof service!.build === 'string' ? { context: service!.build } : service!.build;
        ctx.assert(build, `services.${name} no tiene build: se construye con el Dockerfile del proyecto (build: { context: ., args: { SERVICE: ${dir} } }).`);
        const args = asRecord(build!.args);
        ctx.assert(args.SERVICE === dir, `services.${name}.build.args.SERVICE debería ser ${dir} (la carpeta que copia el Dockerfile) y es ${JSON.stringify(args.SERVICE)}.`);
        ctx.assert((await ctx.readFile(`${dir}/src/server.ts`)) !== undefined, `SERVICE=${dir}, pero ${dir}/src/server.ts no existe.`);
      }
    },
  },
  {
    name: 'RabbitMQ tiene healthcheck y orders y notifications lo esperan (service_healthy), sin el usuario guest',
    onStart: 'fail',
    run: async (ctx) => {
      const services = (await compose(ctx)).services ?? {};
      const rabbitmq = services.rabbitmq;
      ctx.assert(rabbitmq, 'compose.yaml no tiene el servicio rabbitmq.');
      ctx.assert(rabbitmq!.healthcheck?.test && !rabbitmq!.healthcheck.disable, 'services.rabbitmq no tiene healthcheck: añade test: ["CMD", "rabbitmq-diagnostics", "-q", "ping"] (con interval, retries y start_period).');
      for (const name of ['orders', 'notifications']) {
        const dependsOn = services[name]?.depends_on;
        ctx.assert(dependsOn && !Array.isArray(dependsOn), `services.${name}.depends_on es una lista: así Compose solo espera a que el contenedor arranque, no a que RabbitMQ acepte conexiones. Usa la forma larga con condition: service_healthy.`);
        const condition = (dependsOn as Record<string, { condition?: string }>).rabbitmq?.condition;
        ctx.assert(condition === 'service_healthy', `services.${name}.depends_on.rabbitmq.condition debería ser service_healthy y es ${JSON.stringify(condition)}.`);
        const amqpUrl = asRecord(services[name]?.environment).AMQP_URL ?? '';
        ctx.assert(amqpUrl !== '' && !/\/\/guest:/.test(amqpUrl), `services.${name}.environment.AMQP_URL ${amqpUrl ? 'usa el usuario guest, que RabbitMQ solo acepta desde localhost' : 'no existe'}: crea un usuario con RABBITMQ_DEFAULT_USER y RABBITMQ_DEFAULT_PASS en rabbitmq y úsalo.`);
      }
    },
  },
  {
    name: 'Dockerfile multi-stage: la imagen final copia node_modules de la etapa de build',
    onStart: 'fail',
    run: async (ctx) => {
      const data = await dockerfile(ctx);
      ctx.assert(data.stages.length >= 2, `El Dockerfile tiene ${data.stages.length} etapa(s): usa dos (FROM node:24-alpine AS deps para instalar, y otro FROM para la imagen final).`);
      const copiesFromBuild = finalStage(data).some((instruction) => instruction.keyword === 'COPY' && (instruction.flags ?? []).some((flag) => flag.name === 'from'));
      ctx.assert(copiesFromBuild, 'La etapa final no copia nada de la de build: COPY --from=deps /app/node_modules ./node_modules.');
      ctx.assert(data.stages.every((stage) => /^node:24/.test(stage.image)), `Las imágenes base deberían ser Node 24 (node:24-alpine); son ${data.stages.map((stage) => stage.image).join(', ')}.`);
    },
  },
  {
    name: 'Dockerfile: npm ci --omit=dev en la etapa de build (y ningún npm install)',
    onStart: 'fail',
    run: async (ctx) => {
      const data = await dockerfile(ctx);
      const runs = data.instructions.filter((instruction) => instruction.keyword === 'RUN');
      const install = runs.find((instruction) => /\bnpm (install|i)\b/.test(instruction.args));
      ctx.assert(!install, `Línea ${install?.line}: npm install puede cambiar versiones respecto al lock; usa npm ci, que instala exactamente package-lock.json.`);
      const ci = runs.find((instruction) => /\bnpm ci\b/.test(instruction.args));
      ctx.assert(ci, 'Ningún RUN ejecuta npm ci.');
      ctx.assert(/--omit=dev\b/.test(ci!.args), `Línea ${ci!.line}: npm ci sin --omit=dev mete en la imagen Vitest y demás devDependencies.`);
      ctx.assert(ci!.stage < data.stages.length - 1, `Línea ${ci!.line}: npm ci está en la etapa final; hazlo en la de build y copia node_modules.`);
    },
  },
  {
    name: 'Dockerfile: la imagen final corre con un usuario sin privilegios (USER)',
    onStart: 'fail',
    run: async (ctx) => {
      const users = finalStage(await dockerfile(ctx)).filter((instruction) => instruction.keyword === 'USER');
      const user = users.at(-1);
      ctx.assert(user, 'La etapa final no tiene USER: el proceso corre como root. Añade USER node (la imagen oficial de Node ya trae ese usuario, uid 1000).');
      ctx.assert(!/^(root|0)(:|$)/.test(user!.args.trim()), `Línea ${user!.line}: USER ${user!.args} sigue siendo root.`);
    },
  },
  {
    name: 'Dockerfile: HEALTHCHECK contra /ping y CMD en forma exec',
    onStart: 'fail',
    run: async (ctx) => {
      const final = finalStage(await dockerfile(ctx));
      const healthcheck = final.find((instruction) => instruction.keyword === 'HEALTHCHECK');
      ctx.assert(healthcheck && /\/(ping|health)\b/.test(healthcheck.args), 'Falta un HEALTHCHECK que llame a /ping (o /health), p. ej. con node -e "fetch(…)": la imagen no trae curl.');
      const cmd = final.filter((instruction) => instruction.keyword === 'CMD').at(-1);
      ctx.assert(cmd, 'La etapa final no tiene CMD.');
      ctx.assert(cmd!.args.trim().startsWith('['), `Línea ${cmd!.line}: CMD ${cmd!.args} está en forma shell: /bin/sh es el PID 1 y no pasa SIGTERM a node. Usa la forma exec: CMD ["node", "src/server.ts"].`);
    },
  },
  {
    name: 'Dockerfile: ningún secreto en ENV ni ARG',
    onStart: 'fail',
    run: async (ctx) => {
      const data = await dockerfile(ctx);
      for (const instruction of data.instructions.filter((candidate) => candidate.keyword === 'ENV' || candidate.keyword === 'ARG')) {
        const names = instruction.properties?.map((property) => property.name) ?? [instruction.args.split('=')[0] ?? ''];
        const secret = names.find((name) => /SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE/i.test(name));
        ctx.assert(!secret, `Línea ${instruction.line}: ${instruction.keyword} ${secret} queda dentro de la imagen (docker history lo enseña a quien la descargue). Pásalo al arrancar: environment en compose.yaml, un Secret en Kubernetes.`);
      }
    },
  },
  {
    name: 'El workflow es válido para GitHub Actions',
    onStart: 'fail',
    run: async (ctx) => {
      const report = await ctx.inspectFile('.github/workflows/ci.yml', 'github-workflow');
      ctx.assert(report, 'No encuentro .github/workflows/ci.yml.');
      ctx.assert(report!.valid, `GitHub rechazaría .github/workflows/ci.yml: ${problemsText(report!)}`);
    },
  },
  {
    name: 'El workflow prueba con npm ci y caché, y luego construye y publica la imagen en GHCR con caché de capas',
    onStart: 'fail',
    run: async (ctx) => {
      const jobs = (await workflow(ctx)).jobs ?? {};
      const steps = Object.values(jobs).flatMap((job) => job.steps ?? []);
      const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node'));
      ctx.assert(setupNode?.with?.cache === 'npm', 'Usa actions/setup-node con cache: npm: sin caché, cada ejecución descarga todas las dependencias.');
      ctx.assert(steps.some((step) => /\bnpm ci\b/.test(step.run ?? '')), 'Los tests deben instalar con npm ci (el lock), no con npm install.');
      const entry = Object.entries(jobs).find(([, job]) => (job.steps ?? []).some((step) => step.uses?.startsWith('docker/build-push-action')));
      ctx.assert(entry, 'Ningún job construye la imagen con docker/build-push-action.');
      const [name, job] = entry!;
      const testJob = Object.entries(jobs).find(([, candidate]) => (candidate.steps ?? []).some((step) => /\bnpm (test|run test)\b/.test(step.run ?? '')))?.[0];
      const needs = Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : [];
      ctx.assert(testJob && needs.includes(testJob), `El job ${name} debería tener needs: ${testJob ?? 'test'}: no se publica una imagen cuyos tests no han pasado.`);
      ctx.assert(typeof job.permissions === 'object' && job.permissions.packages === 'write', `El job ${name} necesita permissions: packages: write para publicar en GHCR con GITHUB_TOKEN.`);
      const build = job.steps!.find((step) => step.uses?.startsWith('docker/build-push-action'))!.with ?? {};
      ctx.assert(/ghcr\.io\//.test(String(build.tags ?? '')), 'La imagen debería etiquetarse en ghcr.io/<usuario>/… (tags de docker/build-push-action).');
      ctx.assert(/^type=gha/.test(String(build['cache-from'] ?? '')) && /^type=gha/.test(String(build['cache-to'] ?? '')), 'Añade cache-from: type=gha y cache-to: type=gha,mode=max: sin ellos cada build repite npm ci.');
    },
  },
  {
    name: 'products-service se apaga en orden con SIGTERM (server.close)',
    onStart: 'fail',
    run: async (ctx) => {
      const server = (await ctx.readFile('products-service/src/server.ts')) ?? '';
      ctx.assert(/process\.(on|once)\(\s*['"]SIGTERM['"]/.test(server), 'products-service/src/server.ts no maneja SIGTERM: Docker y Kubernetes lo mandan al parar el contenedor y, sin manejador, node como PID 1 lo ignora hasta el SIGKILL.');
      ctx.assert(/\.close\(/.test(server), 'Al recibir SIGTERM, cierra el servidor (server.close()) para terminar las peticiones en curso antes de salir.');
    },
  },
] satisfies Check[];
