// The hand-in's zip and import, over a real lab's files and over hostile archives built with fflate.
import { zipSync, strToU8 } from 'fflate';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../sandboxes/lib/labs.ts';
import { importRepository } from './import.ts';
import { buildRepository, MANIFEST_PATH, STARTUP_TEST_PATH, repositoryName, type HandinLab } from './repository.ts';
import { IMPORT_LIMITS, readZip, zipRepository } from './zip.ts';

const LAB_ID = 'lab-20-replicas-balanceo';

async function labAndTree() {
  const loaded = await loadLab(LAB_ID);
  const lab: HandinLab = { id: loaded.id, title: loaded.meta.title, services: loaded.meta.services, ...(loaded.meta.infrastructure ? { infrastructure: loaded.meta.infrastructure } : {}) };
  return { lab, tree: loaded.solution };
}

/** A zip from raw entries (names as given: fflate does not check them). */
const zipOf = (entries: Record<string, string | Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([name, content]) => [name, typeof content === 'string' ? strToU8(content) : content])));

describe('download → import round trip', () => {
  it('gives back exactly the reader’s files, under GitHub’s single top folder', async () => {
    const { lab, tree } = await labAndTree();
    const edited = { ...tree, 'products-service/src/app.ts': `${tree['products-service/src/app.ts']}\n// mi cambio: ñ, €, 🍕\n` };
    const repository = await buildRepository(lab, edited, new Date('2026-12-06T10:00:00Z'));
    const bytes = zipRepository(repository, repositoryName(LAB_ID));
    const outcome = await importRepository(bytes, lab);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.tree).toEqual(edited);
    expect(outcome.manifest?.lab).toBe(LAB_ID);
  });

  it('keeps a generated file the reader changed, and never replaces one the reader already had', async () => {
    const { lab, tree } = await labAndTree();
    const mine = { ...tree, 'compose.yaml': 'services: {}\n# el mío\n' };
    const repository = await buildRepository(lab, mine);
    expect(repository['compose.yaml']).toBe('services: {}\n# el mío\n');
    repository['README.md'] += '\nNotas mías.\n';
    const outcome = await importRepository(zipRepository(repository, 'x'), lab);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.tree['README.md']).toContain('Notas mías.');
    expect(outcome.tree['compose.yaml']).toContain('# el mío');
    expect(outcome.tree['Dockerfile']).toBeUndefined();
    expect(outcome.tree[MANIFEST_PATH]).toBeUndefined();
  });
});

describe('the generated repository', () => {
  it('describes the lab’s services, servers and replicas', async () => {
    const { lab, tree } = await labAndTree();
    const repository = await buildRepository(lab, tree);
    const readme = repository['README.md']!;
    for (const service of lab.services) {
      expect(readme).toContain(`\`${service.dir}/\``);
      expect(readme).toContain(`PORT=${service.port}`);
    }
    expect(readme).toContain('products (3 réplicas)');
    expect(readme).toContain('REDIS_URL');

    const compose = parse(repository['compose.yaml']!) as { services: Record<string, { environment: Record<string, string>; build: { args: Record<string, string> }; depends_on?: Record<string, unknown> }> };
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'orders', 'products-1', 'products-2', 'products-3', 'redis'].sort());
    // The gateway reaches each replica by its compose host name, at the port the replica listens on.
    expect(compose.services.gateway!.environment.PRODUCTS_URLS).toBe('http://products-1:3102,http://products-2:3112,http://products-3:3122');
    expect(compose.services['products-2']!.environment).toMatchObject({ PORT: '3112', REPLICA_ID: 'products-2', REDIS_URL: 'redis://redis:6379' });
    expect(compose.services['products-1']!.build.args.SERVICE_DIR).toBe('products-service');
    expect(compose.services['products-1']!.depends_on).toEqual({ redis: { condition: 'service_healthy' } });

    const ci = parse(repository['.github/workflows/ci.yml']!) as { jobs: { test: { services: Record<string, unknown>; steps: { run?: string }[] }; image: { strategy: { matrix: { service: { name: string; dir: string }[] } } } } };
    expect(Object.keys(ci.jobs.test.services)).toEqual(['redis']);
    expect(ci.jobs.test.steps.map((step) => step.run).filter(Boolean)).toEqual(['npm ci', 'npm test']);
    expect(ci.jobs.image.strategy.matrix.service.map((entry) => entry.dir)).toEqual(lab.services.map((service) => service.dir));

    const dockerfile = repository['Dockerfile']!;
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(repository[STARTUP_TEST_PATH]).toContain('"name": "products-3"');
    expect(repository['.gitignore']).toContain('node_modules/');
  });

  it('gives each service that owns a database its own, in compose and in the CI job', async () => {
    const { lab, tree } = await labAndTree();
    const withDb: HandinLab = { ...lab, infrastructure: { ...lab.infrastructure, postgres: { databases: { orders: 'orders' } } } };
    const repository = await buildRepository(withDb, tree);
    const compose = parse(repository['compose.yaml']!) as { services: Record<string, { environment?: Record<string, string>; depends_on?: Record<string, unknown> }> };
    expect(compose.services.orders!.environment!.DATABASE_URL).toBe('postgres://postgres:foodly@postgres:5432/orders');
    expect(compose.services.orders!.depends_on).toHaveProperty('postgres');
    expect(compose.services.gateway!.environment!.DATABASE_URL).toBeUndefined();
    expect(repository['infra/postgres-init.sql']).toContain('CREATE DATABASE orders;');
    expect(repository[STARTUP_TEST_PATH]).toContain('"database": "orders"');
  });
});

describe('a bad upload is refused with a reason and nothing else', () => {
  const lab = (async () => (await labAndTree()).lab)();

  const refused = async (bytes: Uint8Array, message: RegExp) => {
    const outcome = await importRepository(bytes, await lab);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(message);
  };

  it('not a zip', async () => {
    await refused(strToU8('console.log("hola")'), /no es un \.zip/);
    await refused(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /no es un \.zip/);
  });

  it('a truncated zip', async () => {
    const { tree } = await labAndTree();
    const bytes = zipRepository(tree, 'repo');
    await refused(bytes.subarray(0, Math.floor(bytes.length / 2)), /incompleto o dañado|dañado/);
  });

  it('a zip bomb stops at the limit, not at its size', async () => {
    const bomb = zipSync({ 'repo/package.json': strToU8('{}'), 'repo/orders-service/src/server.ts': new Uint8Array(16 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refused(bomb, /(descomprimido|al descomprimirlo)/);
  });

  it('a bomb hidden in ignored folders still counts toward the total', async () => {
    const bomb = zipSync({ 'repo/node_modules/x.bin': new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
    await refused(bomb, /pasa de 32 MB/);
  });

  it('paths that leave the folder, absolute, Windows-style or duplicated', async () => {
    await refused(zipOf({ '../evil.ts': 'x' }), /«\.\.»/);
    await refused(zipOf({ 'repo/../../evil.ts': 'x' }), /«\.\.»/);
    await refused(zipOf({ '/etc/passwd': 'x' }), /absoluta/);
    await refused(zipOf({ 'C:/x.ts': 'x' }), /Windows/);
    await refused(zipOf({ 'repo\\x.ts': 'x' }), /barras invertidas/);
  });

  it('too large: the archive, one file, too many files', async () => {
    await refused(new Uint8Array(IMPORT_LIMITS.zipBytes + 1).fill(0x50), /ocupa 8 MB/);
    const big = zipOf({ 'repo/package.json': '{}', 'repo/big.ts': 'x'.repeat(IMPORT_LIMITS.fileBytes + 1) });
    await refused(big, /límite por archivo|pasa de 512 KB/);
    const many: Record<string, string> = {};
    for (let i = 0; i <= IMPORT_LIMITS.files; i++) many[`repo/f${i}.ts`] = '';
    await refused(zipOf(many), /más de 1000 archivos/);
  });

  it('the wrong structure, or another lab’s repository', async () => {
    await refused(zipOf({ 'repo/README.md': '# hola' }), /falta package\.json, products-service\/src\/server\.ts/);
    const { lab: real, tree } = await labAndTree();
    const other = await buildRepository({ ...real, id: 'lab-13-eventos-rabbitmq', title: 'Otro' }, tree);
    await refused(zipRepository(other, 'repo'), /es del laboratorio «Otro» \(lab-13-eventos-rabbitmq\)/);
  });

  it('skips dependencies, git data and binary files, and says which', () => {
    const outcome = readZip(zipOf({ 'r/package.json': '{}', 'r/node_modules/hono/index.js': 'x', 'r/.git/HEAD': 'ref', 'r/logo.png': new Uint8Array([0x89, 0x50, 0xff, 0xfe, 0]) }));
    expect(outcome).toEqual({ ok: true, tree: { 'package.json': '{}' }, ignored: ['.git/HEAD', 'logo.png', 'node_modules/hono/index.js'] });
  });
});
