// How to run a TypeScript entry on the container's Node: natively where Node strips types by
// default (22.18+, 23.6+), with the flag where it exists (22.6+), and otherwise (Node 20, the
// WebContainer default) through module hooks that strip types with sucrase.
//
// The hooks are two real files mounted in the lab folder, not a `data:` URL: a `data:` module cannot
// resolve the bare specifier 'sucrase' on Node 20 (ERR_UNSUPPORTED_RESOLVE_REQUEST). From a file
// under labs/<id>/.sandbox/, 'sucrase' resolves by walking up to the container's node_modules.

/** Loaded with --import: registers the hooks (module.register exists from Node 20.6). */
export const REGISTER_HOOKS = '.sandbox/register-strip-types.mjs';
export const STRIP_TYPES_HOOKS = '.sandbox/strip-types-hooks.mjs';

export function nodeArgsFor(version: string, entry: string): string[] {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const native = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
  if (native) return [entry];
  if (major === 23 || (major === 22 && minor >= 6)) return ['--experimental-strip-types', '--no-warnings', entry];
  // Node 22 has the global (WHATWG) WebSocket a service may open; 20.10+ and 21 have it behind a flag.
  const websocket = (major === 20 && minor >= 10) || major === 21 ? ['--experimental-websocket'] : [];
  return [...websocket, '--import', `./${REGISTER_HOOKS}`, entry];
}

const registerSource = `import { register } from 'node:module';
register('./strip-types-hooks.mjs', import.meta.url);
`;

/**
 * load() hook: .ts files are type-stripped with sucrase (which keeps line numbers). A syntax error
 * is rethrown as Node's own would read: "file:line:column" then "SyntaxError: message", so the
 * engine's crash report (crashFromLogs) can point the editor at it.
 */
const hooksSource = `import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'sucrase';

export async function load(url, context, nextLoad) {
  if (!/\\.[mc]?ts$/.test(new URL(url).pathname)) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  try {
    const { code } = transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: false, filePath: fileURLToPath(url) });
    return { format: 'module', source: code, shortCircuit: true };
  } catch (error) {
    // sucrase ends its message with "(line:column)", both 1-based, after "Error transforming <file>: ".
    const at = /\\((\\d+):(\\d+)\\)\\s*$/.exec(error.message);
    const message = error.message.replace(/^Error transforming [^:]*: /, '').replace(/\\s*\\(\\d+:\\d+\\)\\s*$/, '');
    const where = at ? fileURLToPath(url) + ':' + at[1] + ':' + at[2] : fileURLToPath(url);
    const syntax = new SyntaxError(message + ' (' + where + ')');
    syntax.stack = where + '\\nSyntaxError: ' + message;
    throw syntax;
  }
}
`;

/** The files nodeArgsFor's hook arguments need, by path relative to the lab folder. */
export function typeScriptRunnerFiles(): Record<string, string> {
  return { [REGISTER_HOOKS]: registerSource, [STRIP_TYPES_HOOKS]: hooksSource };
}

/** The smoke probe run right after mounting: TypeScript syntax that must be stripped to run. */
export const SMOKE_PROBE = '.sandbox/smoke-probe.ts';
export const SMOKE_MARKER = 'sandbox-smoke-ok';
export const smokeProbeSource = `type Probe = { ok: boolean };
const probe: Probe = { ok: true };
console.log(probe.ok ? '${SMOKE_MARKER}' : 'sandbox-smoke-bad');
`;
