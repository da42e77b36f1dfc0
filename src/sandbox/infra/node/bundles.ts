// The infrastructure for Node processes, bundled by esbuild (build time: scripts/webcontainer-deps.ts
// puts them in the WebContainer's node_modules; the Node runner builds them once per process):
//   host.mjs     the infrastructure host process (host-process.ts: AmqpBroker, KafkaCluster, RedisHost)
//   postgres-host.mjs  PostgresHost, imported by host.mjs only for a lab that declares PostgreSQL;
//                @electric-sql/pglite stays external: it loads its .wasm/.data beside its own
//                module, from the container's node_modules
//   amqplib.mjs, kafkajs.mjs, ioredis.mjs, pg.mjs (node-postgres itself, bundled, over the host)
//                the browser engine's own shims (engines/browser/shims/), with their
//                infrastructure-link.ts swapped for link.ts (TCP to the host instead of a MessagePort)
// The resolve hook that maps the bare specifiers to those shims (register.mjs + hooks.mjs, loaded
// with `--import`, so the learner's `import amqp from 'amqplib'` is unchanged) is in hooks.ts.
import { build, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { INFRA_PACKAGE } from './hooks.ts';

export { INFRA_PACKAGE, resolveHookFiles, SHIM_MODULES, type ShimSpecifier } from './hooks.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The shims import './infrastructure-link.ts' (MessagePorts); for Node they get link.ts (TCP). */
const nodeLink: Plugin = {
  name: 'node-infrastructure-link',
  setup(build) {
    build.onResolve({ filter: /\/infrastructure-link\.ts$/ }, () => ({ path: here('./link.ts') }));
  },
};

// CommonJS dependencies (ioredis-mock and its Lua VM) call require() on Node builtins: give the ESM
// bundle a real one.
const requireBanner = "import { createRequire as __foodlyCreateRequire } from 'node:module'; const require = __foodlyCreateRequire(import.meta.url);";

/** host.ts imports ../postgres/host.ts lazily: in the bundle that is the separate postgres-host.mjs. */
const postgresApart: Plugin = {
  name: 'postgres-host-apart',
  setup(build) {
    build.onResolve({ filter: /\/postgres\/host\.ts$/ }, (args) => (args.importer.endsWith('/node/host.ts') ? { path: './postgres-host.mjs', external: true } : undefined));
  },
};

let built: Promise<Record<string, string>> | undefined;

/** File name → source of every bundle plus the hook files, for one folder. */
export function buildNodeInfrastructureBundles(): Promise<Record<string, string>> {
  built ??= (async () => {
    const entries: Record<string, string> = {
      host: here('./host-process.ts'),
      'postgres-host': here('../postgres/host.ts'),
      amqplib: here('../../engines/browser/shims/amqplib.ts'),
      kafkajs: here('../../engines/browser/shims/kafkajs.ts'),
      ioredis: here('../../engines/browser/shims/ioredis.ts'),
      pg: here('../../engines/browser/shims/pg.ts'),
    };
    const result = await build({
      entryPoints: entries,
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outdir: '/out',
      outExtension: { '.js': '.mjs' },
      banner: { js: requireBanner },
      plugins: [nodeLink, postgresApart],
      // pg's optional native binding and Cloudflare socket are never reached over a HostedConnection.
      external: ['@electric-sql/pglite', 'pg-native', 'pg-cloudflare'],
      logLevel: 'silent',
      legalComments: 'none',
      minifyWhitespace: true,
      minifySyntax: true,
      // Error classes keep their names (a learner's log says DatabaseError, not DatabaseError4).
      keepNames: true,
    });
    const files: Record<string, string> = {};
    for (const output of result.outputFiles) files[output.path.replace(/^\/out\//, '')] = output.text;
    return files;
  })();
  built.catch(() => (built = undefined));
  return built;
}

/** What the WebContainer's node_modules gets: the package `foodly-sandbox-infra` (bundles only). */
export async function infrastructurePackageFiles(): Promise<Record<string, string>> {
  const bundles = await buildNodeInfrastructureBundles();
  return { 'package.json': JSON.stringify({ name: INFRA_PACKAGE, version: '0.0.0', private: true, type: 'module' }), ...bundles };
}
