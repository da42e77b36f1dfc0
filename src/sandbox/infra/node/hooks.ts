// The module resolve hook that maps the client libraries to the sandbox's shims in Node processes
// (WebContainer services, the Node runner's services), and the names it maps. No Node or esbuild
// imports here: the WebContainer engine (in the page) writes these files into the container.

/** The package name of the bundles inside the WebContainer's node_modules. */
export const INFRA_PACKAGE = 'foodly-sandbox-infra';

/** Specifiers the hook can map, and the bundle of each (the browser engine's shim, built for Node). */
export const SHIM_MODULES = {
  amqplib: 'amqplib.mjs',
  kafkajs: 'kafkajs.mjs',
  ioredis: 'ioredis.mjs',
  pg: 'pg.mjs',
} as const;
export type ShimSpecifier = keyof typeof SHIM_MODULES;

/**
 * The `--import` file (register.mjs) and the hooks it registers (hooks.mjs, beside it). `modules` maps a bare specifier to what Node should resolve
 * instead (a package subpath such as 'foodly-sandbox-infra/amqplib.mjs', or a file URL).
 */
export function resolveHookFiles(modules: Partial<Record<ShimSpecifier, string>>): { register: string; hooks: string } {
  return {
    register: `import { register } from 'node:module';
register('./hooks.mjs', import.meta.url, { data: { modules: ${JSON.stringify(modules)} } });
`,
    hooks: `// Maps the client libraries' bare specifiers to the sandbox's shims (see bundles.ts in the repo).
let modules = {};
export function initialize(data) {
  modules = (data && data.modules) || {};
}
export async function resolve(specifier, context, nextResolve) {
  const target = modules[specifier];
  return nextResolve(target || specifier, context);
}
`,
  };
}

