// `npm run foodly [-- <lab-id>] [--infra memory]`: starts the complete current Foodly system (every
// service in the solution tree of the given lab, by default the final project's: currentSystemLabId) on localhost,
// with tagged, coloured logs. `--infra memory` (or FOODLY_INFRA=memory) runs the lab's RabbitMQ,
// Kafka, Redis and PostgreSQL emulated in this process (PGlite for SQL) instead of the real servers;
// a server that does not answer is emulated anyway (sandboxes/lib/infrastructure.ts).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { currentSystemLabId, listLabIds, loadLab, MATERIALIZED_DIR, writeTree } from './labs.ts';
import { typeStrippingNode } from './node-runner.ts';
import { infrastructureEnv } from '../../src/sandbox/contract/infrastructure.ts';
import { expandReplicas } from '../../src/sandbox/contract/replicas.ts';
import { provisionInfrastructure } from './infrastructure.ts';

const COLORS = [36, 35, 33, 32, 34, 31];
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);

const ids = await listLabIds();

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`npm run foodly [-- <laboratorio>] [--infra real|memory]

Arranca en esta máquina todos los servicios de la solución de un laboratorio, con logs etiquetados.
  <laboratorio>    por defecto ${await currentSystemLabId()} (el sistema completo). Disponibles:
                   ${ids.join(', ')}
  --infra real     PostgreSQL, Redis y RabbitMQ de esta máquina (por defecto, si responden)
  --infra memory   los servidores emulados en este proceso (también FOODLY_INFRA=memory)`);
  process.exit(0);
}
const infraFlag = args.indexOf('--infra');
if (infraFlag >= 0) {
  const mode = args.splice(infraFlag, 2)[1];
  if (mode !== 'memory' && mode !== 'real') {
    console.error(`--infra admite "memory" (servidores emulados) o "real" (los de esta máquina), no "${mode ?? ''}".`);
    process.exit(2);
  }
  if (mode === 'memory') process.env.FOODLY_INFRA = 'memory';
}
const id = args[0] ?? (await currentSystemLabId());
if (!ids.includes(id)) {
  console.error(`No existe el laboratorio "${id}". Disponibles: ${ids.join(', ')}`);
  process.exit(2);
}
const lab = await loadLab(id);
const dir = join(MATERIALIZED_DIR, 'foodly');
await writeTree(lab.solution, dir);

// Every folder with src/server.ts is a service; lab.yaml gives ports and env for the ones it names. A
// service declared with `replicas: N` (lab 17's tracking) starts once per replica, as every engine runs
// it (expandReplicas): replica k is `tracking-k` on port + 10·(k−1) with REPLICA_ID=tracking-k.
const dirs = [...new Set(Object.keys(lab.solution).filter((path) => /^[^/]+\/src\/server\.ts$/.test(path)).map((path) => path.split('/')[0]!))].sort();
const instances = expandReplicas(lab.meta.services);
type Launch = { tag: string; dir: string; service: (typeof instances)[number] | undefined };
const launches = dirs.flatMap((serviceDir): Launch[] => {
  const services = instances.filter((service) => service.dir === serviceDir);
  return services.length > 0 ? services.map((service) => ({ tag: services.length > 1 ? service.name : serviceDir, dir: serviceDir, service })) : [{ tag: serviceDir, dir: serviceDir, service: undefined }];
});
const width = Math.max(...launches.map((launch) => launch.tag.length));
const children: ChildProcess[] = [];

console.log(`Foodly · solución de ${id} (${lab.meta.title})\n`);
// The lab's servers (RabbitMQ, Redis, PostgreSQL on this machine or compose.yaml's): this run's own
// databases, Redis DB and vhost, deleted when it stops.
const infrastructure = lab.meta.infrastructure ? await provisionInfrastructure(lab.meta.infrastructure, `foodly-${process.pid}`) : undefined;
for (const note of infrastructure?.notes ?? []) console.log(`  ${note}`);
launches.forEach(({ tag: name, dir: serviceDir, service }, index) => {
  const servers = infrastructure ? infrastructureEnv(lab.meta.infrastructure, service?.service ?? serviceDir, infrastructure.addresses) : {};
  const env = { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', ...servers, ...service?.env, ...(service ? { PORT: String(service.port) } : {}) };
  const child = spawn(typeStrippingNode(), [...(infrastructure?.nodeArgs ?? []), `${serviceDir}/src/server.ts`], { cwd: dir, env: { ...env, ...infrastructure?.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const tag = paint(COLORS[index % COLORS.length]!, `[${name.padEnd(width)}]`);
  const print = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) if (line.trim() !== '') console.log(`${tag} ${line}`);
  };
  child.stdout!.on('data', print);
  child.stderr!.on('data', print);
  child.on('exit', (code, signal) => console.log(`${tag} terminó (${signal ?? `código ${code}`})`));
  children.push(child);
});

const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => void (infrastructure?.dispose() ?? Promise.resolve()).finally(() => process.exit(0)), 500);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
