// TypeScript → JavaScript by erasing types (sucrase), keeping ESM and modern syntax untouched.
import { transform } from 'sucrase';
import { ModuleError } from './errors.ts';
import { isCode, positionOf } from './resolve.ts';

export function stripTypes(path: string, source: string): string {
  if (path.endsWith('.json')) return source;
  try {
    return transform(source, {
      transforms: ['typescript'],
      filePath: path,
      // Same semantics as Node's type stripping (verbatimModuleSyntax): imports are kept as written.
      keepUnusedImports: true,
      disableESTransforms: true,
    }).code;
  } catch (error) {
    throw syntaxErrorFrom(path, source, error);
  }
}

/** Every TypeScript/JavaScript file of a tree with its stripped code (at build time, in Node). */
export function compileTree(tree: Record<string, string>): { source: string; code: string }[] {
  const compiled: { source: string; code: string }[] = [];
  for (const [path, source] of Object.entries(tree)) {
    if (!isCode(path)) continue;
    try {
      compiled.push({ source, code: stripTypes(path, source) });
    } catch {
      // A lab may ship a file that does not compile on purpose: the engine reports it on start.
    }
  }
  return compiled;
}

function syntaxErrorFrom(path: string, source: string, error: unknown): ModuleError {
  const raw = error instanceof Error ? error.message : String(error);
  // Sucrase: "Error transforming src/app.ts: Unexpected token (2:19)"; `pos` is the offset.
  const detail = raw.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '');
  const pos = (error as { pos?: unknown }).pos;
  const where = typeof pos === 'number' ? positionOf(source, pos) : {};
  const position = { file: path, ...where };
  const message = `Error de sintaxis en ${formatLocation(position)}: ${detail}`;
  return new ModuleError(message, position);
}

function formatLocation(p: { file: string; line?: number; column?: number }): string {
  return p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column}`;
}
