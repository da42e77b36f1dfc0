// Runs a lab's checks.ts in this page against the engine's running services. checks.ts imports
// only types (erased here), so it loads as one Blob module; the checks are course code, not learner
// code, so running them on the main thread is safe.
import { runCheckList } from '../../../../sandboxes/lib/checks-core.ts';
import type { Check, CheckResult } from '../../../../sandboxes/lib/checks-types.ts';
import { createCheckContext, type CheckableEngine } from '../check-context.ts';
import { buildModuleGraph } from './loader/module-graph.ts';

export async function runChecksSource(
  engine: CheckableEngine,
  source: string,
  imports: Record<string, string>,
  timeoutMs: number,
  /** Source → code compiled at build time (the lab's mount option): then no compiler downloads. */
  compiled: ReadonlyMap<string, string> = new Map(),
): Promise<CheckResult[]> {
  const urls: string[] = [];
  const ready = compiled.get(source);
  const stripTypes = ready === undefined ? (await import('./loader/transform.ts')).stripTypes : (_path: string, text: string) => compiled.get(text) ?? text;
  try {
    const graph = await buildModuleGraph({
      tree: { 'checks.ts': source },
      entry: 'checks.ts',
      strip: stripTypes,
      resolveBare: (specifier) => imports[specifier],
      createUrl: (code) => {
        const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
        urls.push(url);
        return url;
      },
    });
    const module = (await import(/* @vite-ignore */ graph.entryUrl)) as { default?: Check[]; checks?: Check[] };
    const checks = module.default ?? module.checks;
    if (!Array.isArray(checks)) throw new Error('checks.ts debe exportar por defecto una lista de comprobaciones.');
    return await runCheckList(checks, createCheckContext(engine), { timeoutMs });
  } finally {
    for (const url of urls) URL.revokeObjectURL(url);
  }
}
